using System;
using System.Globalization;
using System.Linq;
using SiteStatus.Checking;
using SiteStatus.State;

namespace SiteStatus;

/// <summary>The answer to "is this site up?" for one URL, as Test-SiteStatus emits it.</summary>
public class SiteStatusResult : TrackedResult
{
    // The list of a result checked at its host's one address, as every result without -AllAddresses is: it never changes.
    private static readonly TextList<AddressStatus> NoAddresses = new([], "; ");

    internal SiteStatusResult(ProbeOutcome outcome, StateChange? state)
        : this(outcome, StateOf(outcome), state)
    {
    }

    private protected SiteStatusResult(ProbeOutcome outcome, SiteState status, StateChange? state)
        : base(state)
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
        HttpVersion = outcome.HttpVersion;
        Conditions = outcome.Conditions.Count == 0
            ? SiteConditionList.None
            : new SiteConditionList(outcome.Conditions.Select(c => new SiteCondition(c.Condition, c.Passed, c.Observed)).ToList());
        Location = outcome.Location;
        Maintenance = outcome.Maintenance;
        Addresses = outcome.Addresses.Count == 0 ? NoAddresses : new TextList<AddressStatus>(outcome.Addresses.Select(a => new AddressStatus(a)).ToList(), "; ");
    }

    /// <summary>Up, Flaky, NotRun, Down, or with -AllAddresses Partial (down at some addresses, up at others): the verdict before any warning is weighed.</summary>
    internal static SiteState StateOf(ProbeOutcome outcome) => outcome.Failure switch
    {
        FailureKind.None => outcome.Attempts > 1 ? SiteState.Flaky : SiteState.Up,
        FailureKind.NotRun => SiteState.NotRun,
        _ when outcome.Addresses.Any(a => a.Status is SiteState.Up or SiteState.Flaky) => SiteState.Partial,
        _ => SiteState.Down,
    };

    /// <summary>The URL as checked, with any user information masked.</summary>
    public string Uri { get; }

    /// <summary>Up when the final status code is in 200-299; Flaky when up only after a retry; otherwise Down; NotRun when the run's deadline passed first. Get-SiteStatusReport also writes Degraded. With -AllAddresses, Partial when some addresses of the host failed and others were up.</summary>
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

    /// <summary>The HTTP version the final response came over: "1.0", "1.1", "2" or "3"; null when no response came. -HttpVersion asks for one, -ValidHttpVersion requires one.</summary>
    public string? HttpVersion { get; }

    /// <summary>What each condition of the site's policy found (-ContentMatch, -NotContentMatch, -HeaderCondition, -JsonCondition, -ValidHttpVersion, -MaximumResponseTimeMs, -MinimumCertificateDays), every one, failed or not; empty when it has none or the answer's status did not count as up.</summary>
    public SiteConditionList Conditions { get; }

    /// <summary>Where the check ran from: the -Location given, or with -Session the session's name (this machine's name for local checks); null otherwise.</summary>
    public string? Location { get; }

    /// <summary>True when the check started inside a maintenance window of the site (-MaintenanceWindow, or its MaintenanceWindow column; or a one-off maintenance of the state file, Start-SiteStatusMaintenance): it ran and Status is what it saw, but it counts toward no threshold of the state, Send-SiteStatusAlert does not post it and the metrics give no probe_failure_info for it.</summary>
    public bool Maintenance { get; }

    /// <summary>With -AllAddresses: what each address of the host gave (Address, Status, StatusCode, Failure, Reason, ResponseTimeMs, RemoteAddress), in the order resolved; empty otherwise, or when the host did not resolve. As text: "127.0.0.1: Up 200; ::1: Down (ConnectionRefused)".</summary>
    public TextList<AddressStatus> Addresses { get; }

    /// <summary>The result in a few words, as a string or a list shows it: "https://example.com/: Down 503 (HttpStatus)".</summary>
    public override string ToString()
    {
        var code = StatusCode is { } status ? " " + status.ToString(CultureInfo.InvariantCulture) : string.Empty;
        var failure = Failure == FailureKind.None ? string.Empty : $" ({Failure})";
        return $"{Uri}: {Status}{code}{failure}";
    }
}
