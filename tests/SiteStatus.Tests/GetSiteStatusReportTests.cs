using System;
using System.Collections;
using System.Linq;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

public sealed class GetSiteStatusReportTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>
{
    private readonly TestSite _site = fixture.Site;

    private Uri Http(string path) => new(_site.Http, path);

    private Uri Https(string path) => new(_site.Https, path);

    // The value of one series in metrics text.
    private static double Value(string metrics, string series)
    {
        var line = Assert.Single(metrics.Split('\n'), l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void PlainHttp_HasConnectAndFirstByte_ButNoTlsOrDns()
    {
        var report = PowerShellHost.ReportOne(Http("/ok"));

        Assert.Equal(SiteState.Up, report.Status);
        Assert.Equal("127.0.0.1", report.RemoteAddress);
        Assert.Equal("1.1", report.HttpVersion);
        Assert.Equal("Kestrel", report.Server);
        Assert.StartsWith("text/plain", report.ContentType, StringComparison.Ordinal);
        Assert.Null(report.Timing.DnsMs);
        Assert.Null(report.Timing.TlsMs);
        Assert.NotNull(report.Timing.ConnectMs);
        Assert.NotNull(report.Timing.FirstByteMs);
        Assert.Equal(report.ResponseTimeMs, report.Timing.TotalMs);
        Assert.Null(report.Certificate);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void HostName_IsResolved_AndTheDnsPhaseTimed()
    {
        var report = PowerShellHost.ReportOne(new Uri($"http://localhost:{_site.Http.Port}/ok"));

        Assert.Equal(SiteState.Up, report.Status);
        Assert.NotNull(report.Timing.DnsMs);
        Assert.True(report.RemoteAddress is "127.0.0.1" or "::1", report.RemoteAddress);
    }

    [Fact]
    public void DelayedHeaders_ShowInFirstByte()
    {
        var report = PowerShellHost.ReportOne(Http("/delay/300"));

        Assert.InRange(report.Timing.FirstByteMs!.Value, 290, 1300);
        Assert.True(report.Timing.TotalMs >= report.Timing.FirstByteMs);
    }

    [Fact]
    public void Https_HasTlsPhase_AndTheCertificate()
    {
        var report = PowerShellHost.ReportOne(Https("/ok"), new Hashtable { ["SkipCertificateCheck"] = true });

        Assert.Equal(SiteState.Up, report.Status);
        Assert.NotNull(report.Timing.TlsMs);
        Assert.NotNull(report.Certificate);
        Assert.Equal("CN=localhost", report.Certificate.Subject);
    }

    [Fact]
    public void RedirectChain_AcrossTwoPorts_IsListedInOrder()
    {
        var back = Http("/redirect/1");
        var viaHttps = Https("/redirect-to?url=" + Uri.EscapeDataString(back.AbsoluteUri));
        var start = Http("/redirect-to?url=" + Uri.EscapeDataString(viaHttps.AbsoluteUri));

        var report = PowerShellHost.ReportOne(start, new Hashtable { ["SkipCertificateCheck"] = true });

        Assert.Equal(SiteState.Up, report.Status);
        Assert.Equal(
            [(start.AbsoluteUri, 302), (viaHttps.AbsoluteUri, 302), (back.AbsoluteUri, 302), (Http("/redirect/0").AbsoluteUri, 200)],
            report.Redirects.Select(h => (h.Uri, h.StatusCode)));
        Assert.Equal(Http("/redirect/0").AbsoluteUri, report.FinalUri);
        Assert.Null(report.Certificate);
    }

    [Fact]
    public void RedirectChain_TimesEveryHop_AReusedConnectionAddingNoConnectOrTls()
    {
        var back = Http("/redirect/1");
        var viaHttps = Https("/redirect-to?url=" + Uri.EscapeDataString(back.AbsoluteUri));
        var start = Http("/redirect-to?url=" + Uri.EscapeDataString(viaHttps.AbsoluteUri));

        var report = PowerShellHost.ReportOne(start, new Hashtable { ["SkipCertificateCheck"] = true });

        // Four requests on two connections: the last two reuse the first's, so the phases are the first two hops'.
        Assert.Equal(4, report.Redirects.Count);
        Assert.NotNull(report.Timing.ConnectMs);
        Assert.NotNull(report.Timing.TlsMs);
        Assert.Null(report.Timing.DnsMs);
    }

    [Fact]
    public void RedirectChain_FirstByteSumsEveryHopsWait()
    {
        var report = PowerShellHost.ReportOne(Http("/redirect/2?delay=200"));

        // Three requests, each answered after 200 ms: the final one alone would be about 200.
        Assert.Equal(3, report.Redirects.Count);
        Assert.True(report.Timing.FirstByteMs >= 550, $"FirstByteMs {report.Timing.FirstByteMs}");
        Assert.True(report.Timing.TotalMs >= report.Timing.FirstByteMs);
    }

    [Fact]
    public void RedirectChain_MetricsWriteEveryPhase_SummedOverTheHops()
    {
        var report = PowerShellHost.ReportOne(new Uri($"http://localhost:{_site.Http.Port}/redirect/2"));
        var (output, errors) = PowerShellHost.Run("$report | ConvertTo-SiteStatusMetric", ("report", report));

        Assert.Empty(errors);
        var text = (string)Assert.Single(output).BaseObject;
        double Phase(string phase) => Value(text, $"probe_http_duration_seconds{{target=\"{report.Uri}\",phase=\"{phase}\"}}");
        var timing = report.Timing;
        Assert.NotNull(timing.DnsMs);
        Assert.NotNull(timing.ConnectMs);
        Assert.Equal(timing.DnsMs!.Value / 1000, Value(text, $"probe_dns_lookup_time_seconds{{target=\"{report.Uri}\"}}"), 9);
        Assert.Equal(timing.DnsMs.Value / 1000, Phase("resolve"), 9);
        Assert.Equal(timing.ConnectMs!.Value / 1000, Phase("connect"), 9);
        Assert.Equal(0, Phase("tls"));
        Assert.True(Phase("processing") > 0);
        Assert.Equal(timing.FirstByteMs!.Value / 1000, Phase("resolve") + Phase("connect") + Phase("tls") + Phase("processing"), 9);
    }

    [Fact]
    public void LargeBody_IsNotRead_ButItsLengthIsReported()
    {
        using var huge = RawListener.HugeBody();
        var report = PowerShellHost.ReportOne(huge.Uri);

        Assert.Equal(SiteState.Up, report.Status);
        Assert.Equal(RawListener.HugeBodyLength, report.ContentLength);
        Assert.InRange(report.ResponseTimeMs, 0, 5000);

        // The server can push only what the socket buffers take before the client closes: megabytes, never the body.
        Assert.True(huge.WaitUntilServed(TimeSpan.FromSeconds(10)));
        Assert.InRange(huge.BytesSent, 0, 64L << 20);
    }

    [Fact]
    public void SlowThreshold_MakesAnUpSiteDegraded()
    {
        var report = PowerShellHost.ReportOne(Http("/delay/300"), new Hashtable { ["SlowThresholdMs"] = 100 });

        Assert.Equal(SiteState.Degraded, report.Status);
        Assert.Equal(FailureKind.None, report.Failure);
        Assert.Contains(report.Warnings, w => w.Contains("slower than 100 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void DownSite_IsAReportToo()
    {
        using var closed = new ClosedPort();
        var report = PowerShellHost.ReportOne(closed.Uri);

        Assert.Equal(SiteState.Down, report.Status);
        Assert.Equal(FailureKind.ConnectionRefused, report.Failure);
        Assert.Null(report.StatusCode);
        Assert.Empty(report.Redirects);
    }

    [Fact]
    public void Summary_CountsAndRanksAKnownMix()
    {
        // Far apart, so that a loaded machine never makes /ok slower than the threshold.
        var slow = Http("/delay/2500");
        using var closedPort = new ClosedPort();
        var closed = closedPort.Uri;
        var urls = new[] { Http("/ok?a"), Http("/ok?b"), slow, Http("/status/500"), closed };

        var summary = Assert.Single(PowerShellHost.Invoke<SiteStatusSummary>(
            "Get-SiteStatusReport", urls, new Hashtable { ["Summary"] = true, ["SlowThresholdMs"] = 2000 }));

        Assert.Equal(5, summary.Total);
        Assert.Equal(2, summary.Up);
        Assert.Equal(1, summary.Degraded);
        Assert.Equal(2, summary.Down);
        Assert.Equal(60, summary.AvailabilityPercent);
        Assert.Equal(slow.AbsoluteUri, PowerShellHost.AsReport(summary.Slowest[0]).Uri);
        Assert.Equal(5, summary.Slowest.Count);
        Assert.Equal(
            [(FailureKind.HttpStatus, 1), (FailureKind.ConnectionRefused, 1)],
            summary.Failures.Select(g => (g.Failure, g.Count)).OrderBy(g => g.Failure));
        var times = summary.ResponseTimeMs!;
        Assert.True(times.Min <= times.Median && times.Median <= times.P95 && times.P95 <= times.Max);
        Assert.Equal(PowerShellHost.AsReport(summary.Slowest[0]).ResponseTimeMs, times.Max);
        Assert.True(times.Max >= 2490, "the slow site answered after its 2500 ms delay");
        Assert.Empty(summary.CertificatesExpiringSoon);
        Assert.True(summary.Duration > TimeSpan.Zero);
    }

    [Fact]
    public void Summary_OfARunThatCheckedNothing_HasNoAvailability_AndNothingSlowest()
    {
        using var closed = new ClosedPort();

        var summary = Assert.Single(PowerShellHost.Invoke<SiteStatusSummary>(
            "Get-SiteStatusReport", [Http("/ok?unchecked"), Http("/status/503?unchecked")], new Hashtable { ["Summary"] = true, ["CanaryUri"] = closed.Uri.AbsoluteUri }));

        Assert.Equal((2, 2, 0, 0), (summary.Total, summary.NotRun, summary.Up, summary.Down));
        Assert.Null(summary.AvailabilityPercent);
        Assert.Empty(summary.Slowest);
        Assert.Null(summary.ResponseTimeMs);
        Assert.Empty(summary.Failures);
    }

    [Fact]
    public void ResultsOfTestSiteStatus_PipedIn_AreCheckedAgain()
    {
        var (output, errors) = PowerShellHost.Run("Test-SiteStatus $url | Get-SiteStatusReport", ("url", Http("/ok").AbsoluteUri));

        Assert.Empty(errors);
        var report = Assert.IsType<SiteStatusReport>(Assert.Single(output).BaseObject);
        Assert.Equal(Http("/ok").AbsoluteUri, report.Uri);
        Assert.NotNull(report.Timing.FirstByteMs);
    }
}

public sealed class CertificateReportTests(CertificateSitesFixture sites) : IClassFixture<CertificateSitesFixture>
{
    private static readonly Hashtable Skip = new() { ["SkipCertificateCheck"] = true };

    [Fact]
    public void SelfSignedCertificate_IsTlsFailure_WithTheCertificateFilled()
    {
        var report = PowerShellHost.ReportOne(new Uri(sites.Valid.Https, "/ok"));

        Assert.Equal(SiteState.Down, report.Status);
        Assert.Equal(FailureKind.Tls, report.Failure);
        Assert.Contains("UntrustedRoot", report.Reason, StringComparison.Ordinal);
        var certificate = Assert.IsType<SiteCertificate>(report.Certificate);
        Assert.Equal("CN=localhost", certificate.Subject);
        Assert.Equal("CN=localhost", certificate.Issuer);
        Assert.InRange(certificate.DaysUntilExpiry, 88, 90);
        Assert.Equal(["localhost", "127.0.0.1"], certificate.SubjectAlternativeNames);
        Assert.Equal(["UntrustedRoot"], certificate.ChainStatus);
    }

    [Fact]
    public void RefusedCertificates_SayWhyInWords_InBothCmdlets()
    {
        var cases = new (TestSite Site, string Says)[]
        {
            (sites.Valid, "not issued by an authority this machine trusts"),
            (sites.Expired, "it has expired or is not yet valid"),
            (sites.WrongName, "it is not issued for this host name"),
        };

        foreach (var (site, says) in cases)
        {
            var uri = new Uri(site.Https, "/ok");
            foreach (var reason in new[] { PowerShellHost.CheckOne(uri).Reason, PowerShellHost.ReportOne(uri).Reason })
            {
                Assert.StartsWith("Certificate refused: ", reason, StringComparison.Ordinal);
                Assert.Contains(says, reason, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void MinimumCertificateDays_FailsACertificateExpiringSooner_OnTestSiteStatusToo()
    {
        var parameters = new Hashtable { ["SkipCertificateCheck"] = true, ["MinimumCertificateDays"] = 30 };

        var soon = PowerShellHost.CheckOne(new Uri(sites.ExpiringSoon.Https, "/ok"), parameters);
        var fine = PowerShellHost.CheckOne(new Uri(sites.Valid.Https, "/ok"), parameters);
        var plain = PowerShellHost.CheckOne(new Uri(sites.Valid.Http, "/ok"), parameters);

        Assert.Equal((SiteState.Down, FailureKind.ConditionFailed), (soon.Status, soon.Failure));
        Assert.Matches("^Condition 'CertificateDays >= 30' failed: found [45] days, until ", soon.Reason);
        Assert.Equal(SiteState.Up, fine.Status);
        Assert.Matches("^CertificateDays >= 30: passed \\((89|90) days, until ", fine.Conditions.Single().ToString());
        Assert.Equal(SiteState.Up, plain.Status);
        Assert.Equal("no certificate (http)", plain.Conditions.Single().Observed);
    }

    [Fact]
    public void ExpiredCertificate_IsNotTimeValid_AndDegradedWhenSkipped()
    {
        var refused = PowerShellHost.ReportOne(new Uri(sites.Expired.Https, "/ok"));
        var skipped = PowerShellHost.ReportOne(new Uri(sites.Expired.Https, "/ok"), Skip);

        Assert.Equal(FailureKind.Tls, refused.Failure);
        Assert.Contains("NotTimeValid", refused.Certificate!.ChainStatus);
        Assert.InRange(refused.Certificate.DaysUntilExpiry, -31, -29);
        Assert.Equal(SiteState.Degraded, skipped.Status);
        Assert.Contains(skipped.Warnings, w => w.Contains("expired 30 days ago", StringComparison.Ordinal));
    }

    [Fact]
    public void NotYetValidCertificate_IsNotTimeValid()
    {
        var report = PowerShellHost.ReportOne(new Uri(sites.NotYetValid.Https, "/ok"));

        Assert.Equal(FailureKind.Tls, report.Failure);
        Assert.Contains("NotTimeValid", report.Certificate!.ChainStatus);
        Assert.True(report.Certificate.NotBefore > DateTimeOffset.UtcNow);
    }

    [Fact]
    public void CertificateForAnotherName_IsNameMismatch()
    {
        var report = PowerShellHost.ReportOne(new Uri(sites.WrongName.Https, "/ok"));

        Assert.Equal(FailureKind.Tls, report.Failure);
        Assert.Contains("NameMismatch", report.Certificate!.ChainStatus);
        Assert.Equal("CN=wrong.example", report.Certificate.Subject);
    }

    [Fact]
    public void CertificateExpiringWithinTheWarningDays_IsDegraded_AndInTheSummary()
    {
        var uri = new Uri(sites.ExpiringSoon.Https, "/ok");

        var report = PowerShellHost.ReportOne(uri, Skip);
        var relaxed = PowerShellHost.ReportOne(uri, new Hashtable { ["SkipCertificateCheck"] = true, ["CertificateExpiryWarningDays"] = 3 });
        var summary = Assert.Single(PowerShellHost.Invoke<SiteStatusSummary>(
            "Get-SiteStatusReport", [uri, new Uri(sites.Valid.Https, "/ok")], new Hashtable { ["SkipCertificateCheck"] = true, ["Summary"] = true }));

        Assert.Equal(SiteState.Degraded, report.Status);
        Assert.Contains(report.Warnings, w => w.Contains("expires in 5 days", StringComparison.Ordinal) || w.Contains("expires in 4 days", StringComparison.Ordinal));
        Assert.Equal(SiteState.Up, relaxed.Status);
        Assert.Equal(uri.AbsoluteUri, PowerShellHost.AsReport(Assert.Single(summary.CertificatesExpiringSoon)).Uri);
        Assert.Equal(1, summary.Degraded);
    }
}
