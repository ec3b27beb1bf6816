using System;
using System.Collections;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

public sealed class TestSiteStatusTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>
{
    private readonly TestSite _site = fixture.Site;

    private Uri Http(string path) => new(_site.Http, path);

    [Fact]
    public void OkPage_IsUpWithCodeReasonAndTimings()
    {
        var before = DateTimeOffset.Now;
        var result = PowerShellHost.CheckOne(Http("/ok"));

        Assert.Equal(SiteState.Up, result.Status);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(FailureKind.None, result.Failure);
        Assert.Equal("OK", result.Reason);
        Assert.Equal(Http("/ok").AbsoluteUri, result.Uri);
        Assert.Equal(Http("/ok").AbsoluteUri, result.FinalUri);
        Assert.True(result.ResponseTimeMs > 0);
        Assert.InRange(result.Timestamp, before, DateTimeOffset.Now);
    }

    [Fact]
    public void ServerError_IsDownWithHttpStatus()
    {
        var result = PowerShellHost.CheckOne(Http("/status/503"));

        Assert.Equal(SiteState.Down, result.Status);
        Assert.Equal(503, result.StatusCode);
        Assert.Equal(FailureKind.HttpStatus, result.Failure);
        Assert.Equal("Service Unavailable", result.Reason);
    }

    [Fact]
    public void AResult_ReadsAsItsUrlAndVerdict_InAStringAndDeserialized()
    {
        var url = Http("/status/503?text").AbsoluteUri;

        var (output, errors) = PowerShellHost.Run(
            "$r = Test-SiteStatus $url; \"$r\"; \"$([System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($r)))\"",
            ("url", url));

        Assert.Empty(errors);
        Assert.Equal([$"{url}: Down 503 (HttpStatus)", $"{url}: Down 503 (HttpStatus)"], output.Select(o => o.ToString()));
    }

