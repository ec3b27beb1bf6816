using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using SiteStatus.Checking;
using SiteStatus.Checking.Maintenance;
using SiteStatus.Checking.Settings;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>Recurring maintenance windows at fixed instants: no test waits for a clock.</summary>
public sealed class MaintenanceWindowTests
{
    [Theory]
    [InlineData("Daily 03:00 45m", "2026-03-04T03:00:00Z", true)]
    [InlineData("Daily 03:00 45m", "2026-03-04T03:44:59.9999999Z", true)]
    [InlineData("Daily 03:00 45m", "2026-03-04T03:45:00Z", false)]
    [InlineData("Daily 03:00 45m", "2026-03-04T02:59:59.9999999Z", false)]
    [InlineData("Daily 03:00 45m UTC", "2026-03-04T05:00:00+02:00", true)]
    public void ExactlyAtItsStart_ItIsOn_AndAtItsEnd_Off(string window, string instant, bool active)
    {
        Assert.Equal(active, MaintenanceWindow.Parse(window).IsActive(At(instant)));
    }

    [Theory]
    [InlineData("2026-03-02T23:29:59Z", false)]
    [InlineData("2026-03-02T23:30:00Z", true)]
    [InlineData("2026-03-03T00:30:00Z", true)]
    [InlineData("2026-03-03T00:59:59Z", true)]
    [InlineData("2026-03-03T01:00:00Z", false)]
    [InlineData("2026-03-07T00:30:00Z", true)]
    [InlineData("2026-03-08T00:30:00Z", false)]
    public void AWindow_CrossesMidnight_IntoTheNextDay(string instant, bool active)
    {
        // Mon-Fri at 23:30 for 1h30m: Friday's runs into Saturday, and no window starts on Saturday to run into Sunday.
        Assert.Equal(active, MaintenanceWindow.Parse("Mon-Fri 23:30 1h30m UTC").IsActive(At(instant)));
    }

    [Theory]
    [InlineData("Sat 20:00 48h", "2026-03-09T19:59:59Z", true)]
    [InlineData("Sat 20:00 48h", "2026-03-09T20:00:00Z", false)]
    [InlineData("Sun 22:00 8h", "2026-03-09T05:59:00Z", true)]
    [InlineData("Fri-Mon 22:00 1h", "2026-03-08T22:30:00Z", true)]
    [InlineData("Fri-Mon 22:00 1h", "2026-03-09T22:30:00Z", true)]
    [InlineData("Fri-Mon 22:00 1h", "2026-03-10T22:30:00Z", false)]
    [InlineData("Wed 12:00 168h", "2026-03-11T11:59:59Z", true)]
    [InlineData("Wed 12:00 167h", "2026-03-11T11:30:00Z", false)]
    public void AWindow_CrossesTheWeeksEnd(string window, string instant, bool active)
    {
        // 2026-03-07 is a Saturday, 2026-03-09 a Monday, 2026-03-11 a Wednesday.
        Assert.Equal(active, MaintenanceWindow.Parse(window).IsActive(At(instant)));
    }

    [Theory]
    // Spring, 2026-03-29: Berlin's clocks go from 02:00 CET to 03:00 CEST at 01:00 UTC. 01:00 CET is 00:00 UTC, and
    // two hours of elapsed time end at 02:00 UTC (04:00 CEST), not at 03:00 on the wall.
    [InlineData("Sun 01:00 2h Europe/Berlin", "2026-03-29T00:00:00Z", true)]
    [InlineData("Sun 01:00 2h Europe/Berlin", "2026-03-29T01:59:59Z", true)]
    [InlineData("Sun 01:00 2h Europe/Berlin", "2026-03-29T02:00:00Z", false)]
    // Autumn, 2026-10-25: from 03:00 CEST back to 02:00 CET at 01:00 UTC. 01:00 CEST is 23:00 UTC the day before, and
    // three hours of elapsed time end at 02:00 UTC (03:00 CET), an hour before 04:00 on the wall.
    [InlineData("Sun 01:00 3h Europe/Berlin", "2026-10-24T23:00:00Z", true)]
    [InlineData("Sun 01:00 3h Europe/Berlin", "2026-10-25T01:59:59Z", true)]
    [InlineData("Sun 01:00 3h Europe/Berlin", "2026-10-25T02:00:00Z", false)]
    // Summer and winter time on either side of the changes.
    [InlineData("Sun 02:30 1h Europe/Berlin", "2026-04-05T00:30:00Z", true)]
    [InlineData("Sun 02:30 1h Europe/Berlin", "2026-04-05T01:30:00Z", false)]
    [InlineData("Sun 02:30 1h Europe/Berlin", "2026-11-01T01:30:00Z", true)]
    [InlineData("Sun 02:30 1h Europe/Berlin", "2026-11-01T00:30:00Z", false)]
    public void AcrossAClockChange_TheDurationIsElapsedTime(string window, string instant, bool active)
    {
        Assert.Equal(active, MaintenanceWindow.Parse(window).IsActive(At(instant)));
    }

