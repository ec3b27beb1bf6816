using System;

namespace SiteStatus;

/// <summary>One location's view of a site, inside a <see cref="SiteQuorumResult"/>.</summary>
public sealed class LocationStatus
{
    internal LocationStatus(string location, SiteState status, int? statusCode, string failure, string? reason, DateTimeOffset? timestamp)
    {
        Location = location;
        Timestamp = timestamp;

        // A quorum asks whether the site was down there: up after a retry, or up with a warning, is up; down at some of
        // its addresses (-AllAddresses) is down.
        Status = status switch
        {
            SiteState.Flaky or SiteState.Degraded => SiteState.Up,
            SiteState.Partial => SiteState.Down,
            _ => status,
        };
        StatusCode = statusCode;
        Failure = failure;
        Reason = reason;
    }

    /// <summary>The location: a session's name or computer name, or this machine's name.</summary>
    public string Location { get; }

    /// <summary>What the location saw: Up (also after a retry or with a warning), Down (also at only some addresses, with -AllAddresses), or NotRun when the location was unavailable.</summary>
    public SiteState Status { get; }

    /// <summary>The final HTTP status that location saw; null when no response came.</summary>
    public int? StatusCode { get; }

    /// <summary>Why it was not up there; None when it was.</summary>
    public string Failure { get; }

    /// <summary>What happened there, in words.</summary>
    public string? Reason { get; }

    /// <summary>When the check there started; null when the location did not check.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Location}: {Status}{(StatusCode is { } code ? " " + code : string.Empty)}";
}
