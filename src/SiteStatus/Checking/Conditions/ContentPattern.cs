using System.Globalization;
using System.Text.RegularExpressions;

namespace SiteStatus.Checking.Conditions;

/// <summary>What the two content conditions share: matching the start of the body, and what they say of it.</summary>
internal static class ContentPattern
{
    private const int ObservedLength = 80;

    /// <summary>
    /// Whether the start of the body matches <paramref name="pattern"/> as <paramref name="mustMatch"/> asks; a failure
    /// is ContentMismatch, and a match that takes too long fails too.
    /// </summary>
    public static ConditionOutcome Evaluate(string condition, Regex pattern, bool mustMatch, ConditionFacts facts)
    {
        var body = facts.Body.Text;
        Match match;
        try
        {
            match = pattern.Match(body);
        }
        catch (RegexMatchTimeoutException)
        {
            return new ConditionOutcome(condition, false, "matching took too long")
            {
                Failure = FailureKind.ContentMismatch,
                Why = "Matching the body took too long; the pattern may need simplifying",
            };
        }

        var observed = match.Success ? Found(match) : string.Format(CultureInfo.InvariantCulture, "no match in the first {0} characters", body.Length);
        return match.Success == mustMatch
            ? new ConditionOutcome(condition, true, observed)
            : new ConditionOutcome(condition, false, observed)
            {
                Failure = FailureKind.ContentMismatch,
                Why = mustMatch
                    ? string.Format(CultureInfo.InvariantCulture, "The first {0} characters of the body do not match '{1}'", body.Length, pattern)
                    : $"The body matches '{pattern}', which it must not",
            };
    }

    /// <summary>The text a pattern found, quoted and cut short.</summary>
    private static string Found(Match match)
    {
        var found = match.Value.Length <= ObservedLength ? match.Value : match.Value.Remove(ObservedLength) + "…";
        return $"\"{found}\"";
    }
}
