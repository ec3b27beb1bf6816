using System;
using System.Collections.Generic;

namespace SiteStatus.Export;

/// <summary>
/// One result or report as the exports see it, free of PowerShell: read from live objects and from their Deserialized
/// forms (jobs, remoting) alike, so every export is a pure function of these. <see cref="ResultFields"/> fills and
/// writes it, field by field.
/// </summary>
internal sealed class ProbeRecord
{
    public string Uri { get; set; } = string.Empty;

    /// <summary>Where the check ran from, when the result says (remote checks).</summary>
    public string? Location { get; set; }

    /// <summary>Up, Flaky, Degraded, Down or NotRun.</summary>
    public string Status { get; set; } = string.Empty;

    public int? StatusCode { get; set; }

    public string Failure { get; set; } = "None";

    public string? Reason { get; set; }

    public double ResponseTimeMs { get; set; }

    public string? FinalUri { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public int Attempts { get; set; }

    public string? Method { get; set; }

    public IReadOnlyList<ConditionRecord> Conditions { get; set; } = [];

    /// <summary>Set when the result came from a run with -StatePath.</summary>
    public string? ConfirmedStatus { get; set; }

    public string? PreviousStatus { get; set; }

    public bool Changed { get; set; }

    public DateTimeOffset? Since { get; set; }

    public int? ConsecutiveFailures { get; set; }

    public int? ConsecutiveSuccesses { get; set; }

    public bool Reminder { get; set; }

    /// <summary>The rest is filled for reports only.</summary>
    public bool IsReport { get; set; }

    public double? DnsMs { get; set; }

    public double? ConnectMs { get; set; }

    public double? TlsMs { get; set; }

    public double? FirstByteMs { get; set; }

    public double? TotalMs { get; set; }

    public int? RedirectCount { get; set; }

    public string? HttpVersion { get; set; }

    public long? ContentLength { get; set; }

    public string? ContentType { get; set; }

    public string? Server { get; set; }

    public string? RemoteAddress { get; set; }

    public string? TlsVersion { get; set; }

    public CertificateRecord? Certificate { get; set; }

    public IReadOnlyList<string> Warnings { get; set; } = [];

    /// <summary>Up, Flaky and Degraded answered; Down did not; NotRun was not checked.</summary>
    public bool IsUp => Status is "Up" or "Flaky" or "Degraded";

    public bool WasChecked => Status != "NotRun";
}

/// <summary>The certificate of a report, as the exports see it.</summary>
internal sealed class CertificateRecord
{
    public string Subject { get; set; } = string.Empty;

    public string Issuer { get; set; } = string.Empty;

    public DateTimeOffset NotBefore { get; set; }

    public DateTimeOffset NotAfter { get; set; }

    public int DaysUntilExpiry { get; set; }

    public IReadOnlyList<string> SubjectAlternativeNames { get; set; } = [];

    public IReadOnlyList<string> ChainStatus { get; set; } = [];

    public string? SerialNumber { get; set; }

    public string? Sha256Fingerprint { get; set; }
}

/// <summary>One condition of a result, as the exports see it.</summary>
internal sealed class ConditionRecord
{
    public string Condition { get; set; } = string.Empty;

    public bool Passed { get; set; }

    public string? Observed { get; set; }
}
