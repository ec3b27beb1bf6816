using System.Globalization;
using System.Text.RegularExpressions;

namespace SiteStatus.Checking.Conditions;

/// <summary>A pattern the start of the body (decompressed, capped) must match: a 200 that is really an error page fails it (ContentMismatch).</summary>
internal sealed class ContentMatchCondition(Regex pattern) : ISiteCondition
{
    public const string SettingName = "ContentMatch";

    public string Text { get; } = $"Body =~ {pattern}";

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
            ? new ConditionOutcome(Text, true, ContentPattern.Found(match))
            : new ConditionOutcome(Text, false, string.Format(CultureInfo.InvariantCulture, "no match in the first {0} characters", body.Length))
            {
                Failure = FailureKind.ContentMismatch,
                Why = string.Format(CultureInfo.InvariantCulture, "The first {0} characters of the body do not match '{1}'", body.Length, pattern),
            };
    }
}
