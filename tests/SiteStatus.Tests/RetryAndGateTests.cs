using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Checking;
using Xunit;

namespace SiteStatus.Tests;

public sealed class RetryAndGateTests
{
    [Fact]
    public void RetryAfter_ReadsSecondsAndHttpDates_AndNothingWhenAbsent()
    {
        var now = new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(90));
        using var past = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        past.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(-5));
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.RetryAfter(seconds, now));
        Assert.Equal(TimeSpan.FromSeconds(90), RetryPolicy.RetryAfter(date, now));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.RetryAfter(past, now));
        Assert.Null(RetryPolicy.RetryAfter(none, now));
    }

    [Theory]
    [InlineData(FailureKind.Timeout, null, true)]
    [InlineData(FailureKind.ConnectionReset, null, true)]
    [InlineData(FailureKind.ConnectionRefused, null, true)]
    [InlineData(FailureKind.HttpStatus, 429, true)]
    [InlineData(FailureKind.HttpStatus, 504, true)]
    [InlineData(FailureKind.HttpStatus, 404, false)]
    [InlineData(FailureKind.HttpStatus, 501, false)]
    [InlineData(FailureKind.Blocked, 503, false)]
    [InlineData(FailureKind.Tls, null, false)]
    [InlineData(FailureKind.NameResolution, null, false)]
    public void OnlyTransientFailures_AreRetried(FailureKind failure, int? code, bool transient) =>
        Assert.Equal(transient, RetryPolicy.IsTransient(failure, code));

    [Theory]
    [InlineData(1, 500, 1000)]
    [InlineData(2, 1000, 2000)]
    [InlineData(3, 2000, 4000)]
    public void Backoff_DoublesEachRetry_WithHalfOfItRandom(int retry, double low, double high)
    {
        var random = new Random(42);
        for (var i = 0; i < 100; i++)
        {
            Assert.InRange(RetryPolicy.Backoff(TimeSpan.FromSeconds(1), retry, random).TotalMilliseconds, low, high);
        }
    }

    [Fact]
    public async Task HostGate_HoldsTheHostAtItsLimit_AndLetsOtherHostsThrough()
    {
        var gate = new HostGate(1);
        using var first = await gate.EnterAsync("a.example", CancellationToken.None);

        var second = gate.EnterAsync("A.EXAMPLE", CancellationToken.None);
        using var other = await gate.EnterAsync("b.example", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(second.IsCompleted);
        first.Dispose();
        using var admitted = await second.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task HostGate_CancelledWait_GivesNoPlace_AndLeavesTheGateUsable()
    {
        var gate = new HostGate(1);
        using var held = await gate.EnterAsync("a.example", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync("a.example", cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();

        using var next = await gate.EnterAsync("a.example", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
