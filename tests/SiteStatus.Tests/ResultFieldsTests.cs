using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SiteStatus.Export;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>JSON Lines, byte for byte: what log shippers and jq scripts read must not move.</summary>
public sealed class JsonLinesGoldenTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The metrics' records, and what they lack: conditions, warnings, a certificate that failed validation, a report with no certificate, an offset that is not UTC.</summary>
    private static IEnumerable<ProbeRecord> Records() => MetricsGoldenTests.Fixed().Concat(
    [
        new() { Uri = "https://api.example/health", Location = "eu-west", Status = "Down", StatusCode = 200, Failure = "ConditionFailed", Reason = "'status == UP' did not hold (and 1 more of 2).", ResponseTimeMs = 12.5,
            FinalUri = "https://api.example/health", Timestamp = new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.FromHours(1)).AddTicks(1234567), Attempts = 1, Method = "GET",
            Conditions = [new() { Condition = "status == UP", Observed = "DOWN" }, new() { Condition = "ResponseTimeMs <= 300", Passed = true, Observed = "13 ms" }],
            ConfirmedStatus = "Down", PreviousStatus = "Up", Changed = true, Since = At, ConsecutiveFailures = 1, ConsecutiveSuccesses = 0, Reminder = true,
            IsReport = true, ConnectMs = 0.5, TlsMs = 3.25, FirstByteMs = 10, TotalMs = 12.5, RedirectCount = 0, HttpVersion = "2.0", ContentLength = 10L << 30, ContentType = "application/json", Server = "nginx", RemoteAddress = "::1",
            Certificate = new CertificateRecord { Subject = "CN=api.example", Issuer = "CN=api.example", NotBefore = At.AddDays(-1), NotAfter = At.AddDays(5), DaysUntilExpiry = 5, ChainStatus = ["UntrustedRoot", "NameMismatch"] },
            Warnings = ["The certificate expires in 5 days (2026-12-01).", "Answered in 13 ms, slower than 1 ms."] },
        new() { Uri = "http://plain.example/", Status = "Degraded", StatusCode = 200, Failure = "None", Reason = "OK", ResponseTimeMs = 900, FinalUri = "http://plain.example/", Timestamp = At, Attempts = 1, Method = "HEAD",
            IsReport = true, TotalMs = 900, RedirectCount = 0, Warnings = ["Answered in 900 ms, slower than 500 ms."] },
    ]);

    [Fact]
    public void JsonLines_MatchTheGoldenFile()
    {
        var lines = string.Concat(Records().Select(r => JsonLines.Write(r) + "\n"));

        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "results.jsonl")), lines);
    }
}
