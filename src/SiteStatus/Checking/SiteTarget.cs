using System;
using System.Text.RegularExpressions;

namespace SiteStatus.Checking;

/// <summary>One URL to check: what is requested, and how it may be shown.</summary>
internal sealed class SiteTarget
{
    // "name:" followed by anything but a port number is a scheme (javascript:x, mailto:a@b, data:...), not a host.
    private static readonly Regex SchemeOnly = new("^[A-Za-z][A-Za-z0-9+.-]*:(?![0-9]+(/|$))", RegexOptions.CultureInvariant);

    private SiteTarget(Uri requestUri, string display)
    {
        RequestUri = requestUri;
        Display = display;
    }

    /// <summary>The absolute http or https URL to request, without user information.</summary>
    public Uri RequestUri { get; }

    /// <summary>The URL for output: absolute, with any user information masked.</summary>
    public string Display { get; }

    /// <summary>Blank lines and # comments in a URL list carry no URL and are passed over without a word.</summary>
    public static bool IsIgnorable(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || trimmed[0] == '#';
    }

    /// <summary>Reads one input; a bare host or host/path means https.</summary>
    /// <returns>The target, or null with <paramref name="error"/> saying what is wrong.</returns>
    public static SiteTarget? Parse(string text, out string? error)
    {
        var trimmed = text.Trim();
        var candidate = trimmed.Contains("://") || SchemeOnly.IsMatch(trimmed) ? trimmed : "https://" + trimmed;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri))
        {
            error = $"'{trimmed}' is not a valid URL.";
            return null;
        }

        if (!IsHttp(uri))
        {
            error = $"'{trimmed}' uses the scheme '{uri.Scheme}'; only http and https can be checked.";
            return null;
        }

        if (uri.Host.Length == 0)
        {
            error = $"'{trimmed}' has no host name.";
            return null;
        }

        error = null;
        return new SiteTarget(WithoutUserInfo(uri), Mask(uri));
    }

    /// <summary>Only http and https are ever requested, at the first hop and at every redirect.</summary>
    public static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    /// <summary>The absolute URL with any user information replaced by ***, so no secret reaches output.</summary>
    public static string Mask(Uri uri) =>
        uri.UserInfo.Length == 0 ? uri.AbsoluteUri : new UriBuilder(uri) { UserName = "***", Password = string.Empty }.Uri.AbsoluteUri;

    private static Uri WithoutUserInfo(Uri uri) =>
        uri.UserInfo.Length == 0 ? uri : new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri;
}
