using System;
using System.Management.Automation;
using SiteStatus.Export;
using SiteStatus.Locations;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>
/// Scheduled runs: the parameters of the state between them and of the connectivity canary, and how the run turns them
/// into its <see cref="RunState"/> and <see cref="Canary"/>, or into the errors they are. With -Session the state is
/// kept here, by the command the user ran, which weighs what the locations send back: its parameters never cross.
/// </summary>
public abstract partial class SiteCheckCommandBase
{
    // PowerShell's convention for a view of a type in a particular shape (as in System.Diagnostics.Process#IncludeUserName).
    private const string StateViewSuffix = "#State";

    /// <summary>
    /// <para type="description">A state file kept between runs (created when missing, with its folder): JSON a person can read, or for a path ending in .db, .sqlite or .sqlite3 (or a file that is a SQLite database) SQLite, from which a run reads only the entries of the URLs it checks: give one for a large fleet. With it each result says its PreviousStatus, ConfirmedStatus, whether it Changed, Since, ConsecutiveFailures, ConsecutiveSuccesses and Reminder, so a scheduled script alerts once on a change: ... | Where-Object { $_.Changed -or $_.Reminder }. Two runs on one file never interleave: the second waits up to 10 s, then fails with StateLocked. With -Session the file is kept on this machine: with -Quorum it weighs the quorum's verdict (Down from at least the quorum of locations; a location that could not check neither confirms nor clears); with -Spread each URL's own entry, whichever location checked it; otherwise each location has its own entry per URL, with its own thresholds and changes. See about_SiteStatus for the format.</para>
    /// </summary>
    [Parameter]
    [NotSentToLocations]
    [ValidateNotNullOrEmpty]
    public string? StatePath { get; set; }

    /// <summary>
    /// <para type="description">With -StatePath: failed runs in a row before a site's ConfirmedStatus becomes Down; with -FailureWindow, failed runs among the last runs of the window. A Partial result (-AllAddresses: down at some addresses of the host) is a failed run. Default 1.</para>
    /// </summary>
    [Parameter]
    [NotSentToLocations]
    [ValidateRange(1, 1000)]
    public int FailureThreshold { get; set; } = 1;

    /// <summary>
    /// <para type="description">With -StatePath: successful runs in a row before a Down site's ConfirmedStatus is Up again; with -FailureWindow, successful runs among the last runs of the window. Default 1.</para>
    /// </summary>
    [Parameter]
    [NotSentToLocations]
    [ValidateRange(1, 1000)]
    public int SuccessThreshold { get; set; } = 1;

    /// <summary>
    /// <para type="description">With -StatePath: count the thresholds within a window of this many runs instead of in a row. -FailureWindow 5 -FailureThreshold 3 confirms Down when 3 of the last 5 runs failed, however they alternate; Up again when -SuccessThreshold of the last 5 succeeded. Only the runs since the last confirmed change count, so the failures that confirmed Down never count toward the next Down. Without it, both thresholds count runs in a row. Runs not made (NotRun) and runs in maintenance count for nothing either way.</para>
    /// </summary>
    [Parameter]
    [NotSentToLocations]
    [ValidateRange(1, OutcomeHistory.Window)]
    public int? FailureWindow { get; set; }

    /// <summary>
    /// <para type="description">With -StatePath: a site still Down gets Reminder $true when this many minutes have passed since its last alert. Default: no reminders.</para>
    /// </summary>
    [Parameter]
    [NotSentToLocations]
    [ValidateRange(1, 525_600)]
    public int? ReminderIntervalMin { get; set; }

    /// <summary>
    /// <para type="description">URLs checked first, to tell an outage of the sites from an outage of this machine's network. When none of them is up, every input comes back NotRun with a reason that says so, and the state file is left untouched.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? CanaryUri { get; set; }

    /// <summary>
    /// The result as written: with -StatePath, under a type name of its own first (SiteStatus.SiteStatusResult#State,
    /// SiteStatus.SiteStatusReport#State), whose table view adds the confirmed status and the alert. It travels with the
    /// object through jobs and remoting, where the Deserialized forms get the same view.
    /// </summary>
    private protected static object WithStateView(TrackedResult result)
    {
        if (result.State is null)
        {
            return result;
        }

        var shown = PSObject.AsPSObject(result);
        shown.TypeNames.Insert(0, shown.TypeNames[0] + StateViewSuffix);
        return shown;
    }

