using System;
using System.Management.Automation;

namespace SiteStatus;

/// <summary>
/// How a whole fleet of sites fared in one Get-SiteStatusReport -Summary run; with -Session, over the reports of every
/// location, with each location's own summary in <see cref="Locations"/>. The lists hold the reports as they came:
/// SiteStatusReport objects, or their Deserialized forms from a session.
/// </summary>
public sealed class SiteStatusSummary
{
    internal SiteStatusSummary(
        int up,
        int degraded,
        int flaky,
        int down,
        int notRun,
        ResponseTimeStatistics? responseTimeMs,
        TextList<PSObject> slowest,
        TextList<FailureGroup> failures,
        TextList<PSObject> certificatesExpiringSoon,
        DateTimeOffset startedAt,
        TimeSpan duration,
        TextList<PSObject> wentDown,
        TextList<PSObject> recovered,
        TextList<SiteAvailability> availability,
        string? location,
        TextList<SiteStatusSummary> locations)
    {
        Total = up + degraded + flaky + down + notRun;
        Up = up;
        Degraded = degraded;
        Flaky = flaky;
        Down = down;
        NotRun = notRun;
        var checkedCount = Total - notRun;
        AvailabilityPercent = checkedCount == 0 ? null : Math.Round(100.0 * (up + degraded + flaky) / checkedCount, 2);
        ResponseTimeMs = responseTimeMs;
        Slowest = slowest;
        Failures = failures;
        CertificatesExpiringSoon = certificatesExpiringSoon;
        StartedAt = startedAt;
        Duration = duration;
        WentDown = wentDown;
        Recovered = recovered;
        Availability = availability;
        Location = location;
        Locations = locations;
    }

    /// <summary>With -Session, in a location's own summary: the location; null in the summary of the whole run.</summary>
    public string? Location { get; }

    /// <summary>With -Session: each location's own summary (one per session, and this machine with -IncludeLocal); empty otherwise. As text: "location: 2 up, 1 down of 3 (66.67%); ...".</summary>
    public TextList<SiteStatusSummary> Locations { get; }

    /// <summary>Sites checked (inputs that were not URLs are errors, not counted).</summary>
    public int Total { get; }

    /// <summary>Sites up with no warning.</summary>
    public int Up { get; }

    /// <summary>Sites up with a warning.</summary>
    public int Degraded { get; }

    /// <summary>Sites up only after a retry.</summary>
    public int Flaky { get; }

    /// <summary>Sites down.</summary>
    public int Down { get; }

    /// <summary>URLs not checked: the run's deadline passed, no canary was up, or the location was unavailable.</summary>
    public int NotRun { get; }

    /// <summary>Up, Degraded and Flaky as a share of the sites checked (NotRun left out), in percent, to two decimals; null when none was checked.</summary>
    public double? AvailabilityPercent { get; }

    /// <summary>Response times of the sites that answered; null when none did.</summary>
    public ResponseTimeStatistics? ResponseTimeMs { get; }

    /// <summary>The five slowest checks, slowest first; NotRun is never among them. As text: "URL (123 ms), ...".</summary>
    public TextList<PSObject> Slowest { get; }

    /// <summary>The Down reports grouped by failure kind, largest group first. As text: "HttpStatus: 2, Timeout: 1".</summary>
    public TextList<FailureGroup> Failures { get; }

    /// <summary>Reports whose certificate expires within the warning days (or has expired). As text: "URL (9 days), ...".</summary>
    public TextList<PSObject> CertificatesExpiringSoon { get; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>How long the whole run took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>With -StatePath: the sites whose confirmed status became Down in this run. As text: "URL (Failure), ...".</summary>
    public TextList<PSObject> WentDown { get; }

    /// <summary>With -StatePath: the sites whose confirmed status became Up again in this run. As text: their URLs, joined by ", ".</summary>
    public TextList<PSObject> Recovered { get; }

    /// <summary>With -StatePath: each site's availability over the outcomes the state file keeps (the last 1440). As text: "URL 99.5% of 1440, ...".</summary>
    public TextList<SiteAvailability> Availability { get; }
}
