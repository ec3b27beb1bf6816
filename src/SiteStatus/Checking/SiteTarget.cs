using System;
using System.Net;
using System.Text.RegularExpressions;

namespace SiteStatus.Checking;

/// <summary>Why an input is not a URL that can be checked: a stable error id, a message, and the input as it may be shown.</summary>
internal sealed class InputError(string errorId, string message, string? shownInput)
{
    /// <summary>The input is not an absolute http or https URL.</summary>
    public const string InvalidUri = "InvalidUri";

    /// <summary>The URL carries a user name or password, and -AllowCredentialInUri was not given.</summary>
    public const string CredentialInUri = "CredentialInUri";

    public string ErrorId { get; } = errorId;

    public string Message { get; } = message;

    /// <summary>The input for the error record's target: as given, unless it holds a secret.</summary>
    public string? ShownInput { get; } = shownInput;
}

/// <summary>One URL to check: what is requested, with what credential, and how it may be shown.</summary>
internal sealed class SiteTarget
{
    // "name:" followed by anything but a port number is a scheme (javascript:x, mailto:a@b, data:...), not a host.
    private static readonly Regex SchemeOnly = new("^[A-Za-z][A-Za-z0-9+.-]*:(?![0-9]+(/|$))", RegexOptions.CultureInvariant);

    // user:password@ (or a token@) right after the scheme, in text that may not even parse as a URL.
    private static readonly Regex UserInfoInText = new("(?<=://)[^/?#@]*@", RegexOptions.CultureInvariant);

    // Inputs are quoted in messages only this far: a 100 KB line must not become a 100 KB message.
    private const int QuotedLength = 200;

    private SiteTarget(Uri requestUri, string display, NetworkCredential? credential, CheckPolicy policy)
    {
        RequestUri = requestUri;
        Display = display;
        Credential = credential;
        Policy = policy;
    }

    /// <summary>The absolute http or https URL to request, without user information.</summary>
    public Uri RequestUri { get; }

    /// <summary>The URL for output: absolute, with any user information masked.</summary>
    public string Display { get; }

    /// <summary>The user information of the URL, sent as Basic authentication to its own host only; null when there is none.</summary>
    public NetworkCredential? Credential { get; }

    /// <summary>How this site is judged.</summary>
    public CheckPolicy Policy { get; }

    /// <summary>The same URL judged by <paramref name="policy"/>: a site's own settings, read after its URL.</summary>
    public SiteTarget With(CheckPolicy policy) => ReferenceEquals(policy, Policy) ? this : new SiteTarget(RequestUri, Display, Credential, policy);

    /// <summary>Blank lines and # comments in a URL list carry no URL and are passed over without a word.</summary>
    public static bool IsIgnorable(string text)
    {
        // Called for every input on the pipeline thread: look at the first visible character, allocate nothing.
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                return c == '#';
            }
        }

        return true;
    }

    /// <summary>Reads one input; a bare host or host/path means https. The target is judged by <paramref name="policy"/>, or the defaults.</summary>
    /// <returns>The target, or null with <paramref name="error"/> saying what is wrong.</returns>
    public static SiteTarget? Parse(string text, bool allowCredential, out InputError? error, CheckPolicy? policy = null)
    {
        var trimmed = text.Trim();
        error = null;
        if (HasControlCharacter(trimmed))
        {
            error = Invalid(text, "contains control characters");
            return null;
        }

        if (trimmed.StartsWith("@{", StringComparison.Ordinal) && trimmed[trimmed.Length - 1] == '}')
        {
            error = Invalid(text, "is an object with no Uri, Url or Address property, not a URL");
            return null;
        }

        var candidate = trimmed.Contains("://") || SchemeOnly.IsMatch(trimmed) ? trimmed : "https://" + trimmed;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri))
        {
            error = Invalid(text, "is not a valid URL");
            return null;
        }

        if (!IsHttp(uri))
        {
            error = Invalid(text, $"uses the scheme '{uri.Scheme}'; only http and https can be checked");
            return null;
        }

        if (uri.Host.Length == 0)
        {
            error = Invalid(text, "has no host name");
            return null;
        }

        var credential = ReadCredential(uri);
        if (credential is not null && !allowCredential)
        {
            var shown = Mask(uri);
            error = new InputError(
                InputError.CredentialInUri,
                $"'{shown}' carries a user name or password. Give -AllowCredentialInUri to send it as Basic authentication to that host.",
                shown);
            return null;
        }

        return new SiteTarget(WithoutUserInfo(uri), Mask(uri), credential, policy ?? CheckPolicy.Default);
    }

    private static bool HasControlCharacter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Only http and https are ever requested, at the first hop and at every redirect.</summary>
    public static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    /// <summary>The absolute URL with any user information replaced by ***, so no secret reaches output.</summary>
    public static string Mask(Uri uri) =>
        uri.UserInfo.Length == 0 ? uri.AbsoluteUri : new UriBuilder(uri) { UserName = "***", Password = string.Empty }.Uri.AbsoluteUri;

    /// <summary>An InvalidUri error whose target is the input as given, but with any user information masked.</summary>
    private static InputError Invalid(string input, string problem)
    {
        var shown = UserInfoInText.Replace(input, "***@");
        return new InputError(InputError.InvalidUri, $"'{Quote(shown)}' {problem}.", shown);
    }

    /// <summary>An input as it may be quoted in a message: trimmed, and cut short when long.</summary>
    public static string Quote(string input)
    {
        var trimmed = input.Trim();
        return trimmed.Length <= QuotedLength ? trimmed : trimmed.Remove(QuotedLength) + "…";
    }

    private static NetworkCredential? ReadCredential(Uri uri)
    {
        if (uri.UserInfo.Length == 0)
        {
            return null;
        }

        var colon = uri.UserInfo.IndexOf(':');
        var user = colon < 0 ? uri.UserInfo : uri.UserInfo.Substring(0, colon);
        var password = colon < 0 ? string.Empty : uri.UserInfo.Substring(colon + 1);
        return new NetworkCredential(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
    }

    private static Uri WithoutUserInfo(Uri uri) =>
        uri.UserInfo.Length == 0 ? uri : new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri;
}
