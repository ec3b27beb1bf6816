using System;
using System.Linq;
using System.Management.Automation;
using SiteStatus.Checking;
using SiteStatus.History;

namespace SiteStatus.Commands;

/// <summary>
/// What the commands that read and trim a history share: the database (the checking commands' own -HistoryPath), the
/// URLs given as they match the results' Uri, and how a file that cannot be used becomes the error that names it.
/// </summary>
public abstract class HistoryCommandBase : PSCmdlet
{
    /// <summary>
    /// <para type="description">The history database that the checking commands' -HistoryPath wrote.</para>
    /// </summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? HistoryPath { get; set; }

    /// <summary>The category of the error a history's failure is.</summary>
    internal static ErrorCategory Category(HistoryFileException e) => e.ErrorId switch
    {
        HistoryFileException.Locked => ErrorCategory.ResourceBusy,
        HistoryFileException.Unreadable => ErrorCategory.InvalidData,
        HistoryFileException.NotFound => ErrorCategory.ObjectNotFound,
        HistoryFileException.Unavailable => ErrorCategory.NotInstalled,
        _ => ErrorCategory.WriteError,
    };

    /// <summary>Each URL as the results write it (a bare host is https://host/), or a pattern with * or ? as given.</summary>
    private protected static string[] Patterns(string[]? uris) => uris?.Select(uri => UriPattern.AsWritten(uri, out _) ?? uri.Trim()).ToArray() ?? ["*"];

    /// <summary>Stops the command with a parameter error: a range that can hold nothing, or would remove more than meant.</summary>
    private protected void ThrowParameterError(string errorId, string message, object? target) =>
        ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target));

    /// <summary>Opens the history, lets <paramref name="use"/> read (<paramref name="readOnly"/>) or trim it, and lets it go; a failure is a terminating error naming the file.</summary>
    private protected void WithHistory(bool readOnly, Action<HistoryStore> use)
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(HistoryPath!);
        try
        {
            using var store = HistoryStore.OpenExisting(path, HistoryStore.LockWait, readOnly);
            use(store);
        }
        catch (HistoryFileException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, Category(e), path));
        }
    }
}
