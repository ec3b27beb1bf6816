using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using SiteStatus.Checking.Settings;
using SiteStatus.Commands;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>The settings catalog and the cmdlets' parameters agree both ways, and the help names every setting.</summary>
public sealed class SettingsCatalogTests
{
    // Parameters of the checking cmdlets that are not per-check settings: how the run goes, where input comes from,
    // where it is checked from. A new parameter is either a setting (an entry in CheckSettings) or named here.
    private static readonly string[] RunParameters =
    [
        "Uri", "InputObject", "Partition", "ThrottleLimit", "ThrottleLimitPerHost", "TotalTimeoutSec", "AllowCredentialInUri",
        "Proxy", "ProxyUseDefaultCredentials", "Credential", "Certificate", "SkipCertificateCheck", "IPv4", "IPv6",
        "StatePath", "FailureThreshold", "SuccessThreshold", "FailureWindow", "ReminderIntervalMin", "CanaryUri", "HistoryPath",
        "Session", "IncludeLocal", "Quorum", "Spread", "Location", "ResultBatch", "Quiet", "Summary", "RdapBootstrapPath",
    ];

    public static TheoryData<Type> Cmdlets => [typeof(TestSiteStatusCommand), typeof(GetSiteStatusReportCommand)];

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void EverySetting_IsAParameter_OfTheSameType_Default_AndRange(Type cmdlet)
    {
        var instance = Activator.CreateInstance(cmdlet)!;
        foreach (var setting in CheckSettings.All.Where(s => !s.ReportOnly || cmdlet == typeof(GetSiteStatusReportCommand)))
        {
            var property = cmdlet.GetProperty(setting.Name);
            Assert.True(property?.GetCustomAttribute<ParameterAttribute>() is not null, $"{cmdlet.Name} has no parameter -{setting.Name}");
            // The catalog knows no PowerShell type: a switch parameter is a boolean setting there.
            Assert.Equal(setting.ParameterType, property!.PropertyType == typeof(SwitchParameter) ? typeof(bool) : property.PropertyType);
            Assert.Equal(Shown(setting.Default), Shown(property.GetValue(instance)));
            var range = property.GetCustomAttribute<ValidateRangeAttribute>();
            Assert.Equal(setting.Range, range is null ? null : (Convert.ToInt32(range.MinRange, System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(range.MaxRange, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void EveryParameter_IsASetting_OrARunParameter(Type cmdlet)
    {
        var settings = CheckSettings.All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var parameters = cmdlet.GetProperties().Where(p => p.GetCustomAttribute<ParameterAttribute>() is not null).Select(p => p.Name);

        Assert.All(parameters, p => Assert.True(settings.Contains(p) || RunParameters.Contains(p), $"-{p} is neither a setting of the catalog nor a run parameter."));
    }

    [Fact]
    public void TestSiteStatus_HasNoReportOnlySetting()
    {
        Assert.All(CheckSettings.All.Where(s => s.ReportOnly), s => Assert.Null(typeof(TestSiteStatusCommand).GetProperty(s.Name)));
    }

    [Fact]
    public void TheHelpAndReadme_NameEverySettingASitesFileMayCarry()
    {
        var root = Repository.Root();
        var about = File.ReadAllText(Path.Combine(root, "docs/en-US/about_SiteStatus.help.txt"));
        var aboutList = Regex.Match(about, @"own settings, in properties named as the parameters:\s*\n(.*?)\n\s*\n", RegexOptions.Singleline).Groups[1].Value;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var readmeList = Regex.Match(readme, @"every per-check parameter\s*\((.*?)\)\s*is also read", RegexOptions.Singleline).Groups[1].Value;
        var names = CheckSettings.All.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(names, Regex.Matches(aboutList, @"\w+").Select(m => m.Value).Order(StringComparer.Ordinal));
        Assert.Equal(names, Regex.Matches(readmeList, @"`(\w+)`").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheDefaultPolicy_IsTheCatalogsDefaults()
    {
        var policy = Checking.CheckPolicy.Default;

        Assert.Equal(
            (TimeSpan.FromSeconds(CheckSettings.DefaultTimeoutSec), CheckSettings.DefaultMaximumRedirection, 0, TimeSpan.FromSeconds(CheckSettings.DefaultRetryIntervalSec), CheckSettings.DefaultMaximumContentBytes, CheckSettings.DefaultCertificateExpiryWarningDays, false),
            (policy.Timeout, policy.MaximumRedirection, policy.MaximumRetryCount, policy.RetryInterval, policy.MaximumContentBytes, policy.CertificateExpiryWarningDays, policy.UseHead));
        Assert.Equal(CheckSettings.DefaultExpectedStatusCode, policy.ExpectedStatus.ToString());
        Assert.Empty(policy.Conditions);
        Assert.Null(policy.SlowThresholdMs);
    }

    private static string Shown(object? value) => value switch
    {
        null => "null",
        IEnumerable items and not string => "[" + string.Join(",", items.Cast<object>()) + "]",
        _ => value.ToString()!,
    };
}
