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

    public ConditionOutcome Evaluate(ConditionFacts facts) => ContentPattern.Evaluate(Text, pattern, mustMatch: false, facts);
}
