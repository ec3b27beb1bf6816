using System;
using System.Linq;
using SiteStatus.Checking;

namespace SiteStatus;

/// <summary>The answer to "is this site up?" for one URL, as Test-SiteStatus emits it.</summary>
public class SiteStatusResult
{
    internal SiteStatusResult(ProbeOutcome outcome)
        : this(outcome, StateOf(outcome))
    {
    }

    private protected SiteStatusResult(ProbeOutcome outcome, SiteState status)
    {
        Uri = outcome.Target.Display;
        Status = status;
        StatusCode = outcome.StatusCode;
        Failure = outcome.Failure;
        Reason = outcome.Reason;
        ResponseTimeMs = outcome.Elapsed.TotalMilliseconds;
        FinalUri = ReferenceEquals(outcome.FinalUri, outcome.Target.RequestUri) ? outcome.Target.Display : SiteTarget.Mask(outcome.FinalUri);
        Timestamp = outcome.Started;
        Attempts = outcome.Attempts;
        Method = outcome.Method;
        Conditions = new SiteConditionList(outcome.Conditions.Select(c => new SiteCondition(c.Condition, c.Passed, c.Observed)).ToList());
    }

    /// <summary>Up, Flaky, NotRun or Down: the verdict before any warning is weighed.</summary>
    private protected static SiteState StateOf(ProbeOutcome outcome) => outcome.Failure switch
    {
        FailureKind.None => outcome.Attempts > 1 ? SiteState.Flaky : SiteState.Up,
        FailureKind.NotRun => SiteState.NotRun,
        _ => SiteState.Down,
    };

    /// <summary>The URL as checked, with any user information masked.</summary>
    public string Uri { get; }

    /// <summary>Up when the final status code is in 200-299; Flaky when up only after a retry; otherwise Down; NotRun when the run's deadline passed first. Get-SiteStatusReport also writes Degraded.</summary>
    public SiteState Status { get; }

    /// <summary>The final HTTP status code; null when no response came.</summary>
    public int? StatusCode { get; }

    /// <summary>Why the site is not up; None when it is.</summary>
    public FailureKind Failure { get; }

    /// <summary>The reason phrase of the response, or a short description of the failure.</summary>
    public string Reason { get; }

    /// <summary>How long the whole check took, redirects included, in milliseconds.</summary>
    public double ResponseTimeMs { get; }

    /// <summary>The URL that gave the final answer, after redirects, with any user information masked.</summary>
    public string FinalUri { get; }

    /// <summary>When the check started.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Attempts made: more than 1 when transient failures were retried (-MaximumRetryCount); 0 when the URL was not checked.</summary>
    public int Attempts { get; }

    /// <summary>The HTTP method of the final request: GET, or HEAD with -Method Head unless the server refused it.</summary>
    public string? Method { get; }

    /// <summary>What each condition of the site's policy found (-JsonCondition, -MaximumResponseTimeMs, -MinimumCertificateDays); empty when it has none.</summary>
    public SiteConditionList Conditions { get; }
}
