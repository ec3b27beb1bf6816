using System;
using System.Collections.Generic;

namespace SiteStatus.Pages;

/// <summary>
/// Everything the status page shows, and nothing it computes: the page is a pure function of this
/// (<see cref="StatusPageHtml.Render"/>). The figures are the uptime core's own objects (<see cref="SiteUptime"/>, its
/// days and incidents), as <see cref="StatusPageBuilder"/> gets them; the page only formats them.
/// </summary>
/// <param name="Title">The page's heading and title.</param>
/// <param name="GeneratedAt">When the page was made; shown in UTC, as every time on the page.</param>
/// <param name="Groups">The groups in the order shown; a group without a name is shown without a name of its own.</param>
internal sealed record StatusPageModel(string Title, DateTimeOffset GeneratedAt, IReadOnlyList<StatusPageGroup> Groups);

/// <summary>Sites shown together under one heading.</summary>
/// <param name="Name">The group's name; null for sites that belong to no group.</param>
/// <param name="Sites">The sites in the order shown.</param>
internal sealed record StatusPageGroup(string? Name, IReadOnlyList<StatusPageSite> Sites);

/// <summary>One site's row and its history.</summary>
/// <param name="Name">The name shown (the URL when the site list gives none).</param>
/// <param name="Uri">The URL as results write it (masked); a link only when it is http or https.</param>
/// <param name="Current">The current status.</param>
/// <param name="CurrentReason">What the last check said when the site is not up; null when it is.</param>
/// <param name="Uptime24Hours">The last 24 hours: the uptime, or none and its note.</param>
/// <param name="Uptime7Days">The last 7 days.</param>
/// <param name="Uptime30Days">The last 30 days; also the mean and 95th percentile of the response times.</param>
/// <param name="Days">Each day, oldest first (90 of them on a full page).</param>
/// <param name="ResponseTimes">The response times the sparkline draws, in time order (see <see cref="Sparkline"/>).</param>
/// <param name="Incidents">Recent incidents, newest first.</param>
internal sealed record StatusPageSite(
    string Name,
    string Uri,
    PageStatus Current,
    string? CurrentReason,
    SiteUptime Uptime24Hours,
    SiteUptime Uptime7Days,
    SiteUptime Uptime30Days,
    IReadOnlyList<SiteUptimeDay> Days,
    IReadOnlyList<ResponseTimePoint> ResponseTimes,
    IReadOnlyList<SiteIncident> Incidents);

/// <summary>A site's status now, as the page names it: each has a word and a colour of its own.</summary>
internal enum PageStatus
{
    /// <summary>Up (Up and Flaky checks).</summary>
    Up,

    /// <summary>Up, with a warning (a Degraded report).</summary>
    Degraded,

    /// <summary>Down.</summary>
    Down,

    /// <summary>The last check ran in maintenance.</summary>
    Maintenance,

    /// <summary>Nothing is known of now: no check stands for it, or the last was NotRun.</summary>
    NoData,
}

/// <summary>One response time.</summary>
internal readonly record struct ResponseTimePoint(DateTimeOffset At, double Milliseconds);
