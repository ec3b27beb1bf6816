using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SiteStatus.History;

/// <summary>
/// Uptime of one URL over a window, a pure function of its outcomes and a clock: the figures, the incidents and each
/// day, by <see cref="UptimeRules"/>. Locations combine as <see cref="UrlTimeline"/> says.
/// </summary>
internal static class UptimeCalculator
{
    /// <summary>
    /// The URL's uptime from its outcomes (of any time: those before the window stand into it): over all its locations,
    /// or with <paramref name="byLocation"/> one row per location (in the order first seen), each from its own outcomes.
    /// </summary>
    public static IEnumerable<SiteUptime> ForUrl(string uri, IReadOnlyList<HistoryOutcome> outcomes, UptimeWindow window, DateTimeOffset now, int quorum, bool byLocation)
    {
        var locations = outcomes.GroupBy(o => o.Location).ToList();
        if (!byLocation)
        {
            return [Compute(uri, null, locations.Select(SeriesTimeline.Of).ToList(), window, now, quorum)];
        }

        return locations.Select(l => Compute(uri, l.Key, [SeriesTimeline.Of(l)], window, now, quorum));
    }

    /// <summary>The figures of <paramref name="series"/> (one per location) over <paramref name="window"/> as of <paramref name="now"/>.</summary>
    public static SiteUptime Compute(string uri, string? location, IReadOnlyList<SeriesTimeline> series, UptimeWindow window, DateTimeOffset now, int quorum) =>
        Compute(uri, location, series, UrlTimeline.Combine(series, quorum), window, now);

    /// <summary>
    /// The same from the <paramref name="segments"/> that <see cref="UrlTimeline.Combine"/> made of
    /// <paramref name="series"/>, so that the windows of one URL (a status page's four) combine its locations once.
    /// </summary>
    public static SiteUptime Compute(string uri, string? location, IReadOnlyList<SeriesTimeline> series, IReadOnlyList<Segment> segments, UptimeWindow window, DateTimeOffset now)
    {
        var end = window.To < now ? window.To : now;
        var whole = Tally.Of(segments, window.From, end);
        var incidents = Incidents(uri, segments, window.From, end);
        var inWindow = series.SelectMany(s => s.Outcomes).Where(o => o.CheckedAt >= window.From && o.CheckedAt < end).ToList();
        var times = inWindow.Where(o => UptimeRules.KindOf(o) == SpanKind.Up).Select(o => o.ResponseTimeMs).OrderBy(t => t).ToList();
        var days = window.Days(end).Select(d =>
        {
            var day = Tally.Of(segments, d.From, d.To);
            return new SiteUptimeDay(d.Date, day.Status, day.UptimePercent, day.Down, day.CoveragePercent);
        });
        return new SiteUptime(uri, location, window.Name, window.From, window.To)
        {
            UptimePercent = whole.UptimePercent,
            Downtime = whole.Down,
            Maintenance = whole.Maintenance,
            CoveragePercent = whole.CoveragePercent,
            LongestIncident = incidents.Count == 0 ? null : incidents.Max(i => i.Duration),
            MeanResponseTimeMs = times.Count == 0 ? null : times.Average(),
            P95ResponseTimeMs = times.Count == 0 ? null : ResponseTimeStatistics.Percentile(times, 0.95),
            Checks = inWindow.Count,
            RunInterval = RunInterval(series),
            Note = whole.Note(inWindow.Count),
            Days = new([.. days], ", "),
            Incidents = new(incidents, "; "),
        };
    }

    /// <summary>
    /// The incidents: each opens where the URL is first down, and closes where it is first up again; stretches not
    /// known between (NotRun, maintenance, no data) neither close it nor count as its downtime.
    /// </summary>
    private static List<SiteIncident> Incidents(string uri, IReadOnlyList<Segment> segments, DateTimeOffset from, DateTimeOffset to)
    {
        var incidents = new List<SiteIncident>();
        Opened? open = null;
        for (var i = UrlTimeline.FirstEndingAfter(segments, from); i < segments.Count && segments[i].Start < to; i++)
        {
            var segment = segments[i];
            var start = segment.Start < from ? from : segment.Start;
            var end = segment.End < to ? segment.End : to;
            if (end <= start)
            {
                continue;
            }

            if (segment.Kind == SpanKind.Down)
            {
                open ??= new Opened(start, segment.Down.OrderBy(o => o.CheckedAt).First());
                open.Downtime += end - start;
                open.Locations.UnionWith(segment.Down.Where(o => o.Location is not null).OrderBy(o => o.CheckedAt).Select(o => o.Location!));
            }
            else if (segment.Kind == SpanKind.Up && open is not null)
            {
                incidents.Add(open.Close(uri, start, start));
                open = null;
            }
        }

        if (open is not null)
        {
            incidents.Add(open.Close(uri, null, to));
        }

        return incidents;
    }

