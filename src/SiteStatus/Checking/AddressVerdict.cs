#if NET8_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace SiteStatus.Checking;

/// <summary>
/// One outcome for a URL checked at every address of its host (-AllAddresses), from the check at each: up when every
/// address is up; failed, with a reason that names each failed address and why, when any failed (the result is Partial
/// when some are up, Down when none is). The answer of the first address that failed, else of the first address,
/// stands for the URL: its status code, failure, final URL, method and conditions. A pure function of the checks.
/// </summary>
internal static class AddressVerdict
{
    /// <param name="target">The URL checked.</param>
    /// <param name="started">When its check started, the lookup included.</param>
    /// <param name="elapsed">The whole check: the lookup, then the addresses at once.</param>
    /// <param name="found">How many addresses the host has: more than were checked when it has more than the bound.</param>
    /// <param name="checks">Each address checked, with its outcome, in the order resolved; at least one.</param>
    public static ProbeOutcome Combine(SiteTarget target, DateTimeOffset started, TimeSpan elapsed, int found, IReadOnlyList<(IPAddress Address, ProbeOutcome Outcome)> checks)
    {
        var failed = checks.Where(c => c.Outcome.Failure != FailureKind.None).ToList();
        var standing = failed.Count > 0 ? failed[0].Outcome : checks[0].Outcome;
        var notRun = checks.All(c => c.Outcome.Failure == FailureKind.NotRun);
        var reason = notRun || checks.Count == 1 ? standing.Reason
            : failed.Count == 0 ? $"{standing.Reason} at all {checks.Count} addresses: {string.Join(", ", checks.Select(c => c.Address))}."
            : failed.Count == checks.Count ? $"Down at all {checks.Count} addresses: {Failures(failed)}."
            : $"Down at {failed.Count} of {checks.Count} addresses: {Failures(failed)}. Up at {string.Join(", ", checks.Where(c => c.Outcome.Failure == FailureKind.None).Select(c => c.Address))}.";
        if (found > checks.Count)
        {
            reason += $" Checked the first {checks.Count} of its {found} addresses.";
        }

        return new ProbeOutcome
        {
            Target = target,
            Started = started,
            Elapsed = elapsed,
            FinalUri = standing.FinalUri,
            StatusCode = standing.StatusCode,
            Failure = notRun ? FailureKind.NotRun : standing.Failure,
            Reason = reason,
            Attempts = checks.Max(c => c.Outcome.Attempts),
            Method = standing.Method,
            HttpVersion = standing.HttpVersion,
            Domain = standing.Domain,
            Conditions = standing.Conditions,
            Maintenance = target.Policy.InMaintenance(started),

            // An address the run's deadline kept from an answer says nothing of the site, so neither does the URL's verdict.
            CutByRunDeadline = checks.Any(c => c.Outcome.CutByRunDeadline || c.Outcome.Failure == FailureKind.NotRun),
            Error = standing.Error,
            Details = standing.Details,
            Addresses = checks.Select(c => AddressOutcome.Of(c.Address, c.Outcome)).ToList(),
        };
    }

    private static string Failures(IEnumerable<(IPAddress Address, ProbeOutcome Outcome)> failed) =>
        string.Join("; ", failed.Select(c => $"{c.Address}: {c.Outcome.Reason.TrimEnd('.')}"));
}
#endif
