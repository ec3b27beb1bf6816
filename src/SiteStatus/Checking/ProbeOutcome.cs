using System;
using System.Collections.Generic;
using SiteStatus.Checking.Conditions;
using SiteStatus.Domains;

namespace SiteStatus.Checking;

/// <summary>What one check found, free of any PowerShell type; the cmdlets shape it into their output.</summary>
internal sealed class ProbeOutcome
{
    public required SiteTarget Target { get; init; }

    public required DateTimeOffset Started { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public required Uri FinalUri { get; init; }

    public int? StatusCode { get; init; }

    /// <summary>Why the site is not up; None when it is. Set again when a condition judged after the check fails.</summary>
    public required FailureKind Failure { get; set; }

    /// <summary>What happened, in words an ops engineer uses; a skipped retry is said at its end.</summary>
    public required string Reason { get; set; }

    /// <summary>Attempts made: 1 unless transient failures were retried; 0 when the check never ran.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The HTTP method of the final request: HEAD, or GET (also after a HEAD the server refused).</summary>
    public string? Method { get; init; }

    /// <summary>The HTTP version of the last response, as "1.1" or "2"; null when no response came.</summary>
    public string? HttpVersion { get; init; }

    /// <summary>How long the server asked to wait before another attempt, from its Retry-After header.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>What each condition of the site's policy found; empty when it has none, or none was judged.</summary>
    public IReadOnlyList<ConditionOutcome> Conditions { get; set; } = [];

    /// <summary>Where the check ran from, as results should name it; null when nobody asked.</summary>
    public string? Location { get; set; }

    /// <summary>
    /// The check started inside a maintenance window of its site (a recurring one of its policy, or a one-off one of the
    /// state file): it ran and its verdict stands, but it counts toward no threshold of the state and alerts pass it over.
    /// </summary>
    public bool Maintenance { get; set; }

    /// <summary>The run's deadline ended the check, not the site: it says nothing about whether the site is up.</summary>
    public bool CutByRunDeadline { get; set; }

    /// <summary>The exception the check ended with, for -Debug; null when the server answered and was judged.</summary>
    public Exception? Error { get; set; }

    /// <summary>When the site's domain registration expires, or why that is unknown; null when its policy did not ask.</summary>
    public DomainExpiry? Domain { get; set; }

    /// <summary>With -AllAddresses: what the check found at each address of the host, in the order resolved; empty otherwise, or when the host resolved to none.</summary>
    public IReadOnlyList<AddressOutcome> Addresses { get; init; } = [];

    /// <summary>Filled only for a diagnosis (Get-SiteStatusReport).</summary>
    public ProbeDetails? Details { get; init; }
}
