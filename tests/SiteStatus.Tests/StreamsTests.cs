using System;
using System.Linq;
using System.Management.Automation;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

public sealed class StreamsTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>
{
    private readonly TestSite _site = fixture.Site;

    [Fact]
    public void Verbose_WritesOneLinePerFinishedCheck()
    {
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-SiteStatus")
            .AddParameter("Uri", new[] { new Uri(_site.Http, "/ok?v").AbsoluteUri, new Uri(_site.Http, "/status/503?v").AbsoluteUri })
            .AddParameter("Verbose");

        shell.Invoke();

        var lines = shell.Streams.Verbose.Select(v => v.Message).Order().ToList();
        Assert.Equal(2, lines.Count);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/ok\?v: up 200 in \d+ ms \(GET 1 attempt\): OK$", lines[0]);
        Assert.Matches(@"/status/503\?v: HttpStatus 503 in \d+ ms \(GET 1 attempt\): Service Unavailable$", lines[1]);
    }

    [Fact]
    public void Debug_ShowsThePhasesOfADiagnosis()
    {
        using var shell = PowerShellHost.Create();
        shell.AddScript("param($url) $DebugPreference = 'Continue'; Get-SiteStatusReport $url").AddParameter("url", new Uri(_site.Http, "/ok?debug").AbsoluteUri);

        shell.Invoke();

        var line = Assert.Single(shell.Streams.Debug).Message;
        Assert.Matches(@"/ok\?debug: connect [\d.]+ ms, first byte [\d.]+ ms, total [\d.]+ ms; remote address 127\.0\.0\.1; 200 http://", line);
    }

    [Fact]
    public void Progress_ForALongRun_ShowsPercentAndCounts_AndEnds()
    {
        using var shell = PowerShellHost.Create();
        var urls = Enumerable.Range(0, 3).Select(i => new Uri(_site.Http, $"/delay/{800 * (i + 1)}?p={i}").AbsoluteUri).ToArray();
        shell.AddCommand("Test-SiteStatus").AddParameter("Uri", urls);

        shell.Invoke();

        var records = shell.Streams.Progress.ToList();
        Assert.NotEmpty(records);
        Assert.Contains(records, r => r.PercentComplete is > 0 and < 100 && r.StatusDescription.Contains(" of 3 done: ", StringComparison.Ordinal));
        Assert.All(records, r => Assert.Equal("Test-SiteStatus", r.Activity));
        Assert.Equal(ProgressRecordType.Completed, records[^1].RecordType);
    }

    [Fact]
    public void Progress_FromThePipeline_CountsWithoutAPercentage()
    {
        using var shell = PowerShellHost.Create();
        shell.AddScript("param($urls) $urls | Test-SiteStatus").AddParameter("urls", new[] { new Uri(_site.Http, "/delay/1800?pipe").AbsoluteUri });

        shell.Invoke();

        Assert.Contains(shell.Streams.Progress, r => r.PercentComplete == -1 && r.StatusDescription.StartsWith("0 done: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Progress_IsSilencedByThePreference()
    {
        using var shell = PowerShellHost.Create();
        shell.AddScript("param($url) $ProgressPreference = 'SilentlyContinue'; Test-SiteStatus $url").AddParameter("url", new Uri(_site.Http, "/delay/1500?quiet").AbsoluteUri);

        shell.Invoke();

        Assert.Empty(shell.Streams.Progress);
    }
}
