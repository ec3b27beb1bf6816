using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Checking.Conditions;

namespace SiteStatus.Checking;

/// <summary>A verdict: the failure (None when up), its reason, and what each condition found.</summary>
internal readonly record struct Judgement(FailureKind Failure, string Reason, IReadOnlyList<ConditionOutcome> Conditions);

/// <summary>
/// Judges a site by its policy: the final answer's code, then every condition on that answer (headers, the start of
/// its body), a challenge page; then, once the check is over, the conditions on the whole check (its time, its
/// certificate). Conditions are judged only on an answer whose code counts as up, and all of them are: a failing one
/// never hides another.
/// </summary>
internal static class ResponseJudge
{
    /// <summary>The verdict on a final answer: an expected code and its conditions, a challenge, or a failing status.</summary>
    public static async Task<Judgement> JudgeAsync(HttpResponseMessage response, int code, CheckPolicy policy, CancellationToken cancellationToken)
    {
        var reason = StatusText.Reason(response.ReasonPhrase, code);
        if (policy.ExpectedStatus.Contains(code))
        {
            if (!policy.Judges(ConditionStage.Answer))
            {
                return new Judgement(FailureKind.None, reason, []);
            }

            var body = policy.ReadsBody ? await ResponseBody.ReadStartAsync(response, policy.MaximumContentBytes, cancellationToken).ConfigureAwait(false) : default;
            return Verdict(Evaluate(policy, ConditionStage.Answer, ConditionFacts.OfAnswer(response, body, policy.MaximumContentBytes), []), reason);
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
    /// The conditions that can be judged only when the check is over: the response time, and the certificate's days left;
    /// judged also when a condition on the answer failed. Null when the policy has none, or no answer was judged.
    /// </summary>
    public static Judgement? JudgeAfter(ProbeOutcome outcome, CheckPolicy policy)
    {
        if (outcome.Failure is not (FailureKind.None or FailureKind.ContentMismatch or FailureKind.ConditionFailed) || !policy.Judges(ConditionStage.CheckOver))
        {
            return null;
        }

        return Verdict(Evaluate(policy, ConditionStage.CheckOver, ConditionFacts.OfCheck(outcome), outcome.Conditions), outcome.Reason);
    }

    private static List<ConditionOutcome> Evaluate(CheckPolicy policy, ConditionStage stage, ConditionFacts facts, IReadOnlyList<ConditionOutcome> before)
    {
        var outcomes = new List<ConditionOutcome>(before);
        foreach (var condition in policy.Conditions)
        {
            if (condition.Stage == stage)
            {
                outcomes.Add(condition.Evaluate(facts));
            }
        }

        return outcomes;
    }

    /// <summary>
    /// Up with <paramref name="upReason"/> when every condition held; otherwise the first failed condition's failure and
    /// reason, with how many more failed. The reason of an earlier stage's failure is worded again from its condition.
    /// </summary>
    private static Judgement Verdict(List<ConditionOutcome> conditions, string upReason)
    {
        ConditionOutcome? first = null;
        var failed = 0;
        foreach (var condition in conditions)
        {
            if (!condition.Passed)
            {
                first ??= condition;
                failed++;
            }
        }

        if (first is null)
        {
            return new Judgement(FailureKind.None, upReason, conditions);
        }

        var more = failed == 1 ? string.Empty : string.Format(CultureInfo.InvariantCulture, " (and {0} more of {1})", failed - 1, conditions.Count);
        return new Judgement(first.Failure, $"{first.Reason}{more}.", conditions);
    }
}
