using System;
using System.Globalization;

namespace SiteStatus;

/// <summary>One calendar day of an uptime window, in its time zone, cut to the window.</summary>
public sealed class SiteUptimeDay
{
    internal SiteUptimeDay(DateTime date, UptimeDayStatus status, double? uptimePercent, TimeSpan downtime, double coveragePercent)
    {
        Date = date;
        Status = status;
        UptimePercent = uptimePercent;
        Downtime = downtime;
        CoveragePercent = coveragePercent;
    }

    /// <summary>The day, in the window's time zone.</summary>
    public DateTime Date { get; }

    /// <summary>Up, PartlyDown, Down or NoData: by the time known that day, however little.</summary>
    public UptimeDayStatus Status { get; }

    /// <summary>Up time among the time known, in percent; null when less than half the day (less maintenance) is known.</summary>
    public double? UptimePercent { get; }

    /// <summary>Time down that day.</summary>
    public TimeSpan Downtime { get; }

    /// <summary>The share of the day, less maintenance, known up or down, in percent.</summary>
    public double CoveragePercent { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0:yyyy-MM-dd} {1}", Date, Status);
}
