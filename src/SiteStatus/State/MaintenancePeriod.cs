using System;
using SiteStatus.Checking;

namespace SiteStatus.State;

/// <summary>
/// A one-off maintenance (Start-SiteStatusMaintenance), kept in the state file: every URL that <see cref="Pattern"/>
/// matches (a <see cref="UriPattern"/>) is in maintenance from <see cref="Start"/> until <see cref="End"/>.
/// </summary>
internal sealed record MaintenancePeriod(string Pattern, DateTimeOffset Start, DateTimeOffset End, string? Reason)
{
    /// <summary>A period as a state file keeps it.</summary>
    /// <exception cref="FormatException">It ends before it starts.</exception>
    public static MaintenancePeriod Read(string pattern, DateTimeOffset start, DateTimeOffset end, string? reason) => end > start
        ? new MaintenancePeriod(pattern, start, end, reason)
        : throw new FormatException($"its end ({end:o}) is not after its start ({start:o})");

    /// <summary>Whether <paramref name="url"/> is in this maintenance at <paramref name="at"/>.</summary>
    public bool Covers(string url, DateTimeOffset at) => at >= Start && at < End && Matches(url);

    /// <summary>Whether the pattern matches <paramref name="url"/>, ignoring case.</summary>
    public bool Matches(string url) => UriPattern.Matches(Pattern, url);
}
