using System.Text;

namespace SiteStatus.Checking;

/// <summary>
/// A URL pattern as the maintenance and uptime commands take it: * stands for any characters and ? for one, case aside;
/// nothing else is special, so an IPv6 host's brackets are only brackets.
/// </summary>
internal static class UrlPattern
{
    /// <summary>
    /// A URL as the results write it (a bare host is https, the root has its slash), so that it matches them; a pattern
    /// with * or ? as given, for it is matched against those as they are written.
    /// </summary>
    public static string AsWritten(string uri) =>
        uri.IndexOfAny(['*', '?']) < 0 && SiteTarget.Parse(uri, allowCredential: true, out _) is { } target ? target.Display : uri.Trim();

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

    /// <summary>
    /// The pattern as an RE2 regular expression (Prometheus's label matchers, which anchor it at both ends): every ASCII
    /// character that is neither a letter nor a digit is escaped, which RE2 reads as that character, and (?i) ignores case.
    /// </summary>
    public static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("(?i)");
        foreach (var c in pattern)
        {
            regex.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                _ when c < 128 && !char.IsLetterOrDigit(c) => "\\" + c,
                _ => c.ToString(),
            });
        }

        return regex.ToString();
    }
}
