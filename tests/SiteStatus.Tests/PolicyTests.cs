using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using SiteStatus.Checking;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

public sealed class PolicyTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>
{
    private readonly TestSite _site = fixture.Site;

    private Uri Http(string path) => new(_site.Http, path);

    private static string Key() => Guid.NewGuid().ToString("N");

    [Theory]
    [InlineData("404", 404, SiteState.Up)]
    [InlineData("200-399,404", 404, SiteState.Up)]
    [InlineData("200-299", 404, SiteState.Down)]
    [InlineData("301", 200, SiteState.Down)]
    public void ExpectedStatusCode_DecidesWhatCountsAsUp(string expected, int code, SiteState state)
    {
        var result = PowerShellHost.CheckOne(Http($"/status/{code}?e={expected}"), new Hashtable { ["ExpectedStatusCode"] = expected.Split(';') });

        Assert.Equal(state, result.Status);
        Assert.Equal(state == SiteState.Up ? FailureKind.None : FailureKind.HttpStatus, result.Failure);
    }

    [Fact]
    public void ExpectedRedirect_IsUpWithMaximumRedirectionZero()
    {
        var result = PowerShellHost.CheckOne(Http("/redirect/1"), new Hashtable { ["ExpectedStatusCode"] = "301-302", ["MaximumRedirection"] = 0 });

        Assert.Equal(SiteState.Up, result.Status);
        Assert.Equal(302, result.StatusCode);
    }

    [Theory]
    [InlineData("299-200")]
    [InlineData("20x")]
    [InlineData("1000")]
    [InlineData("")]
    public void BadStatusCodeRange_IsATerminatingParameterError(string range)
    {
        var (output, errors) = PowerShellHost.Run(
            "try { Test-SiteStatus $url -ExpectedStatusCode $range } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }", ("url", Http("/ok").AbsoluteUri), ("range", range));

        Assert.Empty(errors);
        Assert.StartsWith("ParameterArgumentValidationError,", (string)output[0].BaseObject, StringComparison.Ordinal);
        Assert.Contains("ExpectedStatusCode", (string)output[1].BaseObject, StringComparison.Ordinal);
    }

    [Fact]
    public void MethodHead_IsUsed_OrFallsBackToGetWhenRefused()
    {
        var head = PowerShellHost.CheckOne(Http("/head-ok"), new Hashtable { ["Method"] = "Head" });
        var fallback = PowerShellHost.CheckOne(Http("/ok"), new Hashtable { ["Method"] = "Head" });

        Assert.Equal(("HEAD", SiteState.Up), (head.Method, head.Status));
        Assert.Equal(("GET", SiteState.Up, 1), (fallback.Method, fallback.Status, fallback.Attempts));
    }

    [Fact]
    public void TooManyRequests_WithRetryAfter_IsRetriedAfterTheWait_AndFlaky()
    {
        var result = PowerShellHost.CheckOne(Http($"/flaky/{Key()}?fail=1&code=429&retryAfter=1"), new Hashtable { ["MaximumRetryCount"] = 2, ["RetryIntervalSec"] = 0 });

        Assert.Equal(SiteState.Flaky, result.Status);
        Assert.Equal(FailureKind.None, result.Failure);
        Assert.Equal(2, result.Attempts);
        Assert.InRange(result.ResponseTimeMs, 950, 5000);
    }

