using System;
using System.Globalization;
using SiteStatus.History;

namespace SiteStatus;

/// <summary>One result kept in a history database (-HistoryPath), as Get-SiteStatusHistory writes it.</summary>
public sealed class SiteHistoryEntry
{
    internal SiteHistoryEntry(HistoryOutcome outcome)
    {
        Uri = outcome.Uri;
        Location = outcome.Location;
        Timestamp = outcome.CheckedAt;
        Status = outcome.Status;
        StatusCode = outcome.StatusCode;
        Failure = outcome.Failure;
        ResponseTimeMs = double.IsNaN(outcome.ResponseTimeMs) ? null : outcome.ResponseTimeMs;
        Reason = outcome.Reason;
        Maintenance = outcome.Maintenance;
    }

    /// <summary>The URL as the result wrote it, with any user information masked.</summary>
    public string Uri { get; }

    /// <summary>Where it was checked from; null for a run without locations, and for a quorum's verdict (-Quorum).</summary>
    public string? Location { get; }

    /// <summary>When the check started, to the millisecond, in this machine's time zone.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The result's status: Up, Flaky, Degraded (reports), Down or NotRun; a quorum's verdict may be Partial.</summary>
    public SiteState Status { get; }

    /// <summary>The final HTTP status code; null when no response came.</summary>
    public int? StatusCode { get; }

    /// <summary>The result's failure kind, by name (None when up), as FailureKind names it.</summary>
    public string Failure { get; }

    /// <summary>How long the whole check took, in milliseconds; null for a quorum's verdict, which no one location timed.</summary>
    public double? ResponseTimeMs { get; }

    /// <summary>The result's reason.</summary>
    public string? Reason { get; }

    /// <summary>Whether the check started in a maintenance window of the site (or a one-off maintenance of the state file).</summary>
    public bool Maintenance { get; }

    /// <summary>The entry in a few words: "2026-11-26 14:20:01 https://example.com/: Down 503 (HttpStatus)".</summary>
    public override string ToString()
    {
        var code = StatusCode is { } status ? " " + status.ToString(CultureInfo.InvariantCulture) : string.Empty;
        var failure = Failure == nameof(FailureKind.None) ? string.Empty : $" ({Failure})";
        return $"{Timestamp.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} {Uri}: {Status}{code}{failure}";
    }
}
