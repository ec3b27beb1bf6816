using System;
using System.Linq;
using System.Management.Automation;
using SiteStatus.Export;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>Metrics for promtool's backfill: every result, each sample at its check time.</summary>
public sealed class BackfillTests
{
    // 2026-11-26 12:00:00 UTC is 1795694400 in Unix seconds.
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Backfill_WritesEveryResult_AtItsCheckTime_EachSeriesTogetherInTimeOrder()
    {
        // Given out of time order; a's second result at 12:01 is replaced by the later given one at that instant.
        var records = new[]
        {
            Record("http://a.example/", At.AddMinutes(1), "Down", "HttpStatus"),
            Record("http://a.example/", At, "Down", "ConnectionRefused"),
            Record("http://b.example/", At, "NotRun", "NotRun"),
            Record("http://a.example/", At.AddMinutes(2).AddMilliseconds(250), "Up", "None"),
            Record("http://a.example/", At.AddMinutes(1), "Up", "None"),
        };

        var lines = MetricsText.Backfill(records).Split('\n');

        Assert.Equal(
            [
                "probe_success{target=\"http://a.example/\"} 0 1795694400",
                "probe_success{target=\"http://a.example/\"} 1 1795694460",
                "probe_success{target=\"http://a.example/\"} 1 1795694520.25",
            ],
            lines.Where(l => l.StartsWith("probe_success{", StringComparison.Ordinal)));
        Assert.Equal(
            [
                "probe_failure_info{target=\"http://a.example/\",reason=\"ConnectionRefused\"} 1 1795694400",
                "probe_failure_info{target=\"http://b.example/\",reason=\"NotRun\"} 1 1795694400",
            ],
            lines.Where(l => l.StartsWith("probe_failure_info{", StringComparison.Ordinal)));
        Assert.Equal(1, lines.Count(l => l == "# TYPE probe_success gauge"));
        Assert.Equal(["# EOF", string.Empty], lines[^2..]);
    }

    [Fact]
    public void Backfill_WithFormatPrometheus_IsAParameterError_AndAResultWithoutATimestamp_AnErrorOfItsOwn()
    {
        var (_, refused) = PowerShellHost.Run("[pscustomobject]@{ Uri = 'http://a.example/'; Status = 'Up'; Timestamp = [DateTimeOffset]::Now } | ConvertTo-SiteStatusMetric -Backfill -Format Prometheus");
        var (output, errors) = PowerShellHost.Run(
            "[pscustomobject]@{ Uri = 'http://a.example/'; Status = 'Up' }, [pscustomobject]@{ Uri = 'http://b.example/'; Status = 'Up'; Timestamp = '2026-11-26T12:00:00Z' } | ConvertTo-SiteStatusMetric -Backfill");

        Assert.Equal("BackfillNeedsOpenMetrics,SiteStatus.Commands.ConvertToSiteStatusMetricCommand", Assert.Single(refused).FullyQualifiedErrorId);
        var error = Assert.Single(errors);
        Assert.Equal("ResultWithoutTimestamp,SiteStatus.Commands.ConvertToSiteStatusMetricCommand", error.FullyQualifiedErrorId);
        Assert.Equal("http://a.example/", ((PSObject)error.TargetObject).Properties["Uri"].Value);
        Assert.Contains("probe_success{target=\"http://b.example/\"} 1 1795694400\n", (string)Assert.Single(output).BaseObject, StringComparison.Ordinal);
    }

    private static ProbeRecord Record(string uri, DateTimeOffset at, string status, string failure) =>
        new() { Uri = uri, Timestamp = at, Status = status, Failure = failure, StatusCode = status == "Up" ? 200 : null, ResponseTimeMs = 12.5, Attempts = status == "NotRun" ? 0 : 1 };
}
