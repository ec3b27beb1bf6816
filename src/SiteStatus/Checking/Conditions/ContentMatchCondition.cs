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

    public ConditionOutcome Evaluate(ConditionFacts facts) => ContentPattern.Evaluate(Text, pattern, mustMatch: true, facts);
}
