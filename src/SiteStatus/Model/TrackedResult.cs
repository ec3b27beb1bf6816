using System;
using SiteStatus.State;

namespace SiteStatus;

/// <summary>
/// Where a result's site stands against the state file kept between runs (-StatePath): what every result of a checking
/// command says of it, one per location or one per URL, so that a scheduled script alerts once on a change:
/// ... | Where-Object { $_.Changed -or $_.Reminder }. Every property is null or false without -StatePath.
/// </summary>
public abstract class TrackedResult
{
    private protected TrackedResult(StateChange? state)
    {
        State = state;
        PreviousStatus = state?.PreviousStatus;
        ConfirmedStatus = state?.ConfirmedStatus;
        Changed = state?.Changed == true;
        Since = state?.Since;
        ConsecutiveFailures = state?.ConsecutiveFailures;
        ConsecutiveSuccesses = state?.ConsecutiveSuccesses;
        Reminder = state?.Reminder == true;
    }

    /// <summary>With -StatePath: the confirmed status before this run; null when the state had never seen the URL, or without -StatePath.</summary>
    public SiteState? PreviousStatus { get; }

    /// <summary>With -StatePath: Up or Down after -FailureThreshold and -SuccessThreshold (Flaky counts as up); null without -StatePath.</summary>
    public SiteState? ConfirmedStatus { get; }

    /// <summary>With -StatePath: true when ConfirmedStatus changed in this run, the moment to alert (a recovery only after a reported Down); also in later runs while its alert waits to be delivered (Send-SiteStatusAlert -StatePath).</summary>
    public bool Changed { get; }

    /// <summary>With -StatePath: when the current confirmed status began: the first run of the streak that confirmed it.</summary>
    public DateTimeOffset? Since { get; }

    /// <summary>With -StatePath: failed runs in a row, this one included.</summary>
    public int? ConsecutiveFailures { get; }

    /// <summary>With -StatePath: successful runs in a row, this one included.</summary>
    public int? ConsecutiveSuccesses { get; }

    /// <summary>With -StatePath and -ReminderIntervalMin: true when the site is still Down and the interval has passed since the last alert.</summary>
    public bool Reminder { get; }

    /// <summary>The state of the URL after this run, for the summary.</summary>
    internal StateChange? State { get; }
}
