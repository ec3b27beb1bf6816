using System;
using System.Collections.Generic;

namespace SiteStatus.Pages;

/// <summary>
/// Everything the status page shows, and nothing it computes: the page is a pure function of this
/// (<see cref="StatusPageHtml.Render"/>). Figures come from the uptime core; the page only formats them.
/// </summary>
/// <param name="Title">The page's heading and title.</param>
/// <param name="GeneratedAt">When the page was made; shown in UTC, as every time on the page.</param>
/// <param name="Groups">The groups in the order shown; a group without a name is shown without a heading of its own.</param>
internal sealed record StatusPageModel(string Title, DateTimeOffset GeneratedAt, IReadOnlyList<StatusPageGroup> Groups);

/// <summary>Sites shown together under one heading.</summary>
/// <param name="Name">The group's name; null for sites that belong to no group.</param>
/// <param name="Sites">The sites in the order shown.</param>
internal sealed record StatusPageGroup(string? Name, IReadOnlyList<StatusPageSite> Sites);

/// <summary>One site's row and its history.</summary>
/// <param name="Name">The name shown (the URL when the site list gives none).</param>
/// <param name="Uri">The URL as results write it (masked); a link only when it is http or https.</param>
/// <param name="Current">The current status.</param>
/// <param name="CurrentReason">Why the site is not up (the last result's reason); null when it is up.</param>
/// <param name="Uptime24Hours">Uptime over the last 24 hours.</param>
/// <param name="Uptime7Days">Uptime over the last 7 days.</param>
/// <param name="Uptime30Days">Uptime over the last 30 days.</param>
/// <param name="Days">Each day's status, oldest first (90 of them on a full page).</param>
/// <param name="ResponseTimes">The response times the sparkline draws, and their figures.</param>
/// <param name="Incidents">Recent incidents, newest first.</param>
internal sealed record StatusPageSite(
    string Name,
    string Uri,
    PageStatus Current,
    string? CurrentReason,
    UptimeFigure Uptime24Hours,
    UptimeFigure Uptime7Days,
    UptimeFigure Uptime30Days,
    IReadOnlyList<DayStatus> Days,
    ResponseTimeSeries ResponseTimes,
    IReadOnlyList<PageIncident> Incidents);

/// <summary>A site's status as the page names it: each has a word, a colour and a mark of its own.</summary>
internal enum PageStatus
{
    /// <summary>The last check found the site up (Flaky counts as up).</summary>
    Up,

    /// <summary>Up, with a warning.</summary>
    Degraded,

    /// <summary>The last check found the site down.</summary>
    Down,

    /// <summary>The last check ran in maintenance.</summary>
    Maintenance,

    /// <summary>No check of the site is known.</summary>
    NoData,
}

/// <summary>One period's uptime: a percentage, or none and why.</summary>
/// <param name="Percent">The uptime in percent, 0 to 100; null when there is not enough data.</param>
/// <param name="NoDataReason">Why there is no figure (shown in its place); null when there is one.</param>
internal sealed record UptimeFigure(double? Percent, string? NoDataReason)
{
    public static UptimeFigure Of(double percent) => new(percent, null);

    public static UptimeFigure None(string reason) => new(null, reason);
}

/// <summary>How one day went.</summary>
internal enum DayKind
{
    /// <summary>Every counted check was up.</summary>
    Up,

    /// <summary>Some counted checks were down.</summary>
    Partial,

    /// <summary>Every counted check was down.</summary>
    Down,

    /// <summary>No check counted that day.</summary>
    NoData,
}

/// <summary>One day of the 90-day bar.</summary>
/// <param name="Date">The day (UTC); only its date is shown.</param>
/// <param name="Kind">How the day went.</param>
/// <param name="UptimePercent">The day's uptime, when it has one.</param>
/// <param name="Downtime">How long the site was down that day, when it was.</param>
internal sealed record DayStatus(DateTime Date, DayKind Kind, double? UptimePercent, TimeSpan? Downtime);

/// <summary>The response times of the sparkline and the figures its text gives.</summary>
/// <param name="Points">The response times in time order; the sparkline draws at most a few hundred, averaging slices of more.</param>
/// <param name="MeanMs">The mean over the same span; null with no points.</param>
/// <param name="P95Ms">The 95th percentile over the same span; null with no points.</param>
internal sealed record ResponseTimeSeries(IReadOnlyList<ResponseTimePoint> Points, double? MeanMs, double? P95Ms)
{
    public static ResponseTimeSeries Empty { get; } = new([], null, null);
}

/// <summary>One response time.</summary>
internal readonly record struct ResponseTimePoint(DateTimeOffset At, double Milliseconds);

/// <summary>A time the site was down.</summary>
/// <param name="Start">When it went down.</param>
/// <param name="End">When it was up again; null while it is still down.</param>
/// <param name="Reason">What the checks said (the first failing result's reason).</param>
internal sealed record PageIncident(DateTimeOffset Start, DateTimeOffset? End, string Reason);
