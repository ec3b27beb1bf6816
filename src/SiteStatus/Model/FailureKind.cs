namespace SiteStatus;

/// <summary>Why a check did not find the site up.</summary>
public enum FailureKind
{
    /// <summary>Nothing failed: the site is up.</summary>
    None,

    /// <summary>The server answered, with a status code that is not a success.</summary>
    HttpStatus,

    /// <summary>The host name could not be resolved.</summary>
    NameResolution,

    /// <summary>Nothing listens at the address and port: the connection was refused.</summary>
    ConnectionRefused,

    /// <summary>The connection was reset or closed by the server before a complete response.</summary>
    ConnectionReset,

    /// <summary>The whole check did not finish within the timeout.</summary>
    Timeout,

    /// <summary>The TLS handshake failed, most often because the certificate is not trusted.</summary>
    Tls,

    /// <summary>The server redirected more times than allowed.</summary>
    TooManyRedirects,

    /// <summary>The server sent something that is not a valid HTTP response, or a redirect that may not be followed.</summary>
    InvalidResponse,

    /// <summary>A bot-protection or WAF layer answered (a challenge page), not the site: it may be fine for people in browsers.</summary>
    Blocked,

    /// <summary>The start of the body does not match -ContentMatch, or matches -NotContentMatch.</summary>
    ContentMismatch,

    /// <summary>The URL was not checked: the run's deadline (-TotalTimeoutSec) passed first.</summary>
    NotRun,

    /// <summary>Another network error: unreachable host or network, or an error that fits no other kind.</summary>
    Network,

    /// <summary>A condition of the site's policy did not hold: a JSON condition on the body, the response time or the certificate's days left.</summary>
    ConditionFailed,
}
