using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SiteStatus.Commands;
using SiteStatus.Locations;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>Which parameters cross to each location (-Session): every parameter of the check cmdlets is on one side, by decision.</summary>
public sealed class LocationParametersTests
{
    // Applied by the command the user ran: which inputs are read, what is written, and the locations themselves.
    private static readonly string[] Kept = ["Uri", "InputObject", "Partition", "Quiet", "Summary", "Session", "IncludeLocal", "Quorum", "Spread", "Location", "ResultBatch",
        "StatePath", "FailureThreshold", "SuccessThreshold", "FailureWindow", "ReminderIntervalMin", "HistoryPath"];

    // Applied by the command each location runs: how the checks are made and judged there.
    private static readonly string[] Sent =
    [
        "TimeoutSec", "Headers", "UserAgent", "Proxy", "ProxyUseDefaultCredentials", "Credential", "Certificate", "SkipCertificateCheck",
        "IPv4", "IPv6", "ThrottleLimit", "ThrottleLimitPerHost", "TotalTimeoutSec", "MaximumRedirection", "ExpectedStatusCode", "Method",
        "MaximumRetryCount", "RetryIntervalSec", "ContentMatch", "NotContentMatch", "JsonCondition", "HeaderCondition",
        "MaximumResponseTimeMs", "MinimumCertificateDays", "MaximumContentBytes", "AllowCredentialInUri", "CanaryUri", "CertificateExpiryWarningDays", "SlowThresholdMs", "MaintenanceWindow", "AllAddresses",
        "HttpVersion", "ValidHttpVersion",
        "MinimumDomainDays", "DomainExpiryWarningDays", "RdapServer", "RdapBootstrapPath",
    ];

    [Theory]
    [InlineData("Test-SiteStatus", typeof(TestSiteStatusCommand))]
    [InlineData("Get-SiteStatusReport", typeof(GetSiteStatusReportCommand))]
    public void EveryParameter_IsSentOrKept_AsDecided(string command, Type type)
    {
        foreach (var name in ParametersOf(command))
        {
            if (Cmdlet.CommonParameters.Contains(name) || Cmdlet.OptionalCommonParameters.Contains(name) || Kept.Contains(name))
            {
                Assert.False(LocationParameters.IsSent(type, name), $"-{name} of {command} must stay here, yet it is sent to every location.");
            }
            else if (Sent.Contains(name))
            {
                Assert.True(LocationParameters.IsSent(type, name), $"-{name} of {command} must reach every location, yet it is kept here.");
            }
            else
            {
                Assert.Fail($"-{name} of {command} is neither sent to the locations nor kept here: decide. Mark it [NotSentToLocations] when this command applies it itself, and add it to {nameof(Kept)} or {nameof(Sent)} here.");
            }
        }
    }

    [Fact]
    public void TheDecisions_NameOnlyParametersThatExist()
    {
        var parameters = ParametersOf("Test-SiteStatus").Concat(ParametersOf("Get-SiteStatusReport")).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.All(Kept.Concat(Sent), name => Assert.Contains(name, parameters));
    }

    [Fact]
    public void WhatCrosses_IsWhatTheUserBound_LessWhatStaysHere()
    {
        var bound = new Dictionary<string, object>
        {
            ["Uri"] = new[] { "https://example.com/" },
            ["TimeoutSec"] = 5,
            ["HeaderCondition"] = new[] { "Age < 600" },
            ["Quiet"] = new SwitchParameter(true),
            ["Verbose"] = new SwitchParameter(true),
            ["ErrorAction"] = ActionPreference.Stop,
            ["Session"] = Array.Empty<object>(),
        };

        var sent = LocationParameters.Sent(typeof(TestSiteStatusCommand), bound);

        Assert.Equal(["HeaderCondition", "TimeoutSec"], sent.Keys.Cast<string>().Order(StringComparer.Ordinal));
        Assert.Equal(5, sent["timeoutsec"]);
    }

    private static IEnumerable<string> ParametersOf(string command)
    {
        var (output, errors) = PowerShellHost.Run("(Get-Command $name).Parameters.Keys", ("name", command));
        Assert.Empty(errors);
        return output.Select(o => (string)o.BaseObject);
    }
}
