using System;
using System.Net;

namespace SiteStatus.Checking;

/// <summary>What the check of a URL found at one address of its host (-AllAddresses).</summary>
internal sealed class AddressOutcome
{
    /// <summary>The address checked, as text: 127.0.0.1, ::1.</summary>
    public required string Address { get; init; }

    /// <summary>Up, Flaky (up after a retry), Down, or NotRun (the run's deadline passed before it was checked).</summary>
    public required SiteState Status { get; init; }

    public int? StatusCode { get; init; }

    public required FailureKind Failure { get; init; }

    public required string Reason { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>The address of the last connection the check made there: the address itself, or another host's after a redirect to it.</summary>
    public string? RemoteAddress { get; init; }

    /// <summary>The outcome of the check pinned to <paramref name="address"/>.</summary>
    public static AddressOutcome Of(IPAddress address, ProbeOutcome outcome) => new()
    {
        Address = address.ToString(),
        Status = outcome.Failure switch
        {
            FailureKind.None => outcome.Attempts > 1 ? SiteState.Flaky : SiteState.Up,
            FailureKind.NotRun => SiteState.NotRun,
            _ => SiteState.Down,
        },
        StatusCode = outcome.StatusCode,
        Failure = outcome.Failure,
        Reason = outcome.Reason,
        Elapsed = outcome.Elapsed,
        RemoteAddress = outcome.Details?.RemoteAddress,
    };
}
