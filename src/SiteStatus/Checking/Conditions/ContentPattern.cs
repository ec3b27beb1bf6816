using System.Text.RegularExpressions;

namespace SiteStatus.Checking.Conditions;

/// <summary>What the two content conditions say alike.</summary>
internal static class ContentPattern
{
    private const int ObservedLength = 80;

    /// <summary>The text a pattern found, quoted and cut short.</summary>
    public static string Found(Match match)
    {
        var found = match.Value.Length <= ObservedLength ? match.Value : match.Value.Remove(ObservedLength) + "…";
        return $"\"{found}\"";
    }

    /// <summary>A pathological pattern or body: the match timed out, which fails the condition.</summary>
    public static ConditionOutcome TookTooLong(string condition) => new(condition, false, "matching took too long")
    {
        Failure = FailureKind.ContentMismatch,
        Why = "Matching the body took too long; the pattern may need simplifying",
    };
}
