using System;
using System.Net.Http;

namespace SiteStatus.Checking;

/// <summary>Which failures are worth another attempt, and how long to wait before it.</summary>
internal static class RetryPolicy
{
    public static bool IsTransient(FailureKind failure, int? statusCode) =>
        failure is FailureKind.Timeout or FailureKind.ConnectionReset or FailureKind.ConnectionRefused
        || (failure == FailureKind.HttpStatus && statusCode is 408 or 429 or 500 or 502 or 503 or 504);

    /// <summary>The interval doubled at each retry, half of it fixed and half random, so that many checks do not retry in step.</summary>
    public static TimeSpan Backoff(TimeSpan interval, int retry, Random random)
    {
        var full = interval.TotalMilliseconds * Math.Pow(2, retry - 1);
        return TimeSpan.FromMilliseconds((full / 2) + (random.NextDouble() * full / 2));
    }

    /// <summary>What a Retry-After header asks for, in seconds or as a date; null when there is none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? (date > now ? date - now : TimeSpan.Zero) : null;
    }
}
