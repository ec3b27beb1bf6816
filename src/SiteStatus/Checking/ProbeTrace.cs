using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace SiteStatus.Checking;

/// <summary>Everything a diagnosis adds to the verdict: the hops, the final response's headers, the phase timings and the certificate.</summary>
internal sealed class ProbeDetails
{
    public IList<RedirectHop> Redirects { get; init; } = [];

    public string? RemoteAddress { get; init; }

    public string? Server { get; init; }

    public string? ContentType { get; init; }

    public long? ContentLength { get; init; }

    public SiteTiming Timing { get; init; } = null!;

    public SiteCertificate? Certificate { get; init; }

    /// <summary>The TLS version of the final https connection, as "TLS 1.3"; null for http, or where the runtime cannot tell.</summary>
    public string? TlsVersion { get; init; }
}

/// <summary>
/// Watches one check's requests through the handler's callbacks. Each diagnosed check has its own handler,
/// so the callbacks belong to this check alone, and its hops run one after another: no locking is needed.
/// </summary>
internal sealed class ProbeTrace(Stopwatch clock)
{
    private readonly List<RedirectHop> _hops = [];

    // A connection made for one hop may serve a later hop to the same authority: its certificate is looked up by authority.
    // Made at the first certificate: a check over plain http needs neither.
    private Dictionary<string, SiteCertificate>? _certificates;
    private Dictionary<string, string>? _tlsVersions;
    private string _authority = string.Empty;
    private TimeSpan _hopStart;
    private TimeSpan? _connectedAt;
    private TimeSpan _connectStart;
    private TimeSpan _resolvedAt;

    // Each phase summed over every hop, as curl and blackbox_exporter add them: a hop that reused a connection adds
    // nothing to connect and tls. Null while no hop had the phase.
    private TimeSpan? _dns;
    private TimeSpan? _connect;
    private TimeSpan? _tls;
    private TimeSpan? _firstByte;
    private string? _server;
    private string? _contentType;
    private long? _contentLength;

    /// <summary>Decides whether a certificate is accepted; the trace records it either way.</summary>
    public bool SkipCertificateCheck { get; init; }

    public void BeginHop(Uri uri)
    {
        _authority = uri.Authority;
        _hopStart = clock.Elapsed;
        _connectedAt = null;
    }

    /// <summary>Why the last certificate was refused, in words, with the problems validation named; null when none was.</summary>
    public string? CertificateRejection { get; private set; }

    /// <summary>The address of the last connection made; null where the runtime gives no way to see it.</summary>
    public string? RemoteAddress { get; private set; }

    public void EndHop(Uri uri, HttpResponseMessage response)
    {
        _firstByte = Add(_firstByte, clock.Elapsed - _hopStart);
        _hops.Add(new RedirectHop(SiteTarget.Mask(uri), (int)response.StatusCode));
        _server = response.Headers.Server.Count > 0 ? response.Headers.Server.ToString() : null;
        _contentType = response.Content.Headers.ContentType?.ToString();
        _contentLength = response.Content.Headers.ContentLength;
    }

    public ProbeDetails Complete(Uri finalUri, TimeSpan total)
    {
        return new ProbeDetails
        {
            Redirects = _hops,
            RemoteAddress = RemoteAddress,
            Server = _server,
            ContentType = _contentType,
            ContentLength = _contentLength,
            Timing = new SiteTiming(_dns, _connect, _tls, _firstByte, total),
            Certificate = finalUri.Scheme == Uri.UriSchemeHttps && _certificates is not null && _certificates.TryGetValue(finalUri.Authority, out var certificate) ? certificate : null,
            TlsVersion = finalUri.Scheme == Uri.UriSchemeHttps && _tlsVersions is not null && _tlsVersions.TryGetValue(finalUri.Authority, out var version) ? version : null,
        };
    }

    /// <param name="certificate">What the server presented.</param>
    /// <param name="chain">Its chain as built here.</param>
    /// <param name="errors">What validation found.</param>
    /// <param name="protocol">The TLS version negotiated; null where the runtime does not say.</param>
    public bool OnCertificate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, SslProtocols? protocol)
    {
        if (protocol is { } negotiated && negotiated != SslProtocols.None)
        {
            // By name: some of these values are obsolete on .NET 8, and TLS 1.3 has none on netstandard2.0.
            _tlsVersions ??= new(StringComparer.OrdinalIgnoreCase);
            _tlsVersions[_authority] = negotiated.ToString() switch
            {
                "Tls13" => "TLS 1.3",
                "Tls12" => "TLS 1.2",
                "Tls11" => "TLS 1.1",
                "Tls" => "TLS 1.0",
                var other => other,
            };
        }

        if (_connectedAt is { } connected)
        {
            _tls = Add(_tls, clock.Elapsed - connected);
        }

        SiteCertificate? seen = null;
        if (certificate is not null)
        {
#pragma warning disable CA2000 // The copy only lives while its fields are read; it is disposed right after.
            using var copy = new X509Certificate2(certificate);
#pragma warning restore CA2000
            _certificates ??= new(StringComparer.OrdinalIgnoreCase);
            seen = _certificates[_authority] = SiteCertificate.From(copy, chain, errors);
        }

        var accepted = errors == SslPolicyErrors.None || SkipCertificateCheck;
        if (!accepted)
        {
            // The chain's own flags say more than RemoteCertificateChainErrors; a name mismatch shows only in the policy errors.
            var problems = errors.ToString().Split([", "], StringSplitOptions.None)
                .Where(e => seen is null || seen.ChainStatus.Count == 0 || e != nameof(SslPolicyErrors.RemoteCertificateChainErrors));
            CertificateRejection = FailureClassifier.DescribeCertificate(problems.Concat(seen?.ChainStatus ?? []));
        }

        return accepted;
    }

    public void OnConnecting() => _connectStart = clock.Elapsed;

    /// <param name="lookedUp">False for an IP address: no name was resolved, so the DNS phase stays null.</param>
    public void OnResolved(bool lookedUp)
    {
        _resolvedAt = clock.Elapsed;
        if (lookedUp)
        {
            _dns = Add(_dns, _resolvedAt - _connectStart);
        }
    }

    public void OnConnected(EndPoint? remote)
    {
        var connected = clock.Elapsed;
        _connect = Add(_connect, connected - _resolvedAt);
        _connectedAt = connected;
        if (remote is IPEndPoint endPoint)
        {
            RemoteAddress = (endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address).ToString();
        }
    }

    private static TimeSpan Add(TimeSpan? total, TimeSpan part) => (total ?? TimeSpan.Zero) + part;
}
