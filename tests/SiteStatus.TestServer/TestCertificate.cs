using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SiteStatus.TestServer;

/// <summary>Self-signed certificates made at test time, so no test depends on a certificate store or a file.</summary>
public static class TestCertificate
{
    /// <summary>A server certificate for the given names (DNS names or IP addresses); the first is also the subject's CN.</summary>
    public static X509Certificate2 Create(DateTimeOffset notBefore, DateTimeOffset notAfter, params string[] names)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                alternativeNames.AddIpAddress(address);
            }
            else
            {
                alternativeNames.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(alternativeNames.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);

        // Kestrel on Linux needs the key in a form SslStream can use; a PKCS#12 round trip gives it that.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>Valid from yesterday for <paramref name="days"/> days, for localhost and 127.0.0.1: only its self-signed root is wrong.</summary>
    public static X509Certificate2 CreateForLoopback(int days = 90) =>
        Create(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(days), "localhost", "127.0.0.1");
}
