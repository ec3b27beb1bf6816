using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SiteStatus.Export;

/// <summary>
/// A webhook as errors and messages may show it, scheme and host only, and the means to keep its secret out of any
/// text it did not write (the runtime's messages, the receiver's answer): the path and query, where Slack, Teams and
/// most webhooks keep the secret, and any user information, in every form they may be repeated in.
/// </summary>
internal sealed class MaskedWebhook
{
    private readonly Regex? _secrets;

    public MaskedWebhook(Uri webhook)
    {
        Shown = Mask(webhook);
        AsUri = new Uri(Shown);
        _secrets = SecretPattern(webhook);
    }

    /// <summary>scheme://host:port/***</summary>
    public string Shown { get; }

    /// <summary>The masked form as a URI, for messages built from its parts.</summary>
    public Uri AsUri { get; }

    /// <summary>A webhook as it may be shown, whatever it is: absolute or not, http or not.</summary>
    public static string Mask(Uri webhook) => !webhook.IsAbsoluteUri
        ? Mask(webhook.OriginalString)
        : webhook.Authority.Length > 0 ? $"{webhook.Scheme}://{webhook.Authority}/***" : $"{webhook.Scheme}:***";

    /// <summary>
    /// A webhook given as text, even one that is no URI at all, as it may be shown: what comes before the first slash
    /// after the scheme (the host it was meant to have), then ***.
    /// </summary>
    public static string Mask(string webhook)
    {
        var text = webhook.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? 0 : scheme + 3;
        var end = text.IndexOfAny(['/', '?', '#'], start);
        var host = end < 0 ? text.Substring(start) : text.Substring(start, end - start);
        host = host.Substring(host.LastIndexOf('@') + 1);
        var shown = (scheme < 0 ? string.Empty : text.Substring(0, start)) + host;
        return end < 0 ? shown : shown + "/***";
    }

    /// <summary>The text with every form of the webhook's secret parts replaced by ***.</summary>
    public string Redact(string text) => _secrets?.Replace(text, "***") ?? text;

    /// <summary>
    /// The path and query whole, escaped and not; the path and the query alone; the user information; and each path
    /// segment and query value that could be a key (not a plain lower-case word like "services" or "invoke").
    /// </summary>
    private static Regex? SecretPattern(Uri webhook)
    {
        var parts = new List<string> { webhook.PathAndQuery, webhook.AbsolutePath, webhook.Query.TrimStart('?'), webhook.UserInfo };
        parts.AddRange(webhook.AbsolutePath.Split('/').Where(MayBeAKey));
        parts.AddRange(webhook.Query.TrimStart('?').Split('&').Select(p => p.Substring(p.IndexOf('=') + 1)).Where(MayBeAKey));
        var forms = parts.Where(p => p.Length > 1)
            .SelectMany(p => new[] { p, Uri.UnescapeDataString(p), Uri.EscapeDataString(Uri.UnescapeDataString(p)) })
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(p => p.Length)
            .Select(Regex.Escape)
            .ToList();
        return forms.Count == 0 ? null : new Regex(string.Join("|", forms), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    private static bool MayBeAKey(string part) => part.Length >= 4 && !part.All(c => c is (>= 'a' and <= 'z') or '-' or '_' or '.');
}
