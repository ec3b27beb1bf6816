using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace SiteStatus.Checking;

/// <summary>How every check of one invocation is made.</summary>
internal sealed class ProbeOptions
{
    /// <summary>The most response header bytes read, in KiB; a larger header block is an InvalidResponse.</summary>
    public const int MaximumResponseHeadersKilobytes = 64;

    /// <summary>The bound on one attempt: connect, TLS, headers, every redirect and any body read.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaximumRedirection { get; set; } = 10;

    public bool SkipCertificateCheck { get; set; }

    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>Collect phase timings, the certificate and the redirect chain; each attempt then gets its own connections.</summary>
    public bool Diagnose { get; set; }

    /// <summary>The status codes that count as up.</summary>
    public StatusCodeSet ExpectedStatus { get; set; } = StatusCodeSet.Success;

    /// <summary>Ask with HEAD, falling back to GET where the server refuses HEAD (405, 501).</summary>
    public bool UseHead { get; set; }

    public int MaximumRetryCount { get; set; }

    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A pattern the start of the body must match.</summary>
    public Regex? ContentMatch { get; set; }

    /// <summary>A pattern the start of the body must not match.</summary>
    public Regex? ContentNotMatch { get; set; }

    /// <summary>The most body bytes read for a content match, counted after decompression.</summary>
    public int MaximumContentBytes { get; set; } = 1024 * 1024;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; set; } = [];

    public Uri? Proxy { get; set; }

    public bool ProxyUseDefaultCredentials { get; set; }

    /// <summary>Sent as Basic authentication to the first server of each check, never after a redirect to another.</summary>
    public NetworkCredential? Credential { get; set; }

    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Connect over this family only; Unspecified lets the system choose.</summary>
    public AddressFamily AddressFamily { get; set; } = AddressFamily.Unspecified;

    /// <summary>The most checks in flight at once; a per-host limit at or above it never binds.</summary>
    public int ThrottleLimit { get; set; } = 32;

    /// <summary>The most checks of one host at a time, on top of the throttle limit.</summary>
    public int ThrottleLimitPerHost { get; set; } = 6;

    public static string DefaultUserAgent { get; } = "SiteStatus/" + typeof(ProbeOptions).Assembly.GetName().Version!.ToString(3);
}