    [Theory]
    // 02:30 does not exist in Berlin on 2026-03-29: the window starts at the first instant after the gap, 03:00 CEST (01:00 UTC).
    [InlineData("2026-03-29T00:59:59Z", false)]
    [InlineData("2026-03-29T01:00:00Z", true)]
    [InlineData("2026-03-29T01:59:59Z", true)]
    [InlineData("2026-03-29T02:00:00Z", false)]
    public void AStartInsideTheSpringGap_IsTheFirstInstantAfterIt(string instant, bool active)
    {
        Assert.Equal(active, MaintenanceWindow.Parse("Sun 02:30 1h Europe/Berlin").IsActive(At(instant)));
    }

    [Theory]
    // 02:30 occurs twice in Berlin on 2026-10-25, at 00:30 UTC (CEST) and 01:30 UTC (CET): the window starts at the first.
    [InlineData("2026-10-25T00:29:59Z", false)]
    [InlineData("2026-10-25T00:30:00Z", true)]
    [InlineData("2026-10-25T01:29:59Z", true)]
    [InlineData("2026-10-25T01:30:00Z", false)]
    public void AStartTheAutumnRepeats_IsItsFirstOccurrence(string instant, bool active)
    {
        Assert.Equal(active, MaintenanceWindow.Parse("Sun 02:30 1h Europe/Berlin").IsActive(At(instant)));
    }

    [Theory]
    [InlineData("sat,SUN 22:00 8h America/New_York", "2026-03-08T03:30:00Z", true)]
    [InlineData("sat,SUN 22:00 8h America/New_York", "2026-03-09T03:30:00Z", true)]
    [InlineData("sat,SUN 22:00 8h America/New_York", "2026-03-10T03:30:00Z", false)]
    [InlineData("Mon,Wed-Thu 10:00 1h", "2026-03-04T10:30:00Z", true)]
    [InlineData("Mon,Wed-Thu 10:00 1h", "2026-03-03T10:30:00Z", false)]
    [InlineData("  Daily   03:00   2H  ", "2026-03-04T04:59:00Z", true)]
    [InlineData("Daily 00:00 24h", "2026-07-01T00:00:00Z", true)]
    [InlineData("Daily 00:00 24h", "2026-07-01T23:59:59.9999999Z", true)]
    public void Days_AreListsRangesOrDaily_InAnyCase(string window, string instant, bool active)
    {
        // 2026-03-07 22:00 in New York is 2026-03-08 03:00 UTC; 2026-03-08 22:00 (summer time from that morning) is 02:00 UTC on the 9th.
        Assert.Equal(active, MaintenanceWindow.Parse(window).IsActive(At(instant)));
    }

    [Theory]
    [InlineData("Sun 02:00 168h")]
    [InlineData("Sun 02:00 167h60m")]
    [InlineData("Sun 02:00 1m")]
    [InlineData("Mon-Mon 23:59 90m Etc/UTC")]
    public void TheLimits_AreAccepted(string window)
    {
        Assert.NotNull(MaintenanceWindow.Parse(window));
    }

