using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SiteStatus.TestServer;

/// <summary>Self-signed certificates made at test time, so no test depends on a certificate store or a file.</summary>
public static class TestCertificate
{
    public static X509Certificate2 Create(string subjectName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subjectName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(subjectName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);

        // Kestrel on Linux needs the key in a form SslStream can use; a PKCS#12 round trip gives it that.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    public static X509Certificate2 CreateValid(string subjectName = "localhost") =>
        Create(subjectName, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
}