    [Fact]
    public void RetryAfter_LongerThanTheCheckMayTake_IsNotWaitedFor()
    {
        var result = PowerShellHost.CheckOne(
            Http($"/flaky/{Key()}?fail=1&code=503&retryAfter=3600"), new Hashtable { ["MaximumRetryCount"] = 1, ["TimeoutSec"] = 2 });

        Assert.Equal(SiteState.Down, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.InRange(result.ResponseTimeMs, 0, 2000);
        Assert.Equal("Service Unavailable; not retried: the server asked to wait 3600 s (Retry-After), and the check had 2 s left.", result.Reason);
    }

    [Fact]
    public void Summary_CountsFlakySitesAsAvailable()
    {
        var urls = new[] { Http($"/flaky/{Key()}?fail=1&code=502"), Http("/ok?summary-flaky"), Http("/status/500?summary-flaky") };

        var summary = Assert.Single(PowerShellHost.Invoke<SiteStatusSummary>(
            "Get-SiteStatusReport", urls, new Hashtable { ["Summary"] = true, ["MaximumRetryCount"] = 1, ["RetryIntervalSec"] = 0 }));

        Assert.Equal((3, 1, 1, 1), (summary.Total, summary.Up, summary.Flaky, summary.Down));
        Assert.Equal(66.67, summary.AvailabilityPercent);
    }

    [Fact]
    public void PersistentServerError_IsDownAfterEveryRetry()
    {
        var result = PowerShellHost.CheckOne(Http($"/flaky/{Key()}?fail=100&code=503"), new Hashtable { ["MaximumRetryCount"] = 2, ["RetryIntervalSec"] = 0 });

        Assert.Equal(SiteState.Down, result.Status);
        Assert.Equal(503, result.StatusCode);
        Assert.Equal(3, result.Attempts);
    }

    [Fact]
    public void NotFound_IsNotRetried()
    {
        var result = PowerShellHost.CheckOne(Http("/status/404?retry"), new Hashtable { ["MaximumRetryCount"] = 3, ["RetryIntervalSec"] = 0 });

        Assert.Equal(1, result.Attempts);
        Assert.Equal(SiteState.Down, result.Status);
    }

    [Theory]
    [InlineData("/challenge", 403)]
    [InlineData("/challenge-page", 503)]
    public void ChallengePage_IsBlocked_NotAPlainHttpFailure(string path, int code)
    {
        var result = PowerShellHost.CheckOne(Http(path));

        Assert.Equal(SiteState.Down, result.Status);
        Assert.Equal(FailureKind.Blocked, result.Failure);
        Assert.Equal(code, result.StatusCode);
        Assert.Contains("may be fine in a browser", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ChallengePage_CanBeAccepted_ByExpectedStatusCode()
    {
        var result = PowerShellHost.CheckOne(Http("/challenge"), new Hashtable { ["ExpectedStatusCode"] = "200-299,403" });

        Assert.Equal(SiteState.Up, result.Status);
    }

    [Fact]
    public void ThrottleLimitPerHost_BoundsEachHost_WhileOtherHostsProceed()
    {
        var local = new UriBuilder(_site.Http) { Host = "localhost" }.Uri;
        var urls = Enumerable.Range(0, 12).Select(i => Http($"/count-by-host/300?a={i}"))
            .Concat(Enumerable.Range(0, 6).Select(i => new Uri(local, $"/count-by-host/300?b={i}")));

        var results = PowerShellHost.Check(urls, new Hashtable { ["ThrottleLimit"] = 32, ["ThrottleLimitPerHost"] = 2, ["IPv4"] = true });

        Assert.Equal(18, results.Count);
        Assert.All(results, r => Assert.Equal(SiteState.Up, r.Status));
        Assert.Equal(2, _site.MaxInFlightFor("127.0.0.1"));
        Assert.Equal(2, _site.MaxInFlightFor("localhost"));
        Assert.Equal(4, _site.MaxInFlightAllHosts);
    }

    [Fact]
    public void ContentMatch_OnPlainAndGzipBodies()
    {
        var plain = PowerShellHost.CheckOne(Http("/content/plain"), new Hashtable { ["ContentMatch"] = "status: healthy" });
        var gzip = PowerShellHost.CheckOne(Http("/content/gzip"), new Hashtable { ["ContentMatch"] = "status: healthy" });
        var missing = PowerShellHost.CheckOne(Http("/content/plain?missing"), new Hashtable { ["ContentMatch"] = "status: degraded" });
        var forbidden = PowerShellHost.CheckOne(Http("/content/gzip?forbidden"), new Hashtable { ["NotContentMatch"] = "healthy" });

        Assert.Equal(SiteState.Up, plain.Status);
        Assert.Equal(SiteState.Up, gzip.Status);
        Assert.Equal(FailureKind.ContentMismatch, missing.Failure);
        Assert.Equal(FailureKind.ContentMismatch, forbidden.Failure);
        Assert.Contains("must not", forbidden.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deflate-zlib")]
    [InlineData("deflate-raw")]
    [InlineData("br")]
    [InlineData("gzip-then-br")]
    public void ContentMatch_DecodesEveryEncodingServersSend(string form)
    {
        var result = PowerShellHost.CheckOne(Http($"/content/encoded/{form}"), new Hashtable { ["ContentMatch"] = "status: healthy" });

        Assert.True(result.Status == SiteState.Up, $"{form}: {result.Failure} ({result.Reason})");
    }

    [Theory]
    [InlineData("gzip-lie", "not valid gzip")]
    [InlineData("deflate-lie", "not valid deflate")]
    [InlineData("br-lie", "not valid br")]
    [InlineData("zstd", "'zstd'")]
    public void UndecodableBody_IsADownResult_NotAnError(string form, string said)
    {
        var url = Http($"/content/encoded/{form}");
        var urls = new[] { url.AbsoluteUri, Http("/ok").AbsoluteUri };

        foreach (var command in new[] { "Test-SiteStatus", "Get-SiteStatusReport" })
        {
            var (output, errors) = PowerShellHost.Run($"$urls | {command} -NotContentMatch 'maintenance'", ("urls", urls));

            Assert.Empty(errors);
            Assert.Equal(2, output.Count);
            var down = output.Select(o => (SiteStatusResult)o.BaseObject).Single(r => r.Uri == url.AbsoluteUri);
            Assert.Equal((SiteState.Down, FailureKind.InvalidResponse, 200), (down.Status, down.Failure, down.StatusCode));
            Assert.Contains(said, down.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void GzipBomb_IsReadOnlyUpToTheCap()
    {
        var result = PowerShellHost.CheckOne(Http("/content/gzip-bomb"), new Hashtable { ["ContentMatch"] = "healthy", ["MaximumContentBytes"] = 65536 });

        Assert.Equal(FailureKind.ContentMismatch, result.Failure);
        Assert.Contains("first 65536 characters", result.Reason, StringComparison.Ordinal);
        Assert.InRange(result.ResponseTimeMs, 0, 10_000);
    }

    [Fact]
    public void BadContentPattern_IsAParameterError()
    {
        var (output, _) = PowerShellHost.Run("try { Test-SiteStatus $url -ContentMatch '([' } catch { $_.FullyQualifiedErrorId }", ("url", Http("/ok").AbsoluteUri));

        Assert.StartsWith("ParameterArgumentValidationError,", (string)Assert.Single(output).BaseObject, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_AndUserAgentPresets_AreSent()
    {
        var header = PowerShellHost.CheckOne(Http("/require-header?name=X-Api-Key&contains=abc"), new Hashtable { ["Headers"] = new Hashtable { ["X-Api-Key"] = "abc" } });
        var chrome = PowerShellHost.CheckOne(Http("/require-header?name=User-Agent&contains=Chrome/"), new Hashtable { ["UserAgent"] = "Chrome" });
        var own = PowerShellHost.CheckOne(Http("/require-header?name=User-Agent&contains=SiteStatus/"));

        Assert.Equal(SiteState.Up, header.Status);
        Assert.Equal(SiteState.Up, chrome.Status);
        Assert.Equal(SiteState.Up, own.Status);
    }

    [Fact]
    public void UserAgent_CompletesItsPresets()
    {
        var (output, _) = PowerShellHost.Run("$line = 'Test-SiteStatus x -UserAgent Fi'; (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText");

        Assert.Equal("Firefox", Assert.Single(output).BaseObject);
    }

    [Fact]
    public void Proxy_SeesTheRequest()
    {
        using var proxy = new ForwardingProxy();
        var target = Http("/ok?via-proxy");

        var result = PowerShellHost.CheckOne(target, new Hashtable { ["Proxy"] = proxy.Uri });

        Assert.Equal(SiteState.Up, result.Status);
        Assert.Contains(target.AbsoluteUri, proxy.Seen);
    }

    [Fact]
    public void Credential_GoesToTheFirstServer_NotToARedirectOnAnotherPort()
    {
        var elsewhere = new Uri(_site.Https, "/ok?credential-elsewhere");
        var first = Http("/redirect-to?credential=1&url=" + Uri.EscapeDataString(elsewhere.AbsoluteUri));
        using var password = new SecureString();
        foreach (var c in "s3cret")
        {
            password.AppendChar(c);
        }

        var result = PowerShellHost.CheckOne(first, new Hashtable { ["Credential"] = new PSCredential("ops", password), ["SkipCertificateCheck"] = true });

        Assert.Equal(SiteState.Up, result.Status);
        SecurityTests.AssertBasicSentOnlyOverHttp(_site, "ops:s3cret", "credential=1");
    }

    [Fact]
    public void AddressFamily_CanBeForced()
    {
        var local = new UriBuilder(_site.Http) { Host = "localhost", Path = "/ok" }.Uri;

        var v4 = PowerShellHost.ReportOne(local, new Hashtable { ["IPv4"] = true });
        var v6 = PowerShellHost.CheckOne(Http("/ok?v6"), new Hashtable { ["IPv6"] = true });

        Assert.Equal(("127.0.0.1", SiteState.Up), (v4.RemoteAddress, v4.Status));
        Assert.Equal(FailureKind.NameResolution, v6.Failure);
        Assert.Contains("IPv6", v6.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task ClientCertificate_IsPresentedWhenGiven()
    {
        await using var site = await TestSite.StartAsync(requireClientCertificate: true);
        using var certificate = TestCertificate.CreateForLoopback();
        var uri = new Uri(site.Https, "/client-certificate");

        var with = PowerShellHost.CheckOne(uri, new Hashtable { ["Certificate"] = certificate, ["SkipCertificateCheck"] = true });
        var without = PowerShellHost.CheckOne(uri, new Hashtable { ["SkipCertificateCheck"] = true });

        Assert.Equal(SiteState.Up, with.Status);
        Assert.Equal(SiteState.Down, without.Status);
    }

    [Fact]
    public void StatusCodeSet_ReadsCodesAndRanges()
    {
        var set = StatusCodeSet.Parse(["200-204, 301", "404"]);

        Assert.True(set.Contains(200) && set.Contains(204) && set.Contains(301) && set.Contains(404));
        Assert.False(set.Contains(205) || set.Contains(302) || set.Contains(500));
        Assert.Equal("200-204,301,404", set.ToString());
    }
}
