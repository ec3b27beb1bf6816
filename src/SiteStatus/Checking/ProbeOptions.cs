using System;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using SiteStatus.Domains;
#if NET8_0_OR_GREATER
using System.Threading;
using System.Threading.Tasks;
#endif

namespace SiteStatus.Checking;

/// <summary>How every check of one invocation connects; how each site is judged is its target's <see cref="CheckPolicy"/>.</summary>
internal sealed class ProbeOptions
{
    /// <summary>The most response header bytes read, in KiB; a larger header block is an InvalidResponse.</summary>
    public const int MaximumResponseHeadersKilobytes = 64;

    public bool SkipCertificateCheck { get; set; }

    /// <summary>Collect phase timings, the certificate and the redirect chain; each attempt then gets its own connections.</summary>
    public bool Diagnose { get; set; }

    public Uri? Proxy { get; set; }

    public bool ProxyUseDefaultCredentials { get; set; }

    /// <summary>Sent as Basic authentication to the first server of each check, never after a redirect to another.</summary>
    public NetworkCredential? Credential { get; set; }

    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Connect over this family only; Unspecified lets the system choose.</summary>
    public AddressFamily AddressFamily { get; set; } = AddressFamily.Unspecified;

#if NET8_0_OR_GREATER
    /// <summary>Looks up every address of a host name, for -AllAddresses: the system's resolver (A and AAAA records, the hosts file).</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>> ResolveHost { get; init; } = Dns.GetHostAddressesAsync;
#endif

    /// <summary>The most checks in flight at once; a per-host limit at or above it never binds.</summary>
    public int ThrottleLimit { get; set; } = 32;

    /// <summary>The most checks of one host at a time, on top of the throttle limit.</summary>
    public int ThrottleLimitPerHost { get; set; } = 6;

    /// <summary>The run's domain lookups, for sites whose policy asks when their domain expires.</summary>
    public DomainLookup? Domains { get; set; }

    public static string DefaultUserAgent { get; } = "SiteStatus/" + typeof(ProbeOptions).Assembly.GetName().Version!.ToString(3);
}