    [Theory]
    [InlineData("", "'' is not a maintenance window: write <days> <HH:mm> <duration> [<time zone>], as in 'Sun 02:00 2h Europe/Berlin' or 'Mon-Fri 23:30 1h30m'.")]
    [InlineData("Sun 02:00", "'Sun 02:00' is not a maintenance window: write <days> <HH:mm> <duration> [<time zone>], as in 'Sun 02:00 2h Europe/Berlin' or 'Mon-Fri 23:30 1h30m'.")]
    [InlineData("Sonday 02:00 2h", "'Sonday 02:00 2h' is not a maintenance window: the days 'Sonday' are not Mon, Tue, Wed, Thu, Fri, Sat or Sun, in a list (Sat,Sun) or a range (Mon-Fri, Fri-Mon), nor Daily.")]
    [InlineData("Mon-Wed-Fri 02:00 2h", "'Mon-Wed-Fri 02:00 2h' is not a maintenance window: the days 'Mon-Wed-Fri' are not Mon, Tue, Wed, Thu, Fri, Sat or Sun, in a list (Sat,Sun) or a range (Mon-Fri, Fri-Mon), nor Daily.")]
    [InlineData("Sat,,Sun 02:00 2h", "'Sat,,Sun 02:00 2h' is not a maintenance window: the days 'Sat,,Sun' are not Mon, Tue, Wed, Thu, Fri, Sat or Sun, in a list (Sat,Sun) or a range (Mon-Fri, Fri-Mon), nor Daily.")]
    [InlineData("Sun 2:00 2h", "'Sun 2:00 2h' is not a maintenance window: the start '2:00' is not a 24-hour time HH:mm, from 00:00 to 23:59.")]
    [InlineData("Sun 24:00 2h", "'Sun 24:00 2h' is not a maintenance window: the start '24:00' is not a 24-hour time HH:mm, from 00:00 to 23:59.")]
    [InlineData("Sun 2pm 2h", "'Sun 2pm 2h' is not a maintenance window: the start '2pm' is not a 24-hour time HH:mm, from 00:00 to 23:59.")]
    [InlineData("Sun 02:00 2", "'Sun 02:00 2' is not a maintenance window: the duration '2' is not <n>h, <n>m or <n>h<n>m, as in 2h, 45m or 1h30m.")]
    [InlineData("Sun 02:00 30m1h", "'Sun 02:00 30m1h' is not a maintenance window: the duration '30m1h' is not <n>h, <n>m or <n>h<n>m, as in 2h, 45m or 1h30m.")]
    [InlineData("Sun 02:00 0h0m", "'Sun 02:00 0h0m' is not a maintenance window: the duration '0h0m' must be more than 0 and at most 168h (7 days).")]
    [InlineData("Sun 02:00 168h1m", "'Sun 02:00 168h1m' is not a maintenance window: the duration '168h1m' must be more than 0 and at most 168h (7 days).")]
    [InlineData("Sun 02:00 2h Mars/Olympus", "'Sun 02:00 2h Mars/Olympus' is not a maintenance window: this system knows no time zone 'Mars/Olympus': give an IANA id such as Europe/Berlin or America/New_York, or UTC (Windows PowerShell 5.1 knows Windows ids only, such as 'W. Europe Standard Time').")]
    [InlineData("Sonday 02:00 2 hours", "'Sonday 02:00 2 hours' is not a maintenance window: the days 'Sonday' are not Mon, Tue, Wed, Thu, Fri, Sat or Sun, in a list (Sat,Sun) or a range (Mon-Fri, Fri-Mon), nor Daily.")]
    [InlineData("Sun 02:00 2h ../../etc/passwd", "'Sun 02:00 2h ../../etc/passwd' is not a maintenance window: this system knows no time zone '../../etc/passwd': give an IANA id such as Europe/Berlin or America/New_York, or UTC (Windows PowerShell 5.1 knows Windows ids only, such as 'W. Europe Standard Time').")]
    public void BadSyntax_IsRefused_NamingWhatIsWrong(string window, string message)
    {
        var error = Assert.Throws<FormatException>(() => MaintenanceWindow.Parse(window));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ACellOfTheSitesFile_HoldsSeveralWindows_SeparatedBySemicolons()
    {
        var setting = CheckSettings.All.Single(s => s.Name == "MaintenanceWindow");

        var policy = setting.Apply(CheckPolicy.Default, "Sun 02:00 2h Europe/Berlin; Wed 03:00 1h");

        Assert.Equal(2, policy.MaintenanceWindows.Count);
        Assert.True(policy.InMaintenance(At("2026-03-04T03:30:00Z")));
        Assert.True(policy.InMaintenance(At("2026-03-08T01:30:00Z")));
        Assert.False(policy.InMaintenance(At("2026-03-05T03:30:00Z")));
        Assert.False(CheckPolicy.Default.InMaintenance(At("2026-03-04T03:30:00Z")));
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.None);
}

/// <summary>-MaintenanceWindow and a sites file's MaintenanceWindow column, on the cmdlets: refused at once when bad, and said on each result.</summary>
public sealed class MaintenanceWindowCommandTests
{
    // Nothing listens on port 9: each check ends at once, refused, which is what a site under maintenance often does.
    private const string Refused = "http://127.0.0.1:9/";

