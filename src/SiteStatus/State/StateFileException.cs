using System;

namespace SiteStatus.State;

/// <summary>Why a state file cannot be used: another run holds it, it is not a state file this module can read, or it cannot be written.</summary>
internal sealed class StateFileException(string errorId, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Another run holds the file, past the wait.</summary>
    public const string Locked = "StateLocked";

    /// <summary>The file is corrupt, truncated, foreign or newer than this module reads.</summary>
    public const string Unreadable = "StateUnreadable";

    /// <summary>The file, its folder or its lock file beside it cannot be written.</summary>
    public const string NotSaved = "StateNotSaved";

    public string ErrorId { get; } = errorId;
}
