namespace SiteStatus.Checking;

/// <summary>
/// URLs as a user names them to find results again (one-off maintenance, the history): a pattern in which * stands for
/// any characters and ? for one, case aside, matched against a result's Uri as it is written. Nothing else is special,
/// so an IPv6 host's brackets are only brackets.
/// </summary>
internal static class UriPattern
{
    /// <summary>Whether a pattern has a wildcard, so it is matched as it is rather than read as a URL.</summary>
    public static bool HasWildcard(string pattern) => pattern.IndexOfAny(['*', '?']) >= 0;

    /// <summary>
    /// A URL as the results write it (a bare host is https, the root has its slash), so that it matches them; a pattern
    /// with * or ? as given, for it is matched against those as they are written.
    /// </summary>
    public static string AsWritten(string uri) =>
        !HasWildcard(uri) && SiteTarget.Parse(uri, allowCredential: true, out _) is { } target ? target.Display : uri.Trim();

    /// <summary>Whether <paramref name="pattern"/> matches <paramref name="url"/>, ignoring case.</summary>
    public static bool Matches(string pattern, string url)
    {
        // Classic wildcard matching, backtracking only to the last *: linear for the patterns people write.
        int p = 0, u = 0, star = -1, resume = 0;
        while (u < url.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(url[u])))
            {
                p++;
                u++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
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

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
