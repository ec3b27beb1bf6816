using System;
using System.Collections.Generic;
using System.Linq;
using SiteStatus.History;

namespace SiteStatus.Pages;

/// <summary>A site as the site list names it: its URL as results write it, the name shown, and its group.</summary>
/// <param name="Uri">The URL as results write it.</param>
/// <param name="Name">The name shown; the URL when the list gives none.</param>
/// <param name="Group">The group; null for none.</param>
internal sealed record PageSiteEntry(string Uri, string Name, string? Group);

/// <summary>
/// The page's model from each site's outcomes. Every figure is the uptime core's (<see cref="UptimeCalculator"/>, by
/// <see cref="UptimeRules"/>) over windows ending at the page's time, with days cut in UTC; what is the page's own is
/// only which figures it shows: the uptime of 24 hours, 7 and 30 days, the days and newest incidents of the last 90,
/// the up checks' response times of the last 30, and the status now (<see cref="Current"/>).
/// </summary>
internal static class StatusPageBuilder
{
    /// <summary>The days of the bar.</summary>
    public const int DaysShown = 90;

    /// <summary>The newest incidents shown for a site.</summary>
    public const int IncidentsShown = 5;

    /// <summary>How far back a page reads outcomes: its longest window, and the day before it that stands into it.</summary>
    public static readonly TimeSpan ReadBack = TimeSpan.FromDays(DaysShown) + UptimeRules.Lookback;

    /// <summary>One site's row from its outcomes (any order, any locations) as of <paramref name="now"/>; a quorum says how its locations count together, as Get-SiteStatusUptime's -Quorum.</summary>
    public static StatusPageSite Site(PageSiteEntry entry, IReadOnlyList<HistoryOutcome> outcomes, DateTimeOffset now, int quorum)
    {
        var series = outcomes.GroupBy(o => o.Location).Select(SeriesTimeline.Of).ToList();
        var segments = UrlTimeline.Combine(series, quorum);
        SiteUptime Last(string window) => UptimeCalculator.Compute(entry.Uri, null, series, segments, UptimeWindow.Last(window, now, TimeZoneInfo.Utc), now);
        var month = Last("30d");
        var quarter = Last("90d");
        var (current, reason) = Current(series, segments, now);
        var since = now - TimeSpan.FromDays(30);
        var times = outcomes
            .Where(o => o.CheckedAt >= since && o.CheckedAt < now && UptimeRules.KindOf(o) == SpanKind.Up)
            .Select(o => new ResponseTimePoint(o.CheckedAt, o.ResponseTimeMs))
            .ToList();
        return new StatusPageSite(
            entry.Name,
            entry.Uri,
            current,
            reason,
            Last("24h"),
            Last("7d"),
            month,
            quarter.Days.Skip(Math.Max(0, quarter.Days.Count - DaysShown)).ToList(),
            Sparkline.Slices(times),
            quarter.Incidents.Reverse().Take(IncidentsShown).ToList());
    }

    /// <summary>
    /// The status now: what the site's combined timeline (<paramref name="segments"/>, <see cref="UrlTimeline"/>) says at <paramref name="now"/>, so
    /// that an outcome stands as long as the uptime counts it and locations combine as they do there. Up is Degraded
    /// when the newest check standing for now says so; Down gives the reason of the newest check that saw it down. When
    /// no check stands for now (none yet, or none for longer than two run intervals), or only NotRun ones, it is not known.
    /// </summary>
    public static (PageStatus Status, string? Reason) Current(IReadOnlyList<SeriesTimeline> series, IReadOnlyList<Segment> segments, DateTimeOffset now)
    {
        var index = UrlTimeline.FirstEndingAfter(segments, now);
        Segment? segment = index < segments.Count && segments[index].Start <= now ? segments[index] : null;
        var standing = series.SelectMany(s => s.Spans).Where(s => s.Start <= now && now < s.End).Select(s => s.Outcome).OrderBy(o => o.CheckedAt).LastOrDefault();
        if (segment is not { } known || standing is null)
        {
            var last = series.SelectMany(s => s.Outcomes).Where(o => o.CheckedAt <= now).Select(o => (DateTimeOffset?)o.CheckedAt).Max();
            return (PageStatus.NoData, last is { } at
                ? $"No check stands for now: the last was at {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC."
                : "Never checked.");
        }

        switch (known.Kind)
        {
            case SpanKind.Down:
                var down = known.Down.OrderBy(o => o.CheckedAt).Last();
                return (PageStatus.Down, down.Reason ?? down.Failure);
            case SpanKind.Up:
                return standing.Status == SiteState.Degraded ? (PageStatus.Degraded, standing.Reason) : (PageStatus.Up, null);
            case SpanKind.Maintenance:
                return (PageStatus.Maintenance, null);
            default:
                return (PageStatus.NoData, standing.Reason);
        }
    }

    /// <summary>
    /// The whole page: the sites in the order given, in groups in the order their first site comes, the sites of no
    /// group last.
    /// </summary>
    public static StatusPageModel Model(string title, DateTimeOffset now, IEnumerable<(PageSiteEntry Entry, StatusPageSite Site)> sites)
    {
        var groups = sites
            .GroupBy(s => s.Entry.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Key is null ? 1 : 0)
            .Select(g => new StatusPageGroup(g.Key, g.Select(s => s.Site).ToList()))
            .ToList();
        return new StatusPageModel(title, now, groups);
    }
}
