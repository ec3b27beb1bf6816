using System;
using System.Collections.Generic;
using System.Globalization;

namespace SiteStatus;

/// <summary>Minimum, median, 95th percentile and maximum of response times, in milliseconds.</summary>
public sealed class ResponseTimeStatistics
{
    internal ResponseTimeStatistics(double min, double median, double p95, double max)
    {
        Min = min;
        Median = median;
        P95 = p95;
        Max = max;
    }

    /// <summary>The fastest.</summary>
    public double Min { get; }

    /// <summary>Half were faster.</summary>
    public double Median { get; }

    /// <summary>95% were at most this slow (linear interpolation between ranks).</summary>
    public double P95 { get; }

    /// <summary>The slowest.</summary>
    public double Max { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "min {0:0.#}, median {1:0.#}, p95 {2:0.#}, max {3:0.#}", Min, Median, P95, Max);

    /// <summary>The value below which the share <paramref name="p"/> of the sorted values lies, interpolating between ranks.</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (rank - lower));
    }
}
