using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using SiteStatus.Checking;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>
/// The state file of one run (-StatePath), a stage after the outcome: read and held before the checks, each outcome
/// merged on the pipeline thread as it is written, written once at the end, and let go. Entries are the URLs', or, for
/// checks from every location weighed each alone, each location's own.
/// </summary>
internal sealed class RunState : IDisposable
{
    private readonly StateStore _store;
    private readonly StateRules _rules;
    private readonly Dictionary<string, StateTracker> _atLocations = new(StringComparer.Ordinal);
    private readonly StateTracker _tracker;

    // Written, or not to be written: either way the file is not written again.
    private bool _settled;

    private RunState(StateStore store, StateRules rules)
    {
        _store = store;
        _rules = rules;
        _tracker = new StateTracker(store.EntriesAt(null), rules, store.DeliveryTracked);
    }

    /// <summary>Reads the file and holds it for the run: a second run on it waits.</summary>
    /// <exception cref="StateFileException">The file cannot be used, or another run held it too long.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="stopping"/> fired while waiting for the file.</exception>
    public static RunState Open(string path, StateRules rules, CancellationToken stopping) => new(StateStore.Open(path, stopping), rules);

    /// <summary>
    /// Merges a finished check into its entry (<paramref name="location"/>'s own, or with none the URL's): where the
    /// site stands now. A check a one-off maintenance of the file covers is marked in maintenance first.
    /// </summary>
    public StateChange Apply(ProbeOutcome outcome, string? location, DateTimeOffset now)
    {
        outcome.Maintenance |= InMaintenance(outcome.Target.Display, outcome.Started);
        var verdict = outcome.CutByRunDeadline ? SiteState.NotRun : SiteStatusResult.StateOf(outcome);
        return Apply(outcome.Target.Display, location, verdict, outcome.Maintenance, outcome.Started, now);
    }

    /// <summary>Merges a verdict reached elsewhere (a location's report, a quorum's) into its entry.</summary>
    /// <exception cref="StateFileException">The entry cannot be read: the file is then left as it is.</exception>
    public StateChange Apply(string url, string? location, SiteState verdict, bool maintenance, DateTimeOffset checkedAt, DateTimeOffset now)
    {
        var tracker = _tracker;
        if (location is not null && !_atLocations.TryGetValue(location, out tracker))
        {
            _atLocations[location] = tracker = new StateTracker(_store.EntriesAt(location), _rules, _store.DeliveryTracked);
        }

        try
        {
            return tracker.Apply(url, verdict, maintenance, checkedAt, now);
        }
        catch (StateFileException)
        {
            // A store that reads entries as the run asks (SQLite) may find one damaged: a file that cannot be read is never written.
            _settled = true;
            throw;
        }
    }

    /// <summary>Whether a one-off maintenance in the file (Start-SiteStatusMaintenance) covers <paramref name="url"/> at <paramref name="at"/>.</summary>
    public bool InMaintenance(string url, DateTimeOffset at) => _store.InMaintenance(url, at);

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