    /// <summary>The state file of the run (-StatePath), or null; a file that cannot be used is a terminating error naming it.</summary>
    private RunState? OpenState()
    {
        if (StatePath is null)
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(FailureThreshold)) || MyInvocation.BoundParameters.ContainsKey(nameof(SuccessThreshold)) || ReminderIntervalMin is not null || FailureWindow is not null)
            {
                ThrowParameterError("StatePathRequired", "-FailureThreshold, -SuccessThreshold, -FailureWindow and -ReminderIntervalMin count runs: give -StatePath, the file that remembers them.", null);
            }

            return null;
        }

        if (FailureWindow is { } window && Math.Max(FailureThreshold, SuccessThreshold) > window)
        {
            ThrowParameterError("ThresholdOverWindow", $"-FailureThreshold {FailureThreshold} and -SuccessThreshold {SuccessThreshold} count runs within -FailureWindow {window}: neither can be more than {window}.", null);
        }

        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath);

        // Each refuses the other's file: the first run would write both into it, and every later one be refused.
        if (HistoryPath is not null && string.Equals(System.IO.Path.GetFullPath(path), System.IO.Path.GetFullPath(SessionState.Path.GetUnresolvedProviderPathFromPSPath(HistoryPath)), StringComparison.Ordinal))
        {
            ThrowParameterError("StateAndHistoryOneFile", $"-StatePath and -HistoryPath are both '{path}': give each a file of its own, such as state.db and history.db.", path);
        }

        try
        {
            var rules = new StateRules(FailureThreshold, SuccessThreshold, FailureWindow, ReminderIntervalMin is { } minutes ? TimeSpan.FromMinutes(minutes) : null);
            return RunState.Open(path, rules, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        catch (StateFileException e)
        {
            ThrowStateError(e, path);
            return null;
        }
    }

    /// <summary>
    /// The state file cannot be used: at the start, or when an entry the run asked for turns out damaged (the file is
    /// then left as it is, and the checks still running are ended). A terminating error naming the file.
    /// </summary>
    private void ThrowStateError(StateFileException e, string? path = null)
    {
        StopChecks();
        var category = StateErrors.Category(e);
        ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, category, path ?? SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath)));
    }

    /// <summary>
    /// Which entries the state keeps for a result from <paramref name="location"/>: with checks from every location,
    /// each weighed alone, that location's own; otherwise (one place, -Spread, -Quorum) the URL's, whoever checked it.
    /// </summary>
    private string? EntryLocation(string? location) => _locations is not null && !Spread && Quorum is null ? location : null;

    /// <summary>
    /// Weighs a report that came back from a location, in its Deserialized form, and writes where its site stands onto
    /// it, property by property, as a live report carries it, with the same view.
    /// </summary>
    private StateChange Track(PSObject result, ProbeRecord record)
    {
        var now = DateTimeOffset.Now;
        var checkedAt = record.Timestamp ?? now;
        var maintenance = record.Maintenance || _state!.InMaintenance(record.Uri, checkedAt);
        var verdict = Enum.TryParse<SiteState>(record.Status, out var status) ? status : SiteState.Down;
        var change = _state!.Apply(record.Uri, EntryLocation(record.Location), verdict, maintenance, checkedAt, now);
        foreach (var (name, value) in new (string, object?)[]
        {
            (nameof(TrackedResult.PreviousStatus), change.PreviousStatus),
            (nameof(TrackedResult.ConfirmedStatus), change.ConfirmedStatus),
            (nameof(TrackedResult.Changed), change.Changed),
            (nameof(TrackedResult.Since), change.Since),
            (nameof(TrackedResult.ConsecutiveFailures), change.ConsecutiveFailures),
            (nameof(TrackedResult.ConsecutiveSuccesses), change.ConsecutiveSuccesses),
            (nameof(TrackedResult.Reminder), change.Reminder),
            (nameof(SiteStatusResult.Maintenance), maintenance),
        })
        {
            if (result.Properties[name] is { } property)
            {
                property.Value = value;
            }
            else
            {
                result.Properties.Add(new PSNoteProperty(name, value));
            }
        }

        result.TypeNames.Insert(0, result.TypeNames[0] + StateViewSuffix);
        return change;
    }

    /// <summary>Writes the state at the end of the run and lets the file go; a file that cannot be written is a terminating error naming it.</summary>
    private void CloseState()
    {
        try
        {
            _state?.Close(DateTimeOffset.Now);
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(e, "StateNotSaved", ErrorCategory.WriteError, StatePath));
        }
    }

    /// <summary>With -CanaryUri, checks the canaries through the pool (<see cref="Canary"/>); null when one is up, else the reason every input will carry as NotRun.</summary>
    private string? CheckCanaries()
    {
        if (CanaryUri is not { Length: > 0 } uris)
        {
            return null;
        }

        // A canary asks whether this machine reaches the network at all: one address that answers says so.
        if (Canary.Parse(uris, _policy! with { AllAddresses = false }, out var invalid, out var error) is not { } canary)
        {
            ThrowParameterError("InvalidCanaryUri", $"-CanaryUri: {error!.Message}", invalid);
            return null;
        }

        var pool = _pool!;
        return canary.Check(pool, () => Next(pool), _verbose ? WriteVerbose : null);
    }
}
