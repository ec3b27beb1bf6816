using System;

namespace SiteStatus.Checking;

/// <summary>How every check of one invocation is made.</summary>
internal sealed class ProbeOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaximumRedirection { get; set; } = 10;

    public bool SkipCertificateCheck { get; set; }

    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>Connections kept per server; Windows PowerShell allows only 2 unless told.</summary>
    public int MaximumConnectionsPerServer { get; set; } = 32;

    /// <summary>Collect phase timings, the certificate and the redirect chain; each check then gets its own connections.</summary>
    public bool Diagnose { get; set; }

    /// <summary>The most response header bytes read, in KiB; a larger header block is an InvalidResponse.</summary>
    public const int MaximumResponseHeadersKilobytes = 64;

    public static string DefaultUserAgent { get; } = "SiteStatus/" + typeof(ProbeOptions).Assembly.GetName().Version!.ToString(3);
}