    [Theory]
    [InlineData("Test-SiteStatus")]
    [InlineData("Get-SiteStatusReport")]
    public void ABadWindow_OnTheParameter_IsAParameterError_BeforeAnyCheck(string command)
    {
        var (output, errors) = PowerShellHost.Run($"{command} $url -MaintenanceWindow 'Sun 02:00 2h', 'Sun 25:00 2h'", ("url", Refused));

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("'Sun 25:00 2h' is not a maintenance window: the start '25:00' is not a 24-hour time HH:mm, from 00:00 to 23:59.", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadWindow_InARow_IsThatRowsInvalidSiteSetting_AndTheOtherRowsAreChecked()
    {
        var (output, errors) = PowerShellHost.Run(
            "@([pscustomobject]@{ Url = $bad; MaintenanceWindow = 'Sun 02:00 2h; Sonday 02:00 2h' }, [pscustomobject]@{ Url = $ok }) | Test-SiteStatus",
            ("bad", Refused + "?bad"), ("ok", Refused));

        Assert.Equal(Refused, ((SiteStatusResult)Assert.Single(output).BaseObject).Uri);
        var error = Assert.Single(errors);
        Assert.Equal("InvalidSiteSetting,SiteStatus.Commands.TestSiteStatusCommand", error.FullyQualifiedErrorId);
        Assert.Equal(
            "The MaintenanceWindow of this site, 'Sun 02:00 2h; Sonday 02:00 2h', cannot be used: 'Sonday 02:00 2h' is not a maintenance window: the days 'Sonday' are not Mon, Tue, Wed, Thu, Fri, Sat or Sun, in a list (Sat,Sun) or a range (Mon-Fri, Fri-Mon), nor Daily.",
            error.Exception.Message);
        Assert.Equal(Refused + "?bad", ((PSObject)error.TargetObject).Properties["Url"].Value);
    }

    [Theory]
    [InlineData("Test-SiteStatus")]
    [InlineData("Get-SiteStatusReport")]
    public void ARowsWindows_ReplaceTheRunsForThatRow_AndACheckInOne_StillRuns_AndSaysSo(string command)
    {
        // The run's window is always on; the row's own starts two hours from now, so it is off for the minutes this takes.
        var later = $"Daily {DateTimeOffset.UtcNow.AddHours(2):HH:mm} 1h";
        var (output, errors) = PowerShellHost.Run(
            $"@([pscustomobject]@{{ Url = $run }}, [pscustomobject]@{{ Url = $own; MaintenanceWindow = $later }}, [pscustomobject]@{{ Url = $both; MaintenanceWindow = \"$later; Daily 00:00 24h\" }}) | {command} -MaintenanceWindow 'Daily 00:00 24h'",
            ("run", Refused + "?run"), ("own", Refused + "?own"), ("both", Refused + "?both"), ("later", later));

        Assert.Empty(errors);
        var results = output.Select(o => (SiteStatusResult)o.BaseObject).ToDictionary(r => r.Uri, StringComparer.Ordinal);
        Assert.Equal((true, false, true), (results[Refused + "?run"].Maintenance, results[Refused + "?own"].Maintenance, results[Refused + "?both"].Maintenance));
        Assert.All(results.Values, r => Assert.Equal((SiteState.Down, FailureKind.ConnectionRefused, 1), (r.Status, r.Failure, r.Attempts)));
    }

    [Fact]
    public void WithoutWindows_NoCheckIsInMaintenance()
    {
        var (output, errors) = PowerShellHost.Run("Test-SiteStatus $url", ("url", Refused));

        Assert.Empty(errors);
        Assert.False(((SiteStatusResult)Assert.Single(output).BaseObject).Maintenance);
    }
}
