using System;

namespace SiteStatus.History;

/// <summary>Why a history database cannot be used, or could not take what a run checked.</summary>
internal sealed class HistoryFileException(string errorId, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Another run or program held the database's write lock, past the wait.</summary>
    public const string Locked = "HistoryLocked";

    /// <summary>The file is not a SQLite database, is corrupt, is another program's database, or has a newer schema.</summary>
    public const string Unreadable = "HistoryUnreadable";

    /// <summary>The file to read or trim is not there.</summary>
    public const string NotFound = "HistoryNotFound";

    /// <summary>Writing failed for another reason: the disk is full, the file or its folder may not be written.</summary>
    public const string NotSaved = "HistoryNotSaved";

    /// <summary>SQLite's native library could not be loaded on this platform.</summary>
    public const string Unavailable = "HistoryUnavailable";

    public string ErrorId { get; } = errorId;
}
