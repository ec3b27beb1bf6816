using System;

namespace SiteStatus.History;

/// <summary>What a stretch of time counts as.</summary>
internal enum SpanKind
{
    /// <summary>Up, Flaky, Degraded: the site worked.</summary>
    Up,

    /// <summary>Down, and Partial (down at some addresses of the host, so for the users sent there).</summary>
    Down,

    /// <summary>NotRun (the deadline passed, the canary was down, a location was unavailable): not known either way, and not counted.</summary>
    Unknown,

    /// <summary>A check in maintenance: not counted.</summary>
    Maintenance,
}

/// <summary>
/// The counting rules of uptime, in one place; README's "Uptime and its counting rules" says them in words. Uptime is
/// time-weighted: each outcome stands from its check until the next check of its URL and location, but at most
/// <see cref="SpanIntervals"/> run intervals (the median gap between consecutive checks); time no outcome stands for is
/// no data. Only up and down time count: NotRun and maintenance are neither.
/// </summary>
internal static class UptimeRules
{
    /// <summary>How many run intervals an outcome stands for at most: one missed run is bridged, a longer silence is no data.</summary>
    public const double SpanIntervals = 2;

    /// <summary>The share of the window, less maintenance, that must be known (up or down) for an uptime percent.</summary>
    public const double MinimumCoverage = 0.5;

    /// <summary>How far before a window outcomes are read, so the last one before it stands into it (runs up to every 12 hours).</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(1);

    /// <summary>What one outcome counts as for its span; maintenance first, whatever the check saw.</summary>
    public static SpanKind KindOf(HistoryOutcome outcome) => outcome.Maintenance
        ? SpanKind.Maintenance
        : outcome.Status switch
        {
            SiteState.NotRun => SpanKind.Unknown,
            SiteState.Down or SiteState.Partial => SpanKind.Down,
            _ => SpanKind.Up,
        };
}