    [Fact]
    public void ClosedPort_IsConnectionRefused()
    {
        using var closed = new ClosedPort();
        var result = PowerShellHost.CheckOne(closed.Uri);

        Assert.Equal(SiteState.Down, result.Status);
        Assert.Null(result.StatusCode);
        Assert.Equal(FailureKind.ConnectionRefused, result.Failure);
        Assert.Contains("refused", result.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ListenerThatNeverAnswers_IsTimeoutAtTheTimeoutNotLater()
    {
        using var silent = RawListener.Silent();
        var clock = Stopwatch.StartNew();
        var result = PowerShellHost.CheckOne(silent.Uri, new Hashtable { ["TimeoutSec"] = 1 });

        Assert.Equal(FailureKind.Timeout, result.Failure);
        Assert.Null(result.StatusCode);
        // The timer may fire a few milliseconds early; what the contract forbids is firing late.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        Assert.InRange(result.ResponseTimeMs, 900, 2000);
    }

    [Fact]
    public void ResetConnection_IsConnectionReset()
    {
        using var resetting = RawListener.Resetting();
        var result = PowerShellHost.CheckOne(resetting.Uri);

        Assert.Equal(FailureKind.ConnectionReset, result.Failure);
        Assert.Null(result.StatusCode);
    }

    [Fact]
    public void HugeBody_IsNotDownloaded()
    {
        using var huge = RawListener.HugeBody();

        var result = PowerShellHost.CheckOne(huge.Uri);

        Assert.Equal(SiteState.Up, result.Status);
        Assert.True(huge.WaitUntilServed(TimeSpan.FromSeconds(10)));
        Assert.InRange(huge.BytesSent, 0, 64L << 20);
    }

    [Fact]
    public void SelfSignedCertificate_IsTlsFailure_UnlessSkipped()
    {
        var https = new Uri(_site.Https, "/ok");

        var refused = PowerShellHost.CheckOne(https);
        var skipped = PowerShellHost.CheckOne(https, new Hashtable { ["SkipCertificateCheck"] = true });

        Assert.Equal(FailureKind.Tls, refused.Failure);
        Assert.Equal(SiteState.Down, refused.Status);
        Assert.Equal(SiteState.Up, skipped.Status);
        Assert.Equal(200, skipped.StatusCode);
    }

    [Fact]
    public void UnresolvableHost_IsNameResolution()
    {
        var result = PowerShellHost.CheckOne(new Uri("http://no-such-host.invalid/"));

        Assert.Equal(FailureKind.NameResolution, result.Failure);
        Assert.Equal(SiteState.Down, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Fact]
    public void Redirects_AreFollowedToTheFinalPage()
    {
        var result = PowerShellHost.CheckOne(Http("/redirect/3"));

        Assert.Equal(SiteState.Up, result.Status);
        Assert.Equal(Http("/redirect/3").AbsoluteUri, result.Uri);
        Assert.Equal(Http("/redirect/0").AbsoluteUri, result.FinalUri);
    }

    [Fact]
    public void MoreRedirectsThanAllowed_IsTooManyRedirects()
    {
        var result = PowerShellHost.CheckOne(Http("/redirect/3"), new Hashtable { ["MaximumRedirection"] = 2 });

        Assert.Equal(FailureKind.TooManyRedirects, result.Failure);
        Assert.Equal(302, result.StatusCode);
        Assert.Equal(Http("/redirect/1").AbsoluteUri, result.FinalUri);
    }

    [Fact]
    public void MaximumRedirectionZero_ReportsTheRedirectItself()
    {
        var result = PowerShellHost.CheckOne(Http("/redirect/1"), new Hashtable { ["MaximumRedirection"] = 0 });

        Assert.Equal(302, result.StatusCode);
        Assert.Equal(FailureKind.HttpStatus, result.Failure);
        Assert.Equal(SiteState.Down, result.Status);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/file")]
    [InlineData("file:///etc/passwd")]
    public void RedirectToAnotherScheme_IsRefusedNotFollowed(string target)
    {
        var result = PowerShellHost.CheckOne(Http("/redirect-to?url=" + Uri.EscapeDataString(target)));

        Assert.Equal(FailureKind.InvalidResponse, result.Failure);
        Assert.Equal(302, result.StatusCode);
        Assert.Contains("Refused", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RedirectToAnotherPort_IsFollowed()
    {
        var other = new Uri(_site.Https, "/ok");
        var result = PowerShellHost.CheckOne(Http("/redirect-to?url=" + Uri.EscapeDataString(other.AbsoluteUri)), new Hashtable { ["SkipCertificateCheck"] = true });

        Assert.Equal(SiteState.Up, result.Status);
        Assert.Equal(other.AbsoluteUri, result.FinalUri);
    }

    [Fact]
    public void PipelineByValue_SkipsBlankAndCommentLines()
    {
        var lines = new[] { "# production sites", Http("/ok").AbsoluteUri, string.Empty, "   ", Http("/status/404").AbsoluteUri };

        var (output, errors) = PowerShellHost.Run("$lines | Test-SiteStatus", ("lines", lines));

        Assert.Empty(errors);
        Assert.Equal(
            [200, 404],
            output.Select(o => ((SiteStatusResult)o.BaseObject).StatusCode).Order());
    }

    [Fact]
    public void PipelineByPropertyName_TakesUrlAndAddressColumns()
    {
        var csv = $"Name,Url\nok,{Http("/ok")}\nmissing,{Http("/status/404")}";

        var (fromCsv, csvErrors) = PowerShellHost.Run("$csv | ConvertFrom-Csv | Test-SiteStatus", ("csv", csv));
        var (fromAddress, addressErrors) = PowerShellHost.Run("[pscustomobject]@{ Address = $url } | Test-SiteStatus", ("url", Http("/ok").AbsoluteUri));

        Assert.Empty(csvErrors);
        Assert.Empty(addressErrors);
        Assert.Equal(2, fromCsv.Count);
        Assert.Equal(SiteState.Up, ((SiteStatusResult)Assert.Single(fromAddress).BaseObject).Status);
    }

    [Fact]
    public void InvalidInputs_WriteInvalidUriErrors_AndTheRestAreChecked()
    {
        var inputs = new[] { "not a url", Http("/ok").AbsoluteUri, "ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)", "http://", Http("/status/500").AbsoluteUri };

        var (output, errors) = PowerShellHost.Run("$inputs | Test-SiteStatus", ("inputs", inputs));

        Assert.Equal(2, output.Count);
        Assert.Equal(5, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.StartsWith("InvalidUri,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        });
        Assert.Equal(
            ["not a url", "ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)", "http://"],
            errors.Select(e => (string)e.TargetObject));
    }

    [Fact]
    public void Quiet_WritesOneBooleanPerUrl()
    {
        var (output, errors) = PowerShellHost.Run("Test-SiteStatus -Uri $ok -Quiet; Test-SiteStatus -Uri $down -Quiet", ("ok", Http("/ok").AbsoluteUri), ("down", Http("/status/500").AbsoluteUri));

        Assert.Empty(errors);
        Assert.Equal([true, false], output.Select(o => (bool)o.BaseObject));
    }

    [Fact]
    public void InFlightChecks_NeverExceedThrottleLimit()
    {
        _site.ResetCounters();
        var urls = Enumerable.Range(0, 30).Select(i => Http($"/count/200?i={i}"));

        var results = PowerShellHost.Check(urls, new Hashtable { ["ThrottleLimit"] = 5 });

        Assert.Equal(30, results.Count);
        Assert.All(results, r => Assert.Equal(SiteState.Up, r.Status));
        Assert.Equal(5, _site.MaxInFlight);
    }

    [Fact]
    public async Task Results_StreamAsEachCheckFinishes_NotAtTheEnd()
    {
        _site.ResetCounters();
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-SiteStatus").AddParameter("Uri", new[] { Http("/gate").AbsoluteUri, Http("/ok").AbsoluteUri });
        using var output = new PSDataCollection<PSObject>();
        var first = new TaskCompletionSource<SiteStatusResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        output.DataAdded += (_, e) => first.TrySetResult((SiteStatusResult)output[e.Index].BaseObject);

        var run = shell.BeginInvoke<PSObject, PSObject>(null, output);
        var streamed = await first.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var gateStillClosed = !run.IsCompleted;
        _site.OpenGate();
        await Task.Factory.FromAsync(run, shell.EndInvoke);

        Assert.Equal(Http("/ok").AbsoluteUri, streamed.Uri);
        Assert.True(gateStillClosed);
        Assert.Equal(2, output.Count);
    }

    [Fact]
    public async Task Stop_EndsTheCommandPromptly_AndClosesEveryConnection()
    {
        using var shell = PowerShellHost.Create();
        var urls = Enumerable.Range(0, 8).Select(i => Http($"/hang?stop={i}").AbsoluteUri).ToArray();
        shell.AddCommand("Test-SiteStatus").AddParameter("Uri", urls).AddParameter("TimeoutSec", 600).AddParameter("ThrottleLimitPerHost", urls.Length);
        var run = shell.BeginInvoke();
        await WaitUntil(() => _site.Hanging == urls.Length);

        var clock = Stopwatch.StartNew();
        shell.Stop();
        var stopped = clock.Elapsed;
        await WaitUntil(() => _site.Hanging == 0);

        Assert.InRange(stopped, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.True(run.IsCompleted);
    }

    [Fact]
    public async Task SelectFirst_ReturnsAtOnce_AndCancelsTheOthers()
    {
        var urls = Enumerable.Range(0, 6).Select(i => Http($"/hang?first={i}").AbsoluteUri).Append(Http("/ok").AbsoluteUri).ToArray();
        var clock = Stopwatch.StartNew();

        var (output, errors) = PowerShellHost.Run("$urls | Test-SiteStatus -TimeoutSec 600 -ThrottleLimitPerHost 10 | Select-Object -First 1", ("urls", urls));
        var elapsed = clock.Elapsed;
        await WaitUntil(() => _site.Hanging == 0);

        Assert.Empty(errors);
        Assert.Equal(Http("/ok").AbsoluteUri, ((SiteStatusResult)Assert.Single(output).BaseObject).Uri);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ManyUrls_EachComesBackExactlyOnce()
    {
        var urls = Enumerable.Range(0, 200).Select(i => Http(i % 2 == 0 ? $"/ok?n={i}" : $"/status/404?n={i}")).ToList();

        var results = PowerShellHost.Check(urls, new Hashtable { ["ThrottleLimit"] = 16 });

        Assert.Equal(urls.Select(u => u.AbsoluteUri).Order(), results.Select(r => r.Uri).Order());
        Assert.Equal(100, results.Count(r => r.Status == SiteState.Up));
    }

    /// <summary>Waits for the server to see a state; a bound keeps a broken build from hanging the run.</summary>
    private static async Task WaitUntil(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, limit.Token);
        }
    }
}
