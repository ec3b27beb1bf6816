using System;
using System.Collections.Generic;
using System.Linq;
using SiteStatus.State;

namespace SiteStatus;

/// <summary>With -Quorum: one verdict per URL from every location's check.</summary>
public sealed class SiteQuorumResult : TrackedResult
{
    internal SiteQuorumResult(string uri, int quorum, IReadOnlyList<LocationStatus> locations, bool maintenance, StateChange? state)
        : base(state)
    {
        Uri = uri;
        Maintenance = maintenance;
        Quorum = quorum;
        Locations = locations;
        var answered = locations.Where(l => l.Status != SiteState.NotRun).ToList();
        Answered = answered.Count;
        DownCount = answered.Count(l => l.Status == SiteState.Down);
        Timestamp = CheckedAt(locations);

        // What most of the locations that saw it down found; a tie goes to the first of them.
        Failure = answered.Where(l => l.Status == SiteState.Down)
            .GroupBy(l => Enum.TryParse<FailureKind>(l.Failure, out var kind) ? kind : FailureKind.Network)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstOrDefault();
        Status = answered.Count == 0 ? SiteState.NotRun : DownCount >= quorum ? SiteState.Down : DownCount > 0 ? SiteState.Partial : SiteState.Up;
        var unavailable = locations.Count - answered.Count;
        var counted = unavailable == 0 ? string.Empty : $" ({unavailable} location{(unavailable == 1 ? " was" : "s were")} unavailable and not counted)";
        Reason = Status switch
        {
            SiteState.NotRun => "Not checked: no location answered.",
            SiteState.Up => answered.Count == 1 ? $"Up from the one location that answered{counted}." : $"Up from all {answered.Count} locations that answered{counted}.",
            SiteState.Partial => $"Down from {DownCount} of {answered.Count} locations, fewer than the quorum of {quorum}: regional or local trouble{counted}.",
            _ => $"Down from {DownCount} of {answered.Count} locations ({string.Join("; ", answered.Where(l => l.Status == SiteState.Down).Select(l => $"{l.Location}: {l.Reason?.TrimEnd('.')}"))}){counted}.",
        };
    }

    /// <summary>The URL as checked, with any user information masked.</summary>
    public string Uri { get; }

    /// <summary>Up (no location saw it down), Partial (some did, fewer than the quorum), Down (at least the quorum did), NotRun (no location answered).</summary>
    public SiteState Status { get; }

    /// <summary>What most of the locations that saw it down found (None when none did), so alerts and metrics name a failure.</summary>
    public FailureKind Failure { get; }

    /// <summary>When the first location that answered started its check; null when none answered.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>Locations that saw it down.</summary>
    public int DownCount { get; }

    /// <summary>Locations that answered; an unavailable one is not counted.</summary>
    public int Answered { get; }

    /// <summary>How many locations must see it down for Down.</summary>
    public int Quorum { get; }

    /// <summary>The verdict in words: from how many locations it was down, and where it failed.</summary>
    public string Reason { get; }

    /// <summary>Each location's status, code and reason.</summary>
    public IReadOnlyList<LocationStatus> Locations { get; }

    /// <summary>The site was in maintenance: a window of its own, or a one-off maintenance of the state file.</summary>
    public bool Maintenance { get; }

    /// <summary>
    /// What the state file weighs (-StatePath): Down when at least the quorum saw the site down; NotRun when the
    /// locations that did not answer could have made the quorum, so their absence neither confirms nor clears; else Up.
    /// </summary>
    internal static SiteState Weighed(int quorum, IReadOnlyList<LocationStatus> locations)
    {
        var down = locations.Count(l => l.Status == SiteState.Down);
        return down >= quorum ? SiteState.Down
            : down + locations.Count(l => l.Status == SiteState.NotRun) >= quorum ? SiteState.NotRun
            : SiteState.Up;
    }

    /// <summary>When the first location that answered started its check; null when none answered.</summary>
    internal static DateTimeOffset? CheckedAt(IReadOnlyList<LocationStatus> locations) =>
        locations.Where(l => l.Timestamp is not null).Select(l => l.Timestamp).Min();
}
