using System.Globalization;
using SiteStatus.Checking;

namespace SiteStatus.Commands;

/// <summary>The -Verbose and -Debug lines of a finished check, as a user reads them to follow a run.</summary>
internal static class CheckMessages
{
    /// <summary>The verdict, status code, time, method, attempts and reason, in one line.</summary>
    public static string Verbose(ProbeOutcome outcome) => string.Format(
        CultureInfo.InvariantCulture,
        "{0}: {1}{2} in {3:0} ms ({4} {5}): {6}",
        outcome.Target.Display,
        outcome.Failure == FailureKind.None ? "up" : $"{outcome.Failure}",
        outcome.StatusCode is { } status ? $" {status}" : string.Empty,
        outcome.Elapsed.TotalMilliseconds,
        outcome.Method ?? "not checked",
        outcome.Attempts == 1 ? "1 attempt" : $"{outcome.Attempts} attempts",
        outcome.Reason);

    /// <summary>The runtime's own exception behind a failure, with its inner one; null when there was none.</summary>
    public static string? Error(ProbeOutcome outcome) => outcome.Error is { } error
        ? $"{outcome.Target.Display}: {error.GetType().Name}: {error.Message}{(error.InnerException is { } inner ? $" <- {inner.GetType().Name}: {inner.Message}" : string.Empty)}"
        : null;

    /// <summary>A diagnosed check's timings, remote address and redirects; null when the check was not diagnosed.</summary>
    public static string? Details(ProbeOutcome outcome) => outcome.Details is { } details
        ? $"{outcome.Target.Display}: {details.Timing}; remote address {details.RemoteAddress ?? "unknown"}; {string.Join(" -> ", details.Redirects)}"
        : null;
}
