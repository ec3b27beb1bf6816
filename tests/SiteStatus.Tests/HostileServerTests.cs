using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using SiteStatus.Checking;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>Tests that count the process's sockets run alone, so no other test's connections blur the count.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone : ICollectionFixture<TestSiteFixture>;

[Collection(nameof(RunsAlone))]
public sealed class HostileServerTests(TestSiteFixture fixture)
{
    private const int TimeoutSec = 2;

    private readonly TestSite _site = fixture.Site;

    [Fact]
    public void EveryHostileServer_GivesOneClassifiedResult_InBoundedTime_AndLeavesNothingBehind()
    {
        // The closed port's own socket is held for the whole test, so it counts in both figures.
        using var closedPort = new ClosedPort();
        var closed = closedPort.Uri;
        var socketsBefore = ProcessSockets.Count();
        var listeners = new List<RawListener>();
        RawListener Start(RawListener listener)
        {
            listeners.Add(listener);
            return listener;
        }

        var bigHeaders = "HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Range(0, 1024).Select(i => $"X-Filler-{i}: {new string('x', 1000)}\r\n")) + "\r\n";
        var storm = string.Concat(Enumerable.Repeat("HTTP/1.1 100 Continue\r\n\r\n", 500)) + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        var cases = new (string Name, Uri Uri, FailureKind Failure, int? Code, string Says)[]
        {
            ("accepts, never reads", Start(RawListener.Silent()).Uri, FailureKind.Timeout, null, "Timed out: no complete answer"),
            ("reads, never answers", Start(RawListener.ReadsAndNeverAnswers()).Uri, FailureKind.Timeout, null, "Timed out"),
            ("slowloris headers", Start(RawListener.Slowloris()).Uri, FailureKind.Timeout, null, "within 2 s (-TimeoutSec)"),
            ("status line, then closes", Start(RawListener.Respond("HTTP/1.1 200 OK\r\n")).Uri, FailureKind.ConnectionReset, null, "closed the connection before a complete response"),
            ("garbage, not HTTP", Start(RawListener.Respond("SSH-2.0-OpenSSH_9.2\r\n\r\n")).Uri, FailureKind.InvalidResponse, null, "not valid HTTP"),
            ("reset at accept", Start(RawListener.ResetAtAccept()).Uri, FailureKind.ConnectionReset, null, "reset the connection"),
            ("reset mid-headers", Start(RawListener.Resetting()).Uri, FailureKind.ConnectionReset, null, "reset the connection"),
            ("TLS port speaking plain HTTP", Start(RawListener.Respond("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")).HttpsUri, FailureKind.Tls, null, "No TLS answer from 127.0.0.1 port "),
            ("plain request to Kestrel's TLS port", new UriBuilder(_site.Https) { Scheme = "http" }.Uri, FailureKind.ConnectionReset, null, "closed the connection"),
            ("plain request answered with a TLS alert", Start(RawListener.Respond("\u0015\u0003\u0003\u0000\u0002\u0002\u0046")).Uri, FailureKind.ConnectionReset, null, "closed the connection"),
            ("TLS handshake that stalls", Start(RawListener.ReadsAndNeverAnswers()).HttpsUri, FailureKind.Timeout, null, "Timed out"),
            ("endless chunked body", Start(RawListener.EndlessChunked()).Uri, FailureKind.None, 200, "OK"),
            ("10 GiB Content-Length", Start(RawListener.HugeBody()).Uri, FailureKind.None, 200, "OK"),
            ("1 MiB header block", Start(RawListener.Respond(bigHeaders)).Uri, FailureKind.InvalidResponse, null, "larger than 64 KiB"),
            ("redirect loop A->B->A", new Uri(_site.Http, "/loop/a"), FailureKind.TooManyRedirects, 302, "Stopped after 5 redirects"),
            ("redirect to file:", Redirect("file:///etc/passwd"), FailureKind.InvalidResponse, 302, "scheme 'file'"),
            ("redirect to ftp:", Redirect("ftp://127.0.0.1/"), FailureKind.InvalidResponse, 302, "scheme 'ftp'"),
            ("redirect to javascript:", Redirect("javascript:alert(1)"), FailureKind.InvalidResponse, 302, "scheme 'javascript'"),
            ("redirect to a closed port", Redirect(closed.AbsoluteUri), FailureKind.ConnectionRefused, null, "Connection refused by 127.0.0.1 port"),
            ("HTTP/1.0 without Content-Length", Start(RawListener.Respond("HTTP/1.0 200 OK\r\n\r\nbody until close")).Uri, FailureKind.None, 200, "OK"),
            ("a storm of 100 Continue", Start(RawListener.Respond(storm)).Uri, FailureKind.None, 200, "OK"),
            ("status 999", Start(RawListener.Respond("HTTP/1.1 999 Odd\r\nContent-Length: 0\r\n\r\n")).Uri, FailureKind.HttpStatus, 999, "Odd"),
            ("status abc", Start(RawListener.Respond("HTTP/1.1 abc Odd\r\nContent-Length: 0\r\n\r\n")).Uri, FailureKind.InvalidResponse, null, "not valid HTTP"),
            ("status 599, no reason phrase", Start(RawListener.Respond("HTTP/1.1 599 \r\nContent-Length: 0\r\n\r\n")).Uri, FailureKind.HttpStatus, 599, "HTTP 599 (the server gave no reason phrase)"),
            ("status 503, no reason phrase", Start(RawListener.Respond("HTTP/1.1 503 \r\nContent-Length: 0\r\n\r\n")).Uri, FailureKind.HttpStatus, 503, "Service Unavailable"),
            ("a good site among them", new Uri(_site.Http, "/ok"), FailureKind.None, 200, "OK"),
        };

        var clock = Stopwatch.StartNew();
        var results = PowerShellHost.Check(cases.Select(c => c.Uri), new Hashtable { ["TimeoutSec"] = TimeoutSec, ["MaximumRedirection"] = 5 });
        var elapsed = clock.Elapsed;

        Assert.Equal(cases.Length, results.Count);
        foreach (var (name, uri, failure, code, says) in cases)
        {
            var result = Assert.Single(results, r => r.Uri == uri.AbsoluteUri);
            Assert.True(failure == result.Failure, $"{name}: expected {failure}, got {result.Failure} ({result.Reason})");
            Assert.True(code == result.StatusCode, $"{name}: expected status {code}, got {result.StatusCode}");
            Assert.True(result.Reason.Contains(says, StringComparison.Ordinal), $"{name}: the reason '{result.Reason}' does not say '{says}'");
            Assert.True(result.ResponseTimeMs < (TimeoutSec * 1000) + 1000, $"{name}: took {result.ResponseTimeMs} ms");
        }

        Assert.True(results.Single(r => r.Uri == new Uri(_site.Http, "/ok").AbsoluteUri).ResponseTimeMs < 1000, "the good site waited for the hostile ones");
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(TimeoutSec + 3));
        Assert.Equal(0, CheckPool<SiteTarget, ProbeOutcome>.Running);

