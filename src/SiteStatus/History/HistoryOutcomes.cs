using System;
using System.Collections.Generic;
using System.Linq;
using SiteStatus.Checking;
using SiteStatus.Export;

namespace SiteStatus.History;

/// <summary>Each kind of result a checking command writes, as the history keeps it: one outcome per result written.</summary>
internal static class HistoryOutcomes
{
    /// <summary>A check of this command, or one a location sent back packed; <paramref name="status"/> is the result's (a report's may be Degraded).</summary>
    public static HistoryOutcome Of(ProbeOutcome outcome, SiteState status) => new(
        outcome.Target.Display,
        outcome.Location,
        outcome.Started,
        status,
        outcome.Failure.ToString(),
        outcome.StatusCode,
        outcome.Elapsed.TotalMilliseconds,
        outcome.Reason,
        outcome.Maintenance);

    /// <summary>A report a location sent back, as read (<paramref name="record"/>); <paramref name="maintenance"/> as weighed here.</summary>
    public static HistoryOutcome Of(ProbeRecord record, bool maintenance, DateTimeOffset now) => new(
        record.Uri,
        record.Location,
        record.Timestamp ?? now,
        Enum.TryParse<SiteState>(record.Status, out var status) ? status : SiteState.Down,
        record.Failure,
        record.StatusCode,
        record.ResponseTimeMs,
        record.Reason,
        maintenance);

    /// <summary>
    /// A quorum's verdict: the URL's, from no one location (Location null), with its status and reason. The failure and
    /// status code are those of the first location that saw the site down, else of the first that saw it up. The votes
    /// carry no response time: it is NaN, a null in the file.
    /// </summary>
    public static HistoryOutcome OfQuorum(SiteQuorumResult quorum, IReadOnlyList<LocationStatus> votes, DateTimeOffset checkedAt)
    {
        var telling = votes.FirstOrDefault(v => v.Status == SiteState.Down) ?? votes.FirstOrDefault(v => v.Status == SiteState.Up);
        return new HistoryOutcome(
            quorum.Uri,
            null,
            checkedAt,
            quorum.Status,
            telling?.Failure ?? nameof(FailureKind.NotRun),
            telling?.StatusCode,
            double.NaN,
            quorum.Reason,
            quorum.Maintenance);
    }
}
