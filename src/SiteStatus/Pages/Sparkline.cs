using System.Collections.Generic;

namespace SiteStatus.Pages;

/// <summary>What the response-time sparkline draws: a month of checks cut into equal slices of time, each at its mean.</summary>
internal static class Sparkline
{
    /// <summary>The most points a sparkline has.</summary>
    public const int MaximumPoints = 60;

    /// <summary>
    /// At most <see cref="MaximumPoints"/> points: the span from the first to the last cut into equal slices of time,
    /// each drawn at its mean time and value, so that a month of 5-minute checks is a line of 60 points and a gap in the
    /// checks stays a gap in time. Fewer points are kept as they are; a point that is not a number (no time measured) is left out.
    /// </summary>
    /// <param name="points">The response times, in any order.</param>
    public static IReadOnlyList<ResponseTimePoint> Slices(IReadOnlyList<ResponseTimePoint> points)
    {
        var measured = new List<ResponseTimePoint>(points.Count);
        foreach (var point in points)
        {
            if (!double.IsNaN(point.Milliseconds) && !double.IsInfinity(point.Milliseconds))
            {
                measured.Add(point);
            }
        }

        if (measured.Count <= MaximumPoints)
        {
            measured.Sort((a, b) => a.At.CompareTo(b.At));
            return measured;
        }

        var first = measured[0].At;
        var last = first;
        foreach (var point in measured)
        {
            first = point.At < first ? point.At : first;
            last = point.At > last ? point.At : last;
        }

        var span = (last - first).Ticks + 1;
        var sums = new double[MaximumPoints];
        var ticks = new double[MaximumPoints];
        var counts = new int[MaximumPoints];
        foreach (var point in measured)
        {
            var offset = (point.At - first).Ticks;
            var slice = (int)(offset * (double)MaximumPoints / span);
            sums[slice] += point.Milliseconds;
            ticks[slice] += offset;
            counts[slice]++;
        }

        var slices = new List<ResponseTimePoint>(MaximumPoints);
        for (var i = 0; i < MaximumPoints; i++)
        {
            if (counts[i] > 0)
            {
                slices.Add(new ResponseTimePoint(first.AddTicks((long)(ticks[i] / counts[i])), sums[i] / counts[i]));
            }
        }

        return slices;
    }
}
