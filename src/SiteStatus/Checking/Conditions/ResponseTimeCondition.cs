using System;
using System.Globalization;

namespace SiteStatus.Checking.Conditions;

/// <summary>A site slower than this, over the whole check, fails it.</summary>
internal sealed class ResponseTimeCondition(TimeSpan limit) : ISiteCondition
{
    public const string SettingName = "MaximumResponseTimeMs";

    public string Text { get; } = string.Format(CultureInfo.InvariantCulture, "ResponseTimeMs <= {0:0}", limit.TotalMilliseconds);

    public string Setting => SettingName;

    public ConditionStage Stage => ConditionStage.CheckOver;

    public bool ReadsBody => false;

    public bool SeesCertificate => false;

    public ConditionOutcome Evaluate(ConditionFacts facts) =>
        new(Text, facts.Elapsed <= limit, string.Format(CultureInfo.InvariantCulture, "{0:0} ms", facts.Elapsed.TotalMilliseconds));
}
