using System;

namespace SiteStatus.History;

/// <summary>
/// One outcome as history keeps it, whatever keeps it (the SQLite history of -HistoryPath, or Prometheus's series of the
/// metrics): what uptime and the status page are computed from.
/// </summary>
/// <param name="Uri">The URL as results write it (masked).</param>
/// <param name="Location">Where it was checked from; null for a run without locations, and for a quorum's verdict (-Quorum).</param>
/// <param name="CheckedAt">When the check started.</param>
/// <param name="Status">Up, Flaky, Degraded, Down or NotRun, as the result said; Partial for -AllAddresses (down at some addresses of the host, which counts as down) and for a quorum's verdict.</param>
/// <param name="Failure">The failure kind's name; None when up.</param>
/// <param name="StatusCode">The final status code; null when no response came.</param>
/// <param name="ResponseTimeMs">How long the check took; NaN for a quorum's verdict, whose votes carry no time.</param>
/// <param name="Reason">The result's reason.</param>
/// <param name="Maintenance">Whether the check ran in maintenance.</param>
internal sealed record HistoryOutcome(
    string Uri,
    string? Location,
    DateTimeOffset CheckedAt,
    SiteState Status,
    string Failure,
    int? StatusCode,
    double ResponseTimeMs,
    string? Reason,
    bool Maintenance);
