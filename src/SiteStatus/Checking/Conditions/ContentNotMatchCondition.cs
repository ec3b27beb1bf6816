using System.Globalization;
using System.Text.RegularExpressions;

namespace SiteStatus.Checking.Conditions;

/// <summary>A pattern the start of the body must not match (an error page's or a maintenance page's text): found, it fails the check (ContentMismatch).</summary>
internal sealed class ContentNotMatchCondition(Regex pattern) : ISiteCondition
{
    public const string SettingName = "NotContentMatch";

    public string Text { get; } = $"Body !~ {pattern}";

    public string Setting => SettingName;

    public ConditionStage Stage => ConditionStage.Answer;

    public bool ReadsBody => true;

    public bool SeesCertificate => false;

    public ConditionOutcome Evaluate(ConditionFacts facts)
    {
        var body = facts.Body.Text;
        Match match;
        try
        {
            match = pattern.Match(body);
        }
        catch (RegexMatchTimeoutException)
        {
            return ContentPattern.TookTooLong(Text);
        }

        return match.Success
            ? new ConditionOutcome(Text, false, ContentPattern.Found(match))
            {
                Failure = FailureKind.ContentMismatch,
                Why = $"The body matches '{pattern}', which it must not",
            }
            : new ConditionOutcome(Text, true, string.Format(CultureInfo.InvariantCulture, "no match in the first {0} characters", body.Length));
    }
}
