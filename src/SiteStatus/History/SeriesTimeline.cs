using System;
using System.Collections.Generic;
using System.Linq;

namespace SiteStatus.History;

/// <summary>The stretch one outcome stands for: from its check until the next, capped; what it counts as.</summary>
internal readonly record struct Span(DateTimeOffset Start, DateTimeOffset End, SpanKind Kind, HistoryOutcome Outcome);

/// <summary>
/// The outcomes of one URL from one location (or of a run without locations) as spans of time: each stands from its
/// check until the next check, but at most <see cref="UptimeRules.SpanIntervals"/> run intervals.
/// </summary>
internal sealed class SeriesTimeline
{
    private SeriesTimeline(IReadOnlyList<HistoryOutcome> outcomes, TimeSpan? runInterval, IReadOnlyList<Span> spans)
    {
        Outcomes = outcomes;
        RunInterval = runInterval;
        Spans = spans;
    }

    /// <summary>The outcomes, in time order.</summary>
    public IReadOnlyList<HistoryOutcome> Outcomes { get; }

    /// <summary>The median gap between consecutive checks; null with fewer than two checks at different times, when no interval can be seen.</summary>
    public TimeSpan? RunInterval { get; }

    /// <summary>The spans in time order; none overlap. With no run interval there are none: a lone check stands for no time.</summary>
    public IReadOnlyList<Span> Spans { get; }

    /// <summary>The timeline of <paramref name="outcomes"/>, all of one URL and location, in any order.</summary>
    public static SeriesTimeline Of(IEnumerable<HistoryOutcome> outcomes)
    {
        // A stable sort: of two checks at one instant, the later written stands. Histories give them in time order
        // already, which needs no sort.
        var ordered = outcomes.ToList();
        if (!InTimeOrder(ordered))
        {
            ordered = [.. ordered.OrderBy(o => o.CheckedAt)];
        }

        var gaps = new List<long>();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].CheckedAt > ordered[i - 1].CheckedAt)
            {
                gaps.Add((ordered[i].CheckedAt - ordered[i - 1].CheckedAt).Ticks);
            }
        }

        if (gaps.Count == 0)
        {
            return new(ordered, null, []);
        }

        var interval = Median(gaps);
        var longest = TimeSpan.FromTicks((long)(interval.Ticks * UptimeRules.SpanIntervals));
        var spans = new List<Span>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var start = ordered[i].CheckedAt;
            var end = start + longest;
            if (i + 1 < ordered.Count && ordered[i + 1].CheckedAt < end)
            {
                end = ordered[i + 1].CheckedAt;
            }

            if (end > start)
            {
                spans.Add(new Span(start, end, UptimeRules.KindOf(ordered[i]), ordered[i]));
            }
        }

        return new(ordered, interval, spans);
    }

    private static bool InTimeOrder(List<HistoryOutcome> outcomes)
    {
        for (var i = 1; i < outcomes.Count; i++)
        {
            if (outcomes[i].CheckedAt < outcomes[i - 1].CheckedAt)
            {
                return false;
            }
        }

        return true;
    }

    // Of an even count, the lower middle one: an interval that was seen, never an average of two.
    private static TimeSpan Median(List<long> gaps)
    {
        gaps.Sort();
        return TimeSpan.FromTicks(gaps[(gaps.Count - 1) / 2]);
    }
}
