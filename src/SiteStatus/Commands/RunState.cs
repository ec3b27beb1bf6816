using System;
using System.IO;
using System.Threading;
using SiteStatus.Checking;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>
/// The state file of one run (-StatePath), a stage after the outcome: read and held before the checks, each outcome
/// merged on the pipeline thread as it is written, written once at the end, and let go.
/// </summary>
internal sealed class RunState : IDisposable
{
    private readonly StateStore _store;
    private readonly StateTracker _tracker;

    // Written, or not to be written: either way the file is not written again.
    private bool _settled;

    private RunState(StateStore store, StateTracker tracker)
    {
        _store = store;
        _tracker = tracker;
    }

    /// <summary>Reads the file and holds it for the run: a second run on it waits.</summary>
    /// <exception cref="StateFileException">The file cannot be used, or another run held it too long.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="stopping"/> fired while waiting for the file.</exception>
    public static RunState Open(string path, int failureThreshold, int successThreshold, TimeSpan? reminderInterval, CancellationToken stopping)
    {
        var store = StateStore.Open(path, stopping);
        return new RunState(store, new StateTracker(store.Sites, failureThreshold, successThreshold, reminderInterval, store.DeliveryTracked));
    }

    /// <summary>Merges a finished check into its site's entry: where the site stands now.</summary>
    public StateChange Apply(ProbeOutcome outcome, DateTimeOffset now) =>
        _tracker.Apply(outcome.Target.Display, outcome.CutByRunDeadline ? SiteState.NotRun : SiteStatusResult.StateOf(outcome), outcome.Started, now);

    /// <summary>Leaves the file as it was: this run's verdicts say nothing of the sites (the canary found this machine's network down).</summary>
    public void Abandon() => _settled = true;

    /// <summary>Writes the file at the end of the run and lets it go, so that a command later in the same pipeline (Send-SiteStatusAlert -StatePath) can take it.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public void Close(DateTimeOffset now)
    {
        try
        {
            Save(now);
        }
        finally
        {
            _store.Dispose();
        }
    }

    /// <summary>
    /// A run stopped before <see cref="Close"/> keeps what it finished: the entries of the checks written so far. Nothing
    /// can report a failure to write here, after the pipeline has ended; the file then stays as the last run that finished left it.
    /// </summary>
    public void Dispose()
    {
        try
        {
            Save(DateTimeOffset.Now);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        _store.Dispose();
    }

    private void Save(DateTimeOffset now)
    {
        if (_settled)
        {
            return;
        }

        _settled = true;
        _store.Save(now);
    }
}
