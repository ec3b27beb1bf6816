using System.Globalization;

namespace SiteStatus.Checking.Conditions;

/// <summary>
/// A site whose domain registration expires within this many days fails the check. When the expiry is not known (an IP
/// address, no RDAP server for the domain, a registry that gave no date or did not answer), the condition holds and
/// says why: a registry's silence must not make a site Down.
/// </summary>
internal sealed class DomainDaysCondition(int days) : ISiteCondition
{
    public const string SettingName = "MinimumDomainDays";

    public string Text { get; } = string.Format(CultureInfo.InvariantCulture, "DomainDays >= {0}", days);

    public string Setting => SettingName;

    public ConditionStage Stage => ConditionStage.CheckOver;

    public bool ReadsBody => false;

    public bool SeesCertificate => false;

    public ConditionOutcome Evaluate(ConditionFacts facts) => facts.Domain is { Expires: { } expires } domain && domain.DaysLeft(facts.Started) is { } left
        ? new(Text, left >= days, string.Format(CultureInfo.InvariantCulture, "{0} days, until {1:yyyy-MM-dd} ({2})", left, expires, domain.Domain))
        : new(Text, true, "unknown: " + (facts.Domain?.Unknown ?? "the domain was not looked up"));
}
