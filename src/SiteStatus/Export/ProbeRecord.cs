using System;
using System.Collections.Generic;

namespace SiteStatus.Export;

/// <summary>
/// One result or report as the exports see it, free of PowerShell: read from live objects and from their Deserialized
/// forms (jobs, remoting) alike, so every export is a pure function of these.
/// </summary>
internal sealed class ProbeRecord
{
    public required string Uri { get; init; }

    /// <summary>Where the check ran from, when the result says (remote checks).</summary>
    public string? Location { get; init; }

    /// <summary>Up, Flaky, Degraded, Down or NotRun.</summary>
    public required string Status { get; init; }

    public int? StatusCode { get; init; }

    public required string Failure { get; init; }

    public string? Reason { get; init; }

    public double ResponseTimeMs { get; init; }

    public string? FinalUri { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public int Attempts { get; init; }

    public string? Method { get; init; }

    public IReadOnlyList<(string Condition, bool Passed, string? Observed)> Conditions { get; init; } = [];

    /// <summary>Set when the result came from a run with -StatePath.</summary>
    public string? ConfirmedStatus { get; init; }

    public string? PreviousStatus { get; init; }

    public bool Changed { get; init; }

    public DateTimeOffset? Since { get; init; }

    public int? ConsecutiveFailures { get; init; }

    public int? ConsecutiveSuccesses { get; init; }

    public bool Reminder { get; init; }

    /// <summary>The rest is filled for reports only.</summary>
    public bool IsReport { get; init; }

    public double? DnsMs { get; init; }

    public double? ConnectMs { get; init; }

    public double? TlsMs { get; init; }

    public double? FirstByteMs { get; init; }

    public double? TotalMs { get; init; }

    public int? RedirectCount { get; init; }

    public string? HttpVersion { get; init; }

    public long? ContentLength { get; init; }

    public string? ContentType { get; init; }

    public string? Server { get; init; }

    public string? RemoteAddress { get; init; }

    public string? TlsVersion { get; init; }

    public CertificateRecord? Certificate { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Up, Flaky and Degraded answered; Down did not; NotRun was not checked.</summary>
    public bool IsUp => Status is "Up" or "Flaky" or "Degraded";

    public bool WasChecked => Status != "NotRun";
}

/// <summary>The certificate of a report, as the exports see it.</summary>
internal sealed class CertificateRecord
{
    public required string Subject { get; init; }

    public required string Issuer { get; init; }

    public DateTimeOffset NotBefore { get; init; }

    public DateTimeOffset NotAfter { get; init; }

    public int DaysUntilExpiry { get; init; }

    public IReadOnlyList<string> SubjectAlternativeNames { get; init; } = [];

    public IReadOnlyList<string> ChainStatus { get; init; } = [];

    public string? SerialNumber { get; init; }

    public string? Sha256Fingerprint { get; init; }
}
