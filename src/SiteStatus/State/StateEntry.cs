using System;

namespace SiteStatus.State;

/// <summary>What the state file remembers of one URL between runs.</summary>
internal sealed class StateEntry
{
    /// <summary>Up or Down, after the thresholds.</summary>
    public SiteState Confirmed { get; set; } = SiteState.Up;

    /// <summary>When <see cref="Confirmed"/> began.</summary>
    public DateTimeOffset Since { get; set; }

    public int ConsecutiveFailures { get; set; }

    public int ConsecutiveSuccesses { get; set; }

    /// <summary>When the current run of failures (or of successes) began: a confirmed change dates from there, not from the run that confirmed it.</summary>
    public DateTimeOffset? StreakStarted { get; set; }

    /// <summary>Runs counted since the last confirmed change: with a window (<see cref="StateRules.Window"/>), only they count toward the next one.</summary>
    public int RunsSinceChange { get; set; }

    /// <summary>When a run last checked the URL; a URL unseen for 30 days is dropped.</summary>
    public DateTimeOffset LastSeen { get; set; }

    /// <summary>When the last Down alert (the transition, or a reminder) was reported.</summary>
    public DateTimeOffset? LastAlert { get; set; }

    /// <summary>
    /// With delivery tracked (<see cref="StateStore.DeliveryTracked"/>): the alert reported but not yet delivered
    /// (<see cref="AlertKind"/>), which later runs report again until Send-SiteStatusAlert -StatePath delivers it; null when none waits.
    /// </summary>
    public string? PendingAlert { get; set; }

    public OutcomeHistory History { get; set; } = new();

    /// <summary>Where this run's first outcome for the URL left it; never saved, so each run starts without it.</summary>
    public StateChange? WeighedThisRun { get; set; }
}
