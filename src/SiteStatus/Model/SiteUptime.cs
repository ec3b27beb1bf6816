using System;
using System.Globalization;

namespace SiteStatus;

/// <summary>
/// One URL's uptime over one window (from one location with -ByLocation), counted by the module's rules:
/// time-weighted, NotRun and maintenance not counted, no percent from too little data. about_SiteStatus says them.
/// </summary>
public sealed class SiteUptime
{
    internal SiteUptime(string uri, string? location, string window, DateTimeOffset from, DateTimeOffset to)
    {
        Uri = uri;
        Location = location;
        Window = window;
        From = from;
        To = to;
    }

    /// <summary>The URL, masked as in results.</summary>
    public string Uri { get; }

    /// <summary>The location these figures are from (-ByLocation); null for the URL over all its locations, or for checks without locations.</summary>
    public string? Location { get; }

    /// <summary>24h, 7d, 30d or 90d (each ending now), or the month, as yyyy-MM.</summary>
    public string Window { get; }

    /// <summary>The window's start.</summary>
    public DateTimeOffset From { get; }

    /// <summary>The window's end; the figures stop at the time they were computed, when that is earlier.</summary>
    public DateTimeOffset To { get; }

    /// <summary>Up time among the time known up or down, in percent; null when too little is known (see Note).</summary>
    public double? UptimePercent { get; internal init; }

    /// <summary>Time down in the window.</summary>
    public TimeSpan Downtime { get; internal init; }

    /// <summary>Time in maintenance in the window: not counted.</summary>
    public TimeSpan Maintenance { get; internal init; }

    /// <summary>The share of the window so far, less maintenance, known up or down, in percent.</summary>
    public double CoveragePercent { get; internal init; }

    /// <summary>Incidents with downtime in the window.</summary>
    public int IncidentCount => Incidents.Count;

    /// <summary>The longest incident's Duration; null when there was none.</summary>
    public TimeSpan? LongestIncident { get; internal init; }

    /// <summary>The mean response time of the up checks in the window (maintenance aside), in milliseconds; null when there were none.</summary>
    public double? MeanResponseTimeMs { get; internal init; }

    /// <summary>The 95th percentile of those response times (linear interpolation between ranks), in milliseconds.</summary>
    public double? P95ResponseTimeMs { get; internal init; }

    /// <summary>Checks in the window, of every kind.</summary>
    public int Checks { get; internal init; }

    /// <summary>The median gap between consecutive checks (of each location, taken together); null with fewer than two checks.</summary>
    public TimeSpan? RunInterval { get; internal init; }

    /// <summary>Why UptimePercent is null; null when it is not.</summary>
    public string? Note { get; internal init; }

    /// <summary>Each day of the window in its time zone, cut to the window: its status, for a daily bar.</summary>
    public TextList<SiteUptimeDay> Days { get; internal init; } = new([], ", ");

    /// <summary>The incidents, in time order, cut to the window.</summary>
    public TextList<SiteIncident> Incidents { get; internal init; } = new([], "; ");

    /// <inheritdoc/>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0}{1} {2}: {3}",
        Uri,
        Location is null ? string.Empty : " from " + Location,
        Window,
        UptimePercent is { } percent ? percent.ToString("0.###", CultureInfo.InvariantCulture) + "%" : Note);
}
