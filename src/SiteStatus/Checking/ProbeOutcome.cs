using System;

namespace SiteStatus.Checking;

/// <summary>What one check found, free of any PowerShell type; the cmdlets shape it into their output.</summary>
internal sealed class ProbeOutcome
{
    public ProbeOutcome(SiteTarget target, DateTimeOffset started, TimeSpan elapsed, Uri finalUri, int? statusCode, FailureKind failure, string reason, ProbeDetails? details)
    {
        Target = target;
        Started = started;
        Elapsed = elapsed;
        FinalUri = finalUri;
        StatusCode = statusCode;
        Failure = failure;
        Reason = reason;
        Details = details;
    }

    public SiteTarget Target { get; }

    public DateTimeOffset Started { get; }

    public TimeSpan Elapsed { get; }

    public Uri FinalUri { get; }

    public int? StatusCode { get; }

    public FailureKind Failure { get; }

    public string Reason { get; }

    /// <summary>Filled only for a diagnosis (Get-SiteStatusReport).</summary>
    public ProbeDetails? Details { get; }
}
