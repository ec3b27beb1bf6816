using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SiteStatus;

/// <summary>The server certificate as the TLS handshake saw it, filled whether or not it passed validation.</summary>
public sealed class SiteCertificate
{
#if !NET8_0_OR_GREATER
    private static readonly char[] AlternativeNameSeparators = [',', '\n'];
#endif

    private SiteCertificate(X509Certificate2 certificate, IReadOnlyList<string> chainStatus, DateTimeOffset now)
    {
        Subject = certificate.Subject;
        Issuer = certificate.Issuer;
        NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        DaysUntilExpiry = (int)Math.Floor((NotAfter - now).TotalDays);
        SubjectAlternativeNames = ReadAlternativeNames(certificate);
        ChainStatus = chainStatus;
        SerialNumber = certificate.SerialNumber.ToLowerInvariant();
#if NET8_0_OR_GREATER
        var hash = SHA256.HashData(certificate.RawData);
#else
        using var sha256 = SHA256.Create();
        var hash = sha256.ComputeHash(certificate.RawData);
#endif
        Sha256Fingerprint = string.Concat(hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    /// <summary>The serial number, in lowercase hex.</summary>
    public string SerialNumber { get; }

    /// <summary>The SHA-256 of the certificate, in lowercase hex, as blackbox_exporter's fingerprint_sha256 label.</summary>
    public string Sha256Fingerprint { get; }

    /// <summary>The certificate's subject, e.g. CN=example.com.</summary>
    public string Subject { get; }

    /// <summary>Who issued it.</summary>
    public string Issuer { get; }

    /// <summary>Valid from (UTC).</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>Valid until (UTC).</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>Whole days left until NotAfter at the time of the check; negative once expired.</summary>
    public int DaysUntilExpiry { get; }

    /// <summary>The DNS names and IP addresses the certificate is for.</summary>
    public IReadOnlyList<string> SubjectAlternativeNames { get; }

    /// <summary>The problems validation found (e.g. UntrustedRoot, NotTimeValid, NameMismatch); empty when it passed.</summary>
    public IReadOnlyList<string> ChainStatus { get; }

    /// <inheritdoc/>
    public override string ToString()
    {
        var status = ChainStatus.Count == 0 ? "valid" : string.Join(", ", ChainStatus);
        return string.Format(CultureInfo.InvariantCulture, "{0}, expires {1:yyyy-MM-dd} ({2} days), {3}", Subject, NotAfter, DaysUntilExpiry, status);
    }

    internal static SiteCertificate From(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var status = new List<string>();
        if (chain is not null)
        {
            status.AddRange(chain.ChainStatus.Where(s => s.Status != X509ChainStatusFlags.NoError).Select(s => s.Status.ToString()));
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            status.Add("NameMismatch");
        }

        if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0 && status.Count == 0)
        {
            status.Add("ChainError");
        }

        return new SiteCertificate(certificate, status.Distinct().ToList(), DateTimeOffset.UtcNow);
    }

    private static string[] ReadAlternativeNames(X509Certificate2 certificate)
    {
#if NET8_0_OR_GREATER
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        return extension is null
            ? []
            : extension.EnumerateDnsNames().Concat(extension.EnumerateIPAddresses().Select(a => a.ToString())).ToArray();
#else
        // No typed reader before .NET 8: the extension's text reads "DNS Name=a.example, IP Address=::1" on Windows and
        // "DNS:a.example, IP Address:::1" with OpenSSL. The name follows the first '=', else the first ':'.
        var extension = certificate.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == "2.5.29.17");
        return extension is null
            ? []
            : extension.Format(false).Split(AlternativeNameSeparators, StringSplitOptions.RemoveEmptyEntries)
                .Select(part => part.Substring((part.IndexOf('=') is var equals and >= 0 ? equals : part.IndexOf(':')) + 1).Trim())
                .Where(name => name.Length > 0)
                .ToArray();
#endif
    }
}
