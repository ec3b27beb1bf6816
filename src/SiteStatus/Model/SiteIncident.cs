using System;
using System.Collections.Generic;
using System.Globalization;

namespace SiteStatus;

/// <summary>
/// One incident of a URL: from the first time it was seen down until a check saw it up again. Time between that is not
/// known (NotRun, maintenance, no data) lies inside the incident but is not downtime.
/// </summary>
public sealed class SiteIncident
{
    internal SiteIncident(string uri, DateTimeOffset start, DateTimeOffset? end, TimeSpan duration, TimeSpan downtime, string failure, string? reason, IReadOnlyList<string> locations)
    {
        Uri = uri;
        Start = start;
        End = end;
        Duration = duration;
        Downtime = downtime;
        Failure = failure;
        Reason = reason;
        Locations = new TextList<string>([.. locations], ", ");
    }

    /// <summary>The URL, masked as in results.</summary>
    public string Uri { get; }

    /// <summary>When it was first seen down; the window's start for one that began before it.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>When a check first saw it up again; null while it is not over by the window's end (ongoing).</summary>
    public DateTimeOffset? End { get; }

    /// <summary>Whether it was not over by the window's end.</summary>
    public bool Ongoing => End is null;

    /// <summary>From Start to End, or to the window's end while ongoing.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The time of it counted down: Duration less what was not known.</summary>
    public TimeSpan Downtime { get; }

    /// <summary>The failure kind of the first check that saw it down.</summary>
    public string Failure { get; }

    /// <summary>The reason of the first check that saw it down; null where the history does not keep reasons (Prometheus).</summary>
    public string? Reason { get; }

    /// <summary>The locations that saw it down, in the order they did; empty for checks without locations.</summary>
    public TextList<string> Locations { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0:yyyy-MM-dd HH:mm} to {1}: {2}",
        Start,
        End is { } end ? end.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "ongoing",
        Reason ?? Failure);
}
