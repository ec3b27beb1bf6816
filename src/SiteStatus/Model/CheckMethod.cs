namespace SiteStatus;

/// <summary>The HTTP method a check asks with.</summary>
public enum CheckMethod
{
    /// <summary>GET: the response headers are read; the body only when a content match or a challenge needs it.</summary>
    Get,

    /// <summary>HEAD: headers only; a server that refuses HEAD (405, 501) is asked again with GET.</summary>
    Head,
}
