using System;
using System.Collections.Generic;
using System.Globalization;

namespace SiteStatus;

/// <summary>
/// Where the time of the check's requests went, in milliseconds, as curl's -w timings name them. With redirects each
/// phase is summed over every request of the chain, as curl and blackbox_exporter add them: a request that reused a
/// connection adds nothing to ConnectMs and TlsMs. A phase that no request had (plain http, an IP address with no
/// name to resolve) is null, not 0.
/// </summary>
public sealed class SiteTiming
{
    internal SiteTiming(TimeSpan? dns, TimeSpan? connect, TimeSpan? tls, TimeSpan? firstByte, TimeSpan total)
    {
        DnsMs = dns?.TotalMilliseconds;
        ConnectMs = connect?.TotalMilliseconds;
        TlsMs = tls?.TotalMilliseconds;
        FirstByteMs = firstByte?.TotalMilliseconds;
        TotalMs = total.TotalMilliseconds;
    }

    /// <summary>Resolving the host name.</summary>
    public double? DnsMs { get; }

    /// <summary>The TCP connection, after the name was resolved.</summary>
    public double? ConnectMs { get; }

    /// <summary>The TLS handshake: from the TCP connection to the server's certificate received and checked.</summary>
    public double? TlsMs { get; }

    /// <summary>From the start of each request to its response headers, connection set-up included; summed over the redirects.</summary>
    public double? FirstByteMs { get; }

    /// <summary>The whole check, every redirect included.</summary>
    public double TotalMs { get; }

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new List<string>(5);
        Add(parts, "DNS", DnsMs);
        Add(parts, "connect", ConnectMs);
        Add(parts, "TLS", TlsMs);
        Add(parts, "first byte", FirstByteMs);
        Add(parts, "total", TotalMs);
        return string.Join(", ", parts);
    }

    private static void Add(List<string> parts, string name, double? milliseconds)
    {
        if (milliseconds is { } value)
        {
            parts.Add(string.Format(CultureInfo.InvariantCulture, "{0} {1:0.#} ms", name, value));
        }
    }
}
