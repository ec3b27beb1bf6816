using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace SiteStatus.Checking;

/// <summary>
/// Tells an answer from a bot-protection or WAF layer (a Cloudflare challenge and the like) from the site's own:
/// such an answer says nothing of whether the site works for people in browsers.
/// </summary>
internal static class Challenge
{
    /// <summary>How much of the body is read to look for the markers.</summary>
    public const int BodyBytesRead = 8 * 1024;

    private static readonly string[] BodyMarkers =
    [
        "challenge-platform",
        "cf-chl-",
        "_cf_chl_opt",
        "<title>Just a moment...</title>",
        "Attention Required! | Cloudflare",
        "captcha-delivery.com",
        "_Incapsula_Resource",
        "Pardon Our Interruption",
        "ddos-guard",
    ];

    /// <summary>Bot protection answers with these codes; no other code is looked at.</summary>
    public static bool MayBeChallenge(int statusCode) => statusCode is 403 or 429 or 503;

    /// <summary>A header that names the challenge outright, such as Cloudflare's cf-mitigated: challenge.</summary>
    public static string? FromHeaders(HttpResponseMessage response) =>
        response.Headers.TryGetValues("cf-mitigated", out var values) && values.Any(v => Contains(v, "challenge"))
            ? "cf-mitigated: challenge"
            : null;

    /// <summary>A well-known challenge marker in the start of the body.</summary>
    public static string? FromBody(string bodyStart) =>
        BodyMarkers.FirstOrDefault(marker => Contains(bodyStart, marker));

    private static bool Contains(string text, string part) =>
        CultureInfo.InvariantCulture.CompareInfo.IndexOf(text, part, CompareOptions.OrdinalIgnoreCase) >= 0;
}
