namespace SiteStatus;

/// <summary>One request of a check: the URL asked and the status code it answered with.</summary>
public sealed class RedirectHop
{
    internal RedirectHop(string uri, int statusCode)
    {
        Uri = uri;
        StatusCode = statusCode;
    }

    /// <summary>The URL requested, with any user information masked.</summary>
    public string Uri { get; }

    /// <summary>The status code it answered with.</summary>
    public int StatusCode { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{StatusCode} {Uri}";
}
