using System;
using System.Collections.Generic;
using System.Linq;

namespace SiteStatus.History;

/// <summary>A stretch of a URL's time with one verdict; <see cref="Down"/> holds the outcomes that saw it down then.</summary>
internal readonly record struct Segment(DateTimeOffset Start, DateTimeOffset End, SpanKind Kind, IReadOnlyList<HistoryOutcome> Down)
{
    public TimeSpan Length => End - Start;
}

/// <summary>
/// One URL's time from the timelines of its locations. At each instant the URL is down when at least the quorum of
/// its locations (all of them, when it has fewer) stand down; otherwise up when any location stands up or down; a
/// location in maintenance or NotRun says nothing, so the instant is maintenance or unknown only when no location
/// knows. Down stretches from two locations that overlap are one down stretch, so an incident is counted once.
/// </summary>
internal static class UrlTimeline
{
    /// <summary>The segments in time order; an instant no location stands for has none (no data).</summary>
    public static IReadOnlyList<Segment> Combine(IReadOnlyList<SeriesTimeline> series, int quorum)
    {
        if (series.Count == 1)
        {
            // One location's spans are its segments as they are: none overlap, and a quorum of one is all of it.
            return series[0].Spans.Select(s => new Segment(s.Start, s.End, s.Kind, s.Kind == SpanKind.Down ? [s.Outcome] : [])).ToList();
        }

        var needed = Math.Max(1, Math.Min(quorum, series.Count));
        var cuts = series.SelectMany(s => s.Spans).SelectMany(s => new[] { s.Start, s.End }).Distinct().OrderBy(t => t).ToList();
        var next = new int[series.Count];
        var segments = new List<Segment>();
        for (var c = 0; c + 1 < cuts.Count; c++)
        {
            var start = cuts[c];
            var down = new List<HistoryOutcome>();
            int up = 0, maintenance = 0, unknown = 0;
            for (var i = 0; i < series.Count; i++)
            {
                var spans = series[i].Spans;
                while (next[i] < spans.Count && spans[next[i]].End <= start)
                {
                    next[i]++;
                }

                if (next[i] == spans.Count || spans[next[i]].Start > start)
                {
                    continue;
                }

                switch (spans[next[i]].Kind)
                {
                    case SpanKind.Down:
                        down.Add(spans[next[i]].Outcome);
                        break;
                    case SpanKind.Up:
                        up++;
                        break;
                    case SpanKind.Maintenance:
                        maintenance++;
                        break;
                    default:
                        unknown++;
                        break;
                }
            }

            SpanKind? kind = down.Count >= needed ? SpanKind.Down
                : up + down.Count > 0 ? SpanKind.Up
                : maintenance > 0 ? SpanKind.Maintenance
                : unknown > 0 ? SpanKind.Unknown
                : null;
            if (kind is { } known)
            {
                segments.Add(new Segment(start, cuts[c + 1], known, known == SpanKind.Down ? down : []));
            }
        }

        return segments;
    }

    /// <summary>
    /// The index of the first of <paramref name="segments"/> (as <see cref="Combine"/> gives them: in time order, none
    /// overlapping) that ends after <paramref name="instant"/>; their count when none does. What lies before it cannot
    /// reach into a stretch that begins at the instant.
    /// </summary>
    public static int FirstEndingAfter(IReadOnlyList<Segment> segments, DateTimeOffset instant)
    {
        var (low, high) = (0, segments.Count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (segments[middle].End > instant)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