    // Every location's gaps taken together: the median of the locations' own intervals, weighted by their checks (each
    // location's interval counted once per check, the lower middle one of an even count).
    private static TimeSpan? RunInterval(IReadOnlyList<SeriesTimeline> series)
    {
        var weighted = series.Where(s => s.RunInterval is not null).Select(s => (Interval: s.RunInterval!.Value, s.Outcomes.Count)).OrderBy(w => w.Interval).ToList();
        var middle = (weighted.Sum(w => w.Count) - 1) / 2;
        foreach (var (interval, count) in weighted)
        {
            if (middle < count)
            {
                return interval;
            }

            middle -= count;
        }

        return null;
    }

    /// <summary>An incident not yet closed.</summary>
    private sealed class Opened(DateTimeOffset start, HistoryOutcome first)
    {
        public TimeSpan Downtime { get; set; }

        public OrderedSet Locations { get; } = new();

        public SiteIncident Close(string uri, DateTimeOffset? end, DateTimeOffset at) =>
            new(uri, start, end, at - start, Downtime, first.Failure, first.Reason, Locations.Items);
    }

    /// <summary>Strings in the order first added, each once.</summary>
    private sealed class OrderedSet
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<string> _items = [];

        public IReadOnlyList<string> Items => _items;

        public void UnionWith(IEnumerable<string> items)
        {
            foreach (var item in items.Where(_seen.Add))
            {
                _items.Add(item);
            }
        }
    }

    /// <summary>The time of each kind between two instants, and what follows from it.</summary>
    private readonly record struct Tally(TimeSpan Up, TimeSpan Down, TimeSpan Maintenance, TimeSpan Length)
    {
        private TimeSpan Counted => Length - Maintenance;

        public double CoveragePercent => Counted > TimeSpan.Zero ? 100.0 * (Up + Down).Ticks / Counted.Ticks : 0;

        public double? UptimePercent => Counted > TimeSpan.Zero && CoveragePercent >= 100 * UptimeRules.MinimumCoverage
            ? 100.0 * Up.Ticks / (Up + Down).Ticks
            : null;

        public UptimeDayStatus Status => (Up > TimeSpan.Zero, Down > TimeSpan.Zero) switch
        {
            (true, false) => UptimeDayStatus.Up,
            (true, true) => UptimeDayStatus.PartlyDown,
            (false, true) => UptimeDayStatus.Down,
            _ => UptimeDayStatus.NoData,
        };

        public static Tally Of(IReadOnlyList<Segment> segments, DateTimeOffset from, DateTimeOffset to)
        {
            var up = TimeSpan.Zero;
            var down = TimeSpan.Zero;
            var maintenance = TimeSpan.Zero;
            for (var i = UrlTimeline.FirstEndingAfter(segments, from); i < segments.Count && segments[i].Start < to; i++)
            {
                var segment = segments[i];
                var start = segment.Start < from ? from : segment.Start;
                var end = segment.End < to ? segment.End : to;
                if (end <= start)
                {
                    continue;
                }

                switch (segment.Kind)
                {
                    case SpanKind.Up:
                        up += end - start;
                        break;
                    case SpanKind.Down:
                        down += end - start;
                        break;
                    case SpanKind.Maintenance:
                        maintenance += end - start;
                        break;
                }
            }

            return new(up, down, maintenance, to > from ? to - from : TimeSpan.Zero);
        }

        /// <summary>Why there is no percent, in a sentence; null when there is one.</summary>
        public string? Note(int checks)
        {
            if (UptimePercent is not null)
            {
                return null;
            }

            if (Length == TimeSpan.Zero)
            {
                return "The window has not begun.";
            }

            if (Counted == TimeSpan.Zero)
            {
                return "In maintenance throughout the window.";
            }

            return checks == 0 && Up + Down == TimeSpan.Zero
                ? "No checks in the window."
                : string.Format(
                    CultureInfo.InvariantCulture,
                    "Too little data: {0:0.#}% of the window (less maintenance) is known up or down; at least {1:0}% is needed.",
                    CoveragePercent,
                    100 * UptimeRules.MinimumCoverage);
        }
    }
}