        listeners.ForEach(l => l.Dispose());
        Assert.True(
            SpinWait.SpinUntil(() => ProcessSockets.Count() <= socketsBefore, TimeSpan.FromSeconds(10)),
            $"sockets before: {socketsBefore}, after: {ProcessSockets.Count()}");
    }

    [Fact]
    public void ErrorActionStop_OnAnInvalidUrl_EndsTheRunAndCancelsTheChecks()
    {
        var urls = Enumerable.Range(0, 4).Select(i => new Uri(_site.Http, $"/hang?stop={i}").AbsoluteUri).Append("not a url").ToArray();

        var (output, errors) = PowerShellHost.Run(
            "try { $urls | Test-SiteStatus -TimeoutSec 600 -ErrorAction Stop } catch { 'stopped: ' + $_.FullyQualifiedErrorId }", ("urls", urls));

        Assert.Empty(errors);
        Assert.Equal("stopped: InvalidUri,SiteStatus.Commands.TestSiteStatusCommand", Assert.Single(output).BaseObject);
        Assert.Equal(0, CheckPool<SiteTarget, ProbeOutcome>.Running);
        Assert.True(SpinWait.SpinUntil(() => _site.Hanging == 0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void TerminatingErrorDownstream_EndsTheRunAndCancelsTheChecks()
    {
        var urls = Enumerable.Range(0, 4).Select(i => new Uri(_site.Http, $"/hang?throw={i}").AbsoluteUri).Append(new Uri(_site.Http, "/ok").AbsoluteUri).ToArray();

        var (output, _) = PowerShellHost.Run(
            "try { $urls | Test-SiteStatus -TimeoutSec 600 | ForEach-Object { throw 'downstream failed' } } catch { [string]$_ }", ("urls", urls));

        Assert.Equal("downstream failed", Assert.Single(output).BaseObject);
        Assert.Equal(0, CheckPool<SiteTarget, ProbeOutcome>.Running);
        Assert.True(SpinWait.SpinUntil(() => _site.Hanging == 0, TimeSpan.FromSeconds(5)));
    }

    private Uri Redirect(string target) => new(_site.Http, "/redirect-to?url=" + Uri.EscapeDataString(target));
}
