using System;

namespace SiteStatus;

/// <summary>A page a sitemap lists, as Get-SiteMapUrl writes it; its Url property binds to Test-SiteStatus and Get-SiteStatusReport.</summary>
public sealed class SiteMapUrl
{
    internal SiteMapUrl(string url, DateTimeOffset? lastModified, string sitemap)
    {
        Url = url;
        LastModified = lastModified;
        Sitemap = sitemap;
    }

    /// <summary>The page's URL, as the sitemap gives it.</summary>
    public string Url { get; }

    /// <summary>When the sitemap says the page last changed; null when it does not say.</summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>The sitemap that lists the page.</summary>
    public string Sitemap { get; }
}
