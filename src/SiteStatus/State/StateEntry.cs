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

    /// <summary>The confirmed status as a file writes it.</summary>
    /// <exception cref="FormatException">It is not Up or Down.</exception>
    public static SiteState ConfirmedFrom(string text) => text switch
    {
        "Up" => SiteState.Up,
        "Down" => SiteState.Down,
        _ => throw new FormatException($"confirmed is '{text}', not Up or Down"),
    };

    /// <summary>The pending alert as a file writes it (<see cref="AlertKind"/>, or null for none).</summary>
    /// <exception cref="FormatException">It names no kind of alert.</exception>
    public static string? PendingFrom(string? text) => text is null || AlertKind.IsKnown(text)
        ? text
        : throw new FormatException($"pendingAlert is '{text}', not Down, Recovered or Reminder");

    /// <summary>Where this run's first outcome for the URL left it; never saved, so each run starts without it.</summary>
    public StateChange? WeighedThisRun { get; set; }
}
