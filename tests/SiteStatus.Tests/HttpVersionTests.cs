using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Quic;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>
/// The HTTP version a response came over, asked for (-HttpVersion) and required (-ValidHttpVersion), against the test
/// site's four ports: http and https of HTTP/1.1 only, https of HTTP/2 and 1.1 (ALPN), and http of HTTP/2 only (h2c).
/// Read through PowerShell, as users read them.
/// </summary>
public sealed class HttpVersionTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>
{
    private readonly TestSite _site = fixture.Site;

    public static TheoryData<string> Commands => ["Test-SiteStatus", "Get-SiteStatusReport"];

    private static bool QuicIsSupported => (OperatingSystem.IsLinux() || OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()) && QuicConnection.IsSupported;

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryResult_SaysTheVersionItsResponseCameOver_11ByDefault_OnEveryPort(string command)
    {
        var results = Check(command, "", _site.Http, _site.Https, _site.Http2);

        Assert.All(results, r => Assert.Equal(("Up", "1.1"), (Text(r, "Status"), Text(r, "HttpVersion"))));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void HttpVersion2_OverHttps_Gets2_WhereTheServerSpeaksIt(string command)
    {
        var result = Assert.Single(Check(command, "-HttpVersion 2", _site.Http2));

        Assert.Equal(("Up", "2"), (Text(result, "Status"), Text(result, "HttpVersion")));
    }

    [Fact]
    public void HttpVersion2_OverHttps_AgainstAServerOfHttp11Only_FallsBackTo11()
    {
        var result = Assert.Single(Check("Test-SiteStatus", "-HttpVersion 2", _site.Https));

        Assert.Equal(("Up", "1.1"), (Text(result, "Status"), Text(result, "HttpVersion")));
    }

    [Fact]
    public void HttpVersion2_OverHttp_SpeaksH2cWithPriorKnowledge()
    {
        var result = Assert.Single(Check("Test-SiteStatus", "-HttpVersion 2", _site.H2c));

        Assert.Equal(("Up", "2"), (Text(result, "Status"), Text(result, "HttpVersion")));
    }

    [Fact]
    public void HttpVersion2_OverHttp_AgainstAServerOfHttp11Only_IsDown_SayingItDoesNotSpeakH2c()
    {
        var result = Assert.Single(Check("Test-SiteStatus", "-HttpVersion 2", _site.Http));

        Assert.Equal(("Down", "InvalidResponse"), (Text(result, "Status"), Text(result, "Failure")));
        Assert.Null(Text(result, "HttpVersion"));
        Assert.Equal(
            $"127.0.0.1 port {_site.Http.Port} does not speak HTTP/2 over plain http (h2c): -HttpVersion 2 on an http:// URL sends HTTP/2 with prior knowledge, which a server of HTTP/1.1 only cannot answer. Use an https:// URL, where the version is negotiated, or -HttpVersion 1.1.",
            Text(result, "Reason"));
    }

    [Fact]
    public void ValidHttpVersion_Passes_WhenTheResponseCameOverAnAllowedVersion_AndIsListed()
    {
        var result = Assert.Single(Check("Test-SiteStatus", "-HttpVersion 2 -ValidHttpVersion 2", _site.Http2));

        Assert.Equal("Up", Text(result, "Status"));
        Assert.Equal([("HttpVersion == 2", true, "2")], Conditions(result));
    }

    [Fact]
    public void ValidHttpVersion_Fails_NamingTheVersionSeen_AndThoseAllowed()
    {
        var result = Assert.Single(Check("Test-SiteStatus", "-HttpVersion 2 -ValidHttpVersion 2, 3", _site.Https));

        Assert.Equal(("Down", "ConditionFailed"), (Text(result, "Status"), Text(result, "Failure")));
        Assert.Equal([("HttpVersion in (2, 3)", false, "1.1")], Conditions(result));
        Assert.Equal("The response came over HTTP/1.1; -ValidHttpVersion allows HTTP/2 and HTTP/3.", Text(result, "Reason"));
    }

    [Fact]
    public void ValidHttpVersion_OfAVersionNotAskedFor_SaysWhatWasAskedFor()
    {
        var result = Assert.Single(Check("Test-SiteStatus", "-ValidHttpVersion HTTP/2.0", _site.Http2));

        Assert.Equal("ConditionFailed", Text(result, "Failure"));
        Assert.Equal("The response came over HTTP/1.1; -ValidHttpVersion allows HTTP/2 only, and the check asked for HTTP/1.1 at most (-HttpVersion).", Text(result, "Reason"));
    }

    [Fact]
    public void HttpVersion3_WhereThereIsNoQuic_IsAParameterError_SayingHowToGetIt_AndARowsIsAnInvalidSiteSetting()
    {
        var (output, errors) = PowerShellHost.Run(
            """
            Test-SiteStatus $url -HttpVersion 3 -SkipCertificateCheck 3>$null
            [pscustomobject]@{ Url = $url; HttpVersion = '3' } | Test-SiteStatus -SkipCertificateCheck 3>$null
            """,
            ("url", new Uri(_site.Https, "/ok").AbsoluteUri));

        if (QuicIsSupported)
        {
            // Here HTTP/3 can be asked for: the site offers no HTTP/3, so each check falls back to what it speaks.
            Assert.Empty(errors);
            Assert.All(output, r => Assert.Equal(("Up", "1.1"), (Text(r, "Status"), Text(r, "HttpVersion"))));
            return;
        }

        Assert.Empty(output);
        Assert.Equal(["ParameterArgumentValidationError,SiteStatus.Commands.TestSiteStatusCommand", "InvalidSiteSetting,SiteStatus.Commands.TestSiteStatusCommand"], errors.Select(e => e.FullyQualifiedErrorId));
        const string Why = "HTTP/3 needs QUIC, which this machine does not have: .NET speaks QUIC through msquic (libmsquic). On Linux, install the libmsquic package from Microsoft's package repository; on Windows, it needs Windows 11 or Windows Server 2022 or later; .NET has no QUIC on macOS.";
        Assert.Contains(Why, errors[0].Exception.Message, StringComparison.Ordinal);
        Assert.Equal($"The HttpVersion of this site, '3', cannot be used: {Why}", errors[1].Exception.Message);
    }

    [Fact]
    public void TheMetrics_OfResults_GiveProbeHttpVersion_AsBlackboxDoes()
    {
        var (output, errors) = PowerShellHost.Run(
            "@(Test-SiteStatus $http2 -HttpVersion 2 -SkipCertificateCheck; Test-SiteStatus $http) 3>$null | ConvertTo-SiteStatusMetric",
            ("http2", new Uri(_site.Http2, "/ok").AbsoluteUri), ("http", new Uri(_site.Http, "/ok").AbsoluteUri));

        Assert.Empty(errors);
        var lines = ((string)Assert.Single(output).BaseObject).Split('\n').Where(l => l.StartsWith("probe_http_version", StringComparison.Ordinal));
        Assert.Equal(
            [
                $"probe_http_version{{target=\"{new Uri(_site.Http2, "/ok").AbsoluteUri}\"}} 2",
                $"probe_http_version{{target=\"{new Uri(_site.Http, "/ok").AbsoluteUri}\"}} 1.1",
            ],
            lines);
    }

    [Fact]
    public void ASitesFile_HttpVersionAndValidHttpVersionColumns_AreEachRowsOwn()
    {
        var csv = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(csv,
            [
                "Url,HttpVersion,ValidHttpVersion",
                $"{new Uri(_site.Http2, "/ok")},2,",
                $"{new Uri(_site.Http2, "/ok?again")},,",
                $"{new Uri(_site.H2c, "/ok")},2,2",
                $"{new Uri(_site.Https, "/ok")},2,2;3",
                $"{new Uri(_site.Https, "/ok?comma")},2,\"2, 3\"",
            ]);

            var (output, errors) = PowerShellHost.Run("Import-Csv $csv | Test-SiteStatus -SkipCertificateCheck -ThrottleLimit 1 3>$null", ("csv", csv));

            Assert.Empty(errors);
            Assert.Equal(
                [("Up", "2"), ("Up", "1.1"), ("Up", "2"), ("Down", "1.1"), ("Down", "1.1")],
                output.Select(r => (Text(r, "Status"), Text(r, "HttpVersion"))));
            Assert.Equal("HttpVersion in (2, 3)", Assert.Single(Conditions(output[3])).Condition);

            // A cell lists versions as the parameter does, with commas, as well as with ';'.
            Assert.Equal("HttpVersion in (2, 3)", Assert.Single(Conditions(output[4])).Condition);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Theory]
    [InlineData("HttpVersion", "1.0", "it must be 1.1, 2 or 3.")]
    [InlineData("HttpVersion", "fast", "it must be 1.1, 2 or 3.")]
    [InlineData("ValidHttpVersion", "2;4", "'4' is not an HTTP version: write 1.0, 1.1, 2 or 3.")]
    public void ARowsVersionThatCannotBeUsed_IsAnInvalidSiteSetting_SayingWhatItMustBe(string setting, string value, string why)
    {
        var (output, errors) = PowerShellHost.Run(
            $"[pscustomobject]@{{ Url = $url; {setting} = $value }} | Test-SiteStatus",
            ("url", new Uri(_site.Http, "/ok").AbsoluteUri), ("value", value));

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("InvalidSiteSetting", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal($"The {setting} of this site, '{value}', cannot be used: {why}", error.Exception.Message);
    }

    [Fact]
    public void AResult_KeepsItsHttpVersion_InItsJsonLine()
    {
        var (output, errors) = PowerShellHost.Run("Test-SiteStatus $url -HttpVersion 2 | ConvertTo-SiteStatusJsonLine", ("url", new Uri(_site.H2c, "/ok").AbsoluteUri));

        Assert.Empty(errors);
        Assert.Contains("\"Method\":\"GET\",\"HttpVersion\":\"2\",", (string)Assert.Single(output).BaseObject, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="command"/> with <paramref name="parameters"/> on /ok of each port, one at a time; no error may be written.</summary>
    private static IReadOnlyList<PSObject> Check(string command, string parameters, params Uri[] sites)
    {
        var (output, errors) = PowerShellHost.Run(
            $"$urls | {command} -SkipCertificateCheck -ThrottleLimit 1 {parameters} 3>$null",
            ("urls", sites.Select(site => new Uri(site, "/ok").AbsoluteUri).ToArray()));
        Assert.Empty(errors);
        Assert.Equal(sites.Length, output.Count);
        return output;
    }

    private static string? Text(PSObject result, string property) => result.Properties[property]?.Value?.ToString();

    private static List<(string Condition, bool Passed, string? Observed)> Conditions(PSObject result) =>
        ((SiteStatusResult)result.BaseObject).Conditions.Select(c => (c.Condition, c.Passed, c.Observed)).ToList();
}
