using System;

namespace SiteStatus.State;

/// <summary>Why a state file cannot be used: another run holds it, or it is not a state file this module can read.</summary>
internal sealed class StateFileException(string errorId, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Another run holds the file, past the wait.</summary>
    public const string Locked = "StateLocked";

    /// <summary>The file is corrupt, truncated, foreign or newer than this module reads.</summary>
    public const string Unreadable = "StateUnreadable";

    public string ErrorId { get; } = errorId;
}
