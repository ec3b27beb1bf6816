using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Json;

namespace SiteStatus.Checking;

/// <summary>A verdict: the failure (None when up), its reason, and what each condition found.</summary>
internal readonly record struct Judgement(FailureKind Failure, string Reason, IReadOnlyList<ConditionOutcome> Conditions);

/// <summary>
/// Judges a site by its policy: the final answer's code, the start of its body (patterns and JSON conditions),
/// a challenge page; then, once the check is over, its response time and certificate.
/// </summary>
internal static class ResponseJudge
{
    /// <summary>The verdict on a final answer: an expected code (and content), a challenge, or a failing status.</summary>
    public static async Task<Judgement> JudgeAsync(HttpResponseMessage response, int code, CheckPolicy policy, CancellationToken cancellationToken)
    {
        var reason = StatusText.Reason(response.ReasonPhrase, code);
        if (policy.ExpectedStatus.Contains(code))
        {
            if (!policy.ReadsBody)
            {
                return new Judgement(FailureKind.None, reason, []);
            }

            var body = await ResponseBody.ReadStartAsync(response, policy.MaximumContentBytes, cancellationToken).ConfigureAwait(false);
            if (JudgeContent(body.Text, policy) is { } mismatch)
            {
                return new Judgement(FailureKind.ContentMismatch, mismatch, []);
            }

            return policy.JsonConditions.Count == 0 ? new Judgement(FailureKind.None, reason, []) : JudgeJson(body, policy, reason);
        }

        if (Challenge.MayBeChallenge(code))
        {
            var marker = Challenge.FromHeaders(response);
            if (marker is null && response.RequestMessage?.Method != HttpMethod.Head)
            {
                marker = Challenge.FromBody((await ResponseBody.ReadStartAsync(response, Challenge.BodyBytesRead, cancellationToken).ConfigureAwait(false)).Text);
            }

            if (marker is not null)
            {
                return new Judgement(FailureKind.Blocked, $"A bot-protection layer answered {code} ({marker}), not the site itself: the site may be fine in a browser.", []);
            }
        }

        return new Judgement(FailureKind.HttpStatus, reason, []);
    }

    /// <summary>
    /// The conditions that can be judged only when the check is over: the response time, and the certificate's days left.
    /// Null when the policy has none, or the site is already down.
    /// </summary>
    public static Judgement? JudgeAfter(ProbeOutcome outcome, CheckPolicy policy)
    {
        if (outcome.Failure != FailureKind.None || (policy.MaximumResponseTime is null && policy.MinimumCertificateDays is null))
        {
            return null;
        }

        var conditions = new List<ConditionOutcome>(outcome.Conditions);
        if (policy.MaximumResponseTime is { } limit)
        {
            conditions.Add(new ConditionOutcome(
                Invariant($"ResponseTimeMs <= {limit.TotalMilliseconds:0}"),
                outcome.Elapsed <= limit,
                Invariant($"{outcome.Elapsed.TotalMilliseconds:0} ms")));
        }

        if (policy.MinimumCertificateDays is { } days)
        {
            // Plain http has no certificate to fail: the condition holds for what it can see.
            var certificate = outcome.Details?.Certificate;
            conditions.Add(new ConditionOutcome(
                Invariant($"CertificateDays >= {days}"),
                certificate is null || certificate.DaysUntilExpiry >= days,
                certificate is null ? "no certificate (http)" : Invariant($"{certificate.DaysUntilExpiry} days, until {certificate.NotAfter:yyyy-MM-dd}")));
        }

        return Verdict(conditions, outcome.Reason);
    }

    private static Judgement JudgeJson(BodyStart body, CheckPolicy policy, string reason)
    {
        object? document;
        try
        {
            document = JsonDocumentReader.Parse(body.Text);
        }
        catch (JsonFormatException notJson)
        {
            var why = body.Complete
                ? $"The body is not JSON ({notJson.Message})"
                : Invariant($"The body is longer than -MaximumContentBytes ({policy.MaximumContentBytes} bytes), so it cannot be read as JSON whole");
            var observed = body.Complete ? "not JSON" : "cut at -MaximumContentBytes";
            var conditions = policy.JsonConditions.Select(c => new ConditionOutcome(c.Text, false, observed)).ToList();
            return new Judgement(FailureKind.ConditionFailed, $"{why}: {string.Join(", ", policy.JsonConditions.Select(c => $"'{c.Text}'"))} cannot hold.", conditions);
        }

        return Verdict(policy.JsonConditions.Select(c => c.Evaluate(document)).ToList(), reason);
    }

    /// <summary>Up with the given reason when every condition held; otherwise ConditionFailed, naming the first that did not.</summary>
    private static Judgement Verdict(List<ConditionOutcome> conditions, string reason)
    {
        var failed = conditions.Where(c => !c.Passed).ToList();
        if (failed.Count == 0)
        {
            return new Judgement(FailureKind.None, reason, conditions);
        }

        var first = failed[0];
        var more = failed.Count == 1 ? string.Empty : Invariant($" (and {failed.Count - 1} more of {conditions.Count})");
        return new Judgement(FailureKind.ConditionFailed, $"Condition '{first.Condition}' failed: found {first.Observed}{more}.", conditions);
    }

    /// <summary>Why the start of the body fails the content patterns; null when it passes.</summary>
    private static string? JudgeContent(string body, CheckPolicy policy)
    {
        try
        {
            if (policy.ContentMatch is { } must && !must.IsMatch(body))
            {
                return $"The first {body.Length} characters of the body do not match '{must}'.";
            }

            if (policy.ContentNotMatch is { } mustNot && mustNot.IsMatch(body))
            {
                return $"The body matches '{mustNot}', which it must not.";
            }

            return null;
        }
        catch (RegexMatchTimeoutException)
        {
            return "Matching the body took too long; the pattern may need simplifying.";
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
