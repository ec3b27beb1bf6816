using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using SiteStatus.Checking;
using SiteStatus.TestServer;
using Xunit;
using Xunit.Abstractions;

namespace SiteStatus.Tests;

/// <summary>
/// 100,000 URLs (SITESTATUS_SOAK_COUNT to change it) against loopback servers mixing the faults, at ThrottleLimit 256.
/// Not in the default run: `build.ps1 -Task Soak`.
/// </summary>
[Collection(nameof(RunsAlone))]
[Trait("Category", "Soak")]
public sealed class SoakTests(TestSiteFixture fixture, ITestOutputHelper log)
{
    private readonly TestSite _site = fixture.Site;

    [Fact]
    public void HundredThousandMixedUrls_EachComeBackOnce_Classified_InFlatMemoryAndHandles()
    {
        var count = int.Parse(Environment.GetEnvironmentVariable("SITESTATUS_SOAK_COUNT") ?? "100000", CultureInfo.InvariantCulture);
        using var resetting = RawListener.Resetting();
        using var garbage = RawListener.Respond("SSH-2.0-OpenSSH_9.2\r\n\r\n");
        using var cutShort = RawListener.Respond("HTTP/1.1 200 OK\r\n");
        using var huge = RawListener.HugeBody();
        using var slowloris = RawListener.Slowloris();
        using var closedPort = new ClosedPort();
        var closed = closedPort.Uri;

        // One cycle of 100 URLs: mostly healthy sites, every fault in proportion.
        var kinds = new List<(Uri Uri, FailureKind Failure)>();
        void Add(int times, Uri uri, FailureKind failure) => kinds.AddRange(Enumerable.Repeat((uri, failure), times));
        Add(50, new Uri(_site.Http, "/ok"), FailureKind.None);
        Add(10, new Uri(_site.Http, "/status/503"), FailureKind.HttpStatus);
        Add(10, new Uri(_site.Http, "/redirect/2"), FailureKind.None);
        Add(8, closed, FailureKind.ConnectionRefused);
        Add(5, resetting.Uri, FailureKind.ConnectionReset);
        Add(4, garbage.Uri, FailureKind.InvalidResponse);
        Add(4, cutShort.Uri, FailureKind.ConnectionReset);
        Add(4, new Uri(_site.Http, "/loop/a"), FailureKind.TooManyRedirects);
        Add(3, new Uri(_site.Http, "/redirect-to?url=ftp%3A%2F%2F127.0.0.1%2F"), FailureKind.InvalidResponse);
        Add(1, huge.Uri, FailureKind.None);
        Add(1, slowloris.Uri, FailureKind.Timeout);

        string Url(int i)
        {
            var uri = kinds[i % kinds.Count].Uri;
            return uri.AbsoluteUri + (uri.Query.Length > 0 ? "&n=" : "?n=") + i.ToString(CultureInfo.InvariantCulture);
        }

        // Every server here is on 127.0.0.1: the per-host limit must not stand in for the throttle limit.
        var parameters = new Hashtable { ["ThrottleLimit"] = 256, ["ThrottleLimitPerHost"] = 256, ["TimeoutSec"] = 2, ["MaximumRedirection"] = 5 };

        // A first pass warms the JIT and the in-process servers, which share this process's thread pool with the checks.
        PowerShellHost.Check(Enumerable.Range(count, 2000).Select(i => new Uri(Url(i))), parameters);

        var expected = new Dictionary<string, FailureKind>(count);
        using var input = new PSDataCollection<string>(count);
        for (var i = 0; i < count; i++)
        {
            var url = Url(i);
            expected[url] = kinds[i % kinds.Count].Failure;
            input.Add(url);
        }

        input.Complete();
        using var output = new PSDataCollection<PSObject>();
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-SiteStatus").AddParameters(parameters);

        var clock = Stopwatch.StartNew();
        var run = shell.BeginInvoke(input, output);
        var seen = new HashSet<string>(count);
        var wrong = new List<string>();
        var samples = new List<(int Done, long HeapBytes, long WorkingSet, int Sockets)>();
        while (!run.IsCompleted || output.Count > 0)
        {
            foreach (var item in output.ReadAll())
            {
                var result = (SiteStatusResult)item.BaseObject;
                Assert.True(seen.Add(result.Uri), $"{result.Uri} came back twice");
                if (!expected.TryGetValue(result.Uri, out var failure) || failure != result.Failure)
                {
                    wrong.Add($"{result.Uri}: {result.Failure} ({result.Reason})");
                }

                if (seen.Count % (count / 10) == 0)
                {
                    using var self = Process.GetCurrentProcess();
                    samples.Add((seen.Count, GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64, ProcessSockets.Count()));
                }
            }

            Thread.Sleep(50);
        }

        shell.EndInvoke(run);
        var elapsed = clock.Elapsed;
        log.WriteLine($"{count} URLs in {elapsed.TotalSeconds:0.0} s ({count / elapsed.TotalSeconds:0} URLs/s), {wrong.Count} misclassified, {shell.Streams.Error.Count} errors");
        foreach (var (done, heap, workingSet, sockets) in samples)
        {
            log.WriteLine($"  at {done,7}: managed heap {heap / 1048576.0,7:0.0} MiB, working set {workingSet / 1048576.0,7:0.0} MiB, sockets {sockets}");
        }

        Assert.Empty(shell.Streams.Error);
        Assert.Equal(count, seen.Count);
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(20)));
        Assert.Equal(10, samples.Count);

        // Flat from 10% to 100%: what the run holds does not grow with the URLs done. The input list and the set of URLs seen
        // are the test's own and grow by design, so the heap is allowed their size. Open sockets are bounded by the
        // connections in flight and the idle ones pooled, on both ends of loopback: a few per slot, whatever the count.
        var first = samples[0];
        Assert.All(samples, sample =>
        {
            Assert.True(sample.HeapBytes <= first.HeapBytes + (40L << 20), $"managed heap grew from {first.HeapBytes} to {sample.HeapBytes} at {sample.Done}");
            Assert.True(sample.Sockets <= (4 * 256) + 200, $"{sample.Sockets} sockets open at {sample.Done}");
        });
        Assert.Equal(0, CheckPool<SiteTarget, ProbeOutcome>.Running);
    }
}
