using System.Globalization;

namespace SiteStatus.Checking.Conditions;

/// <summary>A certificate that expires within this many days fails the check; plain http has no certificate to fail, so it holds there.</summary>
internal sealed class CertificateDaysCondition(int days) : ISiteCondition
{
    public const string SettingName = "MinimumCertificateDays";

    public string Text { get; } = string.Format(CultureInfo.InvariantCulture, "CertificateDays >= {0}", days);

    public string Setting => SettingName;

    public ConditionStage Stage => ConditionStage.CheckOver;

    public bool ReadsBody => false;

    public bool SeesCertificate => true;

    public ConditionOutcome Evaluate(ConditionFacts facts) => facts.Certificate is { } certificate
        ? new(Text, certificate.DaysUntilExpiry >= days, string.Format(CultureInfo.InvariantCulture, "{0} days, until {1:yyyy-MM-dd}", certificate.DaysUntilExpiry, certificate.NotAfter))
        : new(Text, true, "no certificate (http)");
}
