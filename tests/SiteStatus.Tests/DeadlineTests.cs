using System;
using System.Collections;
using System.Linq;
using System.Threading;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

public sealed class DeadlineTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>
{
    private readonly TestSite _site = fixture.Site;

    [Fact]
    public void TotalTimeout_EndsChecksInFlight_AndReportsTheRestAsNotRun()
    {
        var urls = Enumerable.Range(0, 6).Select(i => new Uri(_site.Http, $"/hang?deadline={i}")).ToList();

        var results = PowerShellHost.Check(urls, new Hashtable { ["ThrottleLimit"] = 2, ["TimeoutSec"] = 600, ["TotalTimeoutSec"] = 1 });

        Assert.Equal(urls.Select(u => u.AbsoluteUri).Order(), results.Select(r => r.Uri).Order());
        var inFlight = results.Where(r => r.Failure == FailureKind.Timeout).ToList();
        var notRun = results.Where(r => r.Status == SiteState.NotRun).ToList();
        Assert.Equal(2, inFlight.Count);
        Assert.All(inFlight, r => Assert.Contains("deadline", r.Reason, StringComparison.Ordinal));

        // The deadline counts from the command's start, a moment before these checks began: they end within about 1 s, not at 600.
        Assert.All(inFlight, r => Assert.InRange(r.ResponseTimeMs, 0, 2500));
        Assert.Equal(4, notRun.Count);
        Assert.All(notRun, r => Assert.Equal(FailureKind.NotRun, r.Failure));
        Assert.True(SpinWait.SpinUntil(() => _site.Hanging == 0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void TotalTimeout_InASummary_CountsNotRunApart()
    {
        var urls = new[] { new Uri(_site.Http, "/ok") }.Concat(Enumerable.Range(0, 3).Select(i => new Uri(_site.Http, $"/hang?summary={i}")));

        var summary = Assert.Single(PowerShellHost.Invoke<SiteStatusSummary>(
            "Get-SiteStatusReport", urls, new Hashtable { ["ThrottleLimit"] = 2, ["TotalTimeoutSec"] = 1, ["Summary"] = true }));

        // /ok and the first hang start; /ok's slot goes to the second hang; the deadline ends both hangs and leaves the third unrun.
        Assert.Equal(4, summary.Total);
        Assert.Equal(1, summary.Up);
        Assert.Equal(2, summary.Down);
        Assert.Equal(1, summary.NotRun);
        Assert.Equal(33.33, summary.AvailabilityPercent);

        // The unchecked URL took no time: it is not among the slowest, which are the checks made.
        Assert.Equal(summary.Total - summary.NotRun, summary.Slowest.Count);
        Assert.DoesNotContain(summary.Slowest, r => PowerShellHost.AsReport(r).Status == SiteState.NotRun);
    }
}
