using System;
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
    private bool _saved;

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
        _tracker.Apply(outcome.Target.Display, outcome.CutByRunDeadline ? SiteState.NotRun : SiteStatusResult.StateOf(outcome), now);

    /// <summary>Writes the file once: a later call does nothing, also when the first one failed.</summary>
    public void Save(DateTimeOffset now)
    {
        if (_saved)
        {
            return;
        }

        _saved = true;
        _store.Save(now);
    }

    /// <inheritdoc/>
    public void Dispose() => _store.Dispose();
}
