using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SiteStatus.Checking;

/// <summary>
/// URLs as a user names them to find results again (one-off maintenance, the history): a pattern in which * stands for
/// any characters and ? for one, case aside, matched against a result's Uri as it is written. Nothing else is special,
/// so an IPv6 host's brackets are only brackets.
/// </summary>
internal static class UriPattern
{
    /// <summary>The ErrorId of a pattern that can never match a result.</summary>
    public const string InvalidPattern = "InvalidUriPattern";

    // What results never write: user information (masked), and the scheme's own port.
    private static readonly Regex UserInfo = new("://[^/@?#]*@", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex DefaultPort = new(@"^(?<scheme>https)://(?<host>[^/:]*|\[[^\]]*\]):443(?=[/?#]|$)|^(?<scheme>http)://(?<host>[^/:]*|\[[^\]]*\]):80(?=[/?#]|$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));

    /// <summary>Whether a pattern has a wildcard, so it is matched as it is rather than read as a URL.</summary>
    public static bool HasWildcard(string pattern) => pattern.IndexOfAny(['*', '?']) >= 0;

    /// <summary>
    /// A URL as the results write it (a bare host is https, the root has its slash, a password is masked), so that it
    /// matches them; a pattern with * or ? as the results' Uri would be written: starting with http://, https:// or *,
    /// its user information masked and a default port left out. Null, with <paramref name="problem"/> saying why, when
    /// it can never match a result.
    /// </summary>
    public static string? AsWritten(string uri, out InputError? problem)
    {
        var text = uri.Trim();
        if (!HasWildcard(text))
        {
            return SiteTarget.Parse(text, allowCredential: true, out problem)?.Display;
        }

        problem = null;
        var pattern = DefaultPort.Replace(UserInfo.Replace(Ascii(text), "://***@"), "${scheme}://${host}");
        if (pattern[0] == '*' || pattern.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || pattern.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return pattern;
        }

        var shown = UserInfo.Replace(text, "://***@");
        problem = new InputError(
            InvalidPattern,
            $"'{shown}' can never match: a pattern is matched against the results' Uri, which begin with http:// or https://. Begin it with one of them (https://example.com/*), or with * (*.example.com/*).",
            shown);
        return null;
    }

    // Results write a URL's path and query in ASCII: their other characters as their UTF-8 bytes, percent-encoded (the
    // host's name as it is). A pattern is written so too.
    private static string Ascii(string pattern)
    {
        var scheme = pattern.IndexOf("://", StringComparison.Ordinal);
        var pathStart = pattern.IndexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (pathStart < 0 || pattern.Skip(pathStart).All(c => c < 128))
        {
            return pattern;
        }

        var written = new StringBuilder(pattern, 0, pathStart, pattern.Length * 3);
        for (var i = pathStart; i < pattern.Length;)
        {
            var end = i;
            while (end < pattern.Length && pattern[end] >= 128)
            {
                end++;
            }

            if (end == i)
            {
                written.Append(pattern[i++]);
                continue;
            }

            foreach (var octet in Encoding.UTF8.GetBytes(pattern.Substring(i, end - i)))
            {
                written.Append('%').Append(octet.ToString("X2", CultureInfo.InvariantCulture));
            }

            i = end;
        }

        return written.ToString();
    }

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
