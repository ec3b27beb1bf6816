using System.Globalization;
using System.Management.Automation;
using SiteStatus.Checking;
using SiteStatus.History;
using SiteStatus.Locations;

namespace SiteStatus.Commands;

/// <summary>
/// The history of a run (-HistoryPath): opened before the checks, each result written appended to it off the pipeline
/// thread (<see cref="HistoryWriter"/>), and what is queued written at the end. Kept here, by the command the user ran,
/// like the state: it never crosses to the locations.
/// </summary>
public abstract partial class SiteCheckCommandBase
{
    private HistoryWriter? _history;

    /// <summary>
    /// <para type="description">A SQLite database that keeps every result of the run, for Get-SiteStatusHistory to read back: its URL, Location, time, Status, Failure, StatusCode, ResponseTimeMs, Reason and Maintenance, one row per result written (with -Quorum, the quorum's verdict, with no location). Created when missing, with its folder. Several runs may write one file at once: a run that finds another writing waits up to 10 s, then fails with HistoryLocked. A file that is not a SiteStatus history, or is damaged, or was written by a newer SiteStatus, is HistoryUnreadable and left as it is. Remove-SiteStatusHistory keeps it bounded.</para>
    /// </summary>
    [Parameter]
    [NotSentToLocations]
    [ValidateNotNullOrEmpty]
    public string? HistoryPath { get; set; }

    /// <summary>What the history keeps as a check's status: the result's. A report's may be Degraded.</summary>
    private protected virtual SiteState HistoryStatus(ProbeOutcome outcome) => SiteStatusResult.StateOf(outcome);

    /// <summary>The history of the run (-HistoryPath), or null; a file that cannot be used is a terminating error naming it, before any check.</summary>
    private HistoryWriter? OpenHistory()
    {
        if (HistoryPath is null)
        {
            return null;
        }

        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(HistoryPath);
        try
        {
            return new HistoryWriter(HistoryStore.Open(path, HistoryStore.LockWait));
        }
        catch (HistoryFileException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, HistoryCommandBase.Category(e), path));
            return null;
        }
    }

    /// <summary>Queues a result for the history, and reports a write that failed meanwhile.</summary>
    private void Record(HistoryOutcome outcome)
    {
        if (_history is { } history)
        {
            history.Add(outcome);
            ReportHistoryFault(history);
        }
    }

    /// <summary>Writes what is still queued and reports a write that failed.</summary>
    private void CloseHistory()
    {
        if (_history is { } history)
        {
            history.Complete();
            ReportHistoryFault(history);
        }
    }

    // Not terminating: the checks go on, only their history is lost, and the message says from where.
    private void ReportHistoryFault(HistoryWriter history)
    {
        if (history.TakeFault() is { } fault)
        {
            WriteError(new ErrorRecord(fault, fault.ErrorId, HistoryCommandBase.Category(fault), history.Path)
            {
                ErrorDetails = new ErrorDetails(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} This run's results after the first {1} are not recorded in it.",
                    fault.Message,
                    history.Written)),
            });
        }
    }
}
