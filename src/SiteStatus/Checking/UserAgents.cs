using System;
using System.Collections.Generic;

namespace SiteStatus.Checking;

/// <summary>Named User-Agent strings of current browsers, for sites that answer browsers differently; any other text is sent as it is.</summary>
internal static class UserAgents
{
    public static IReadOnlyDictionary<string, string> Presets { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Chrome"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
        ["Edge"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0",
        ["Firefox"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0",
        ["Safari"] = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15",
        ["SiteStatus"] = ProbeOptions.DefaultUserAgent,
    };

    public static string Resolve(string nameOrText) => Presets.TryGetValue(nameOrText, out var preset) ? preset : nameOrText;
}
