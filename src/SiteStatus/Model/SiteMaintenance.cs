using System;

namespace SiteStatus;

/// <summary>A one-off maintenance kept in a state file, as Start-SiteStatusMaintenance and Get-SiteStatusMaintenance write it.</summary>
public sealed class SiteMaintenance
{
    internal SiteMaintenance(string uri, DateTimeOffset start, DateTimeOffset end, string? reason, string statePath, DateTimeOffset now)
    {
        Uri = uri;
        Start = start;
        End = end;
        Reason = reason;
        StatePath = statePath;
        Active = now >= start && now < end;
    }

    /// <summary>The URL, or pattern of URLs (* any characters, ? one), in maintenance.</summary>
    public string Uri { get; }

    /// <summary>When it began.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>When it ends: the first check at or after this time counts again.</summary>
    public DateTimeOffset End { get; }

    /// <summary>Why, as given; null when none was.</summary>
    public string? Reason { get; }

    /// <summary>Whether it was under way when this object was written.</summary>
    public bool Active { get; }

    /// <summary>The state file that keeps it, so that Get-SiteStatusMaintenance | Stop-SiteStatusMaintenance needs no -StatePath.</summary>
    public string StatePath { get; }
}
