using System;

namespace SiteStatus.State;

/// <summary>
/// A one-off maintenance (Start-SiteStatusMaintenance), kept in the state file: every URL that <see cref="Pattern"/>
/// matches is in maintenance from <see cref="Start"/> until <see cref="End"/>. In the pattern, * stands for any
/// characters and ? for one, case aside; nothing else is special, so an IPv6 host's brackets are only brackets.
/// </summary>
internal sealed record MaintenancePeriod(string Pattern, DateTimeOffset Start, DateTimeOffset End, string? Reason)
{
    /// <summary>Whether <paramref name="url"/> is in this maintenance at <paramref name="at"/>.</summary>
    public bool Covers(string url, DateTimeOffset at) => at >= Start && at < End && Matches(url);

    /// <summary>Whether the pattern matches <paramref name="url"/>, ignoring case.</summary>
    public bool Matches(string url)
    {
        // Classic wildcard matching, backtracking only to the last *: linear for the patterns people write.
        int p = 0, u = 0, star = -1, resume = 0;
        while (u < url.Length)
        {
            if (p < Pattern.Length && (Pattern[p] == '?' || char.ToUpperInvariant(Pattern[p]) == char.ToUpperInvariant(url[u])))
            {
                p++;
                u++;
            }
            else if (p < Pattern.Length && Pattern[p] == '*')
            {
                star = p++;
                resume = u;
            }
            else if (star >= 0)
            {
                p = star + 1;
                u = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < Pattern.Length && Pattern[p] == '*')
        {
            p++;
        }

        return p == Pattern.Length;
    }
}
