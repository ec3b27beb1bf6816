using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.State;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>
/// Runs in sequence on one state file, against a site whose answer the test switches between runs: the behaviour of
/// the state, the same in either format (<see cref="JsonStateTests"/>, <see cref="SqliteStateTests"/>), read back
/// through the store.
/// </summary>
public abstract class StateTests(TestSiteFixture fixture, string fileName) : IClassFixture<TestSiteFixture>, IDisposable
{
    private protected readonly TestSite _site = fixture.Site;
    private protected readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sitestatus-state-");

    private protected string StatePath => Path.Combine(_folder.FullName, fileName);

    public void Dispose()
    {
        _folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(1, 1, "UDDUU", " D U ")]
    [InlineData(3, 2, "DDDDUUU", "  D  U ")]
    [InlineData(3, 2, "DDUDDUUDDD", "         D")]
    public void Thresholds_GiveExactlyOneTransitionAtTheThreshold(int failures, int successes, string answers, string expected)
    {
        var key = Guid.NewGuid().ToString("N");
        var changes = answers.Select(answer =>
        {
            _site.Switch(key, answer == 'U' ? 200 : 503);
            var result = Run(key, new Hashtable { ["FailureThreshold"] = failures, ["SuccessThreshold"] = successes });
            return result.Changed ? (result.ConfirmedStatus == SiteState.Down ? 'D' : 'U') : ' ';
        });

        Assert.Equal(expected.PadRight(answers.Length), string.Concat(changes));
    }

    // -FailureWindow 5 -FailureThreshold 3 on a site that alternates: 3 of the last 5 failed at the fifth run. Runs
    // before a confirmed change never count toward the next one, so the next Down needs 3 failures of its own.
    [Theory]
    [InlineData(1, "DUDUDUDUDUD", "    DU    D")]
    [InlineData(4, "DUDUDUDUUUU", "    D    U ")]
    [InlineData(2, "DDUUDDDDDUUUU", "    D     U  ")]
    public void FailureWindow_ConfirmsDown_WhenThresholdOfTheLastRunsFailed_AndUpWhenThresholdSucceeded(int successes, string answers, string expected)
    {
        var key = Guid.NewGuid().ToString("N");
        var changes = answers.Select(answer =>
        {
            _site.Switch(key, answer == 'U' ? 200 : 503);
            var result = Run(key, new Hashtable { ["FailureWindow"] = 5, ["FailureThreshold"] = 3, ["SuccessThreshold"] = successes });
            return result.Changed ? (result.ConfirmedStatus == SiteState.Down ? 'D' : 'U') : ' ';
        });

        Assert.Equal(expected, string.Concat(changes));
    }

    [Fact]
    public void FailureWindow_ThatCannotHoldTheThresholds_OrWithoutAStateFile_IsAParameterError()
    {
        var url = Switch(Guid.NewGuid().ToString("N"));

        var (_, over) = PowerShellHost.Run("Test-SiteStatus $url -StatePath $state -FailureWindow 3 -FailureThreshold 4", ("url", url), ("state", StatePath));
        var (_, stateless) = PowerShellHost.Run("Test-SiteStatus $url -FailureWindow 3", ("url", url));

        Assert.Equal("ThresholdOverWindow,SiteStatus.Commands.TestSiteStatusCommand", Assert.Single(over).FullyQualifiedErrorId);
        Assert.Contains("-FailureWindow 3", Assert.Single(over).Exception.Message, StringComparison.Ordinal);
        Assert.Equal("StatePathRequired,SiteStatus.Commands.TestSiteStatusCommand", Assert.Single(stateless).FullyQualifiedErrorId);
        Assert.False(File.Exists(StatePath));
    }

    [Fact]
    public void OneOffMaintenance_ChecksStillRun_ButNothingIsConfirmedOrAlerted_UntilItEnds()
    {
        var key = Guid.NewGuid().ToString("N");
        var pattern = new Uri(_site.Http, $"/switch/{key}*").AbsoluteUri;
        var parameters = new Hashtable { ["FailureThreshold"] = 2 };
        _site.Switch(key, 503);

        var before = Run(key, parameters);
        var (started, startErrors) = PowerShellHost.Run(
            "Start-SiteStatusMaintenance $pattern -DurationMin 60 -Reason 'database upgrade' -StatePath $state", ("pattern", pattern), ("state", StatePath));
        var during = new[] { Run(key, parameters), Run(key, parameters), Run(key, parameters) };
        var (listed, _) = PowerShellHost.Run("Get-SiteStatusMaintenance $url -StatePath $state", ("url", Switch(key)), ("state", StatePath));
        var (_, stopErrors) = PowerShellHost.Run("Get-SiteStatusMaintenance -StatePath $state | Stop-SiteStatusMaintenance", ("state", StatePath));
        var after = Run(key, parameters);

        Assert.Empty(startErrors);
        Assert.Empty(stopErrors);
        var maintenance = (SiteMaintenance)Assert.Single(started).BaseObject;
        Assert.Equal((pattern, "database upgrade", true), (maintenance.Uri, maintenance.Reason, maintenance.Active));
        Assert.Equal(pattern, ((SiteMaintenance)Assert.Single(listed).BaseObject).Uri);
        Assert.Equal((false, SiteState.Up, 1), (before.Maintenance, before.ConfirmedStatus!.Value, before.ConsecutiveFailures!.Value));

        // Each check in maintenance still ran and said what it saw, and counted for nothing: not even to break the streak.
        Assert.All(during, r => Assert.Equal((true, SiteState.Down, false, false, SiteState.Up, 1), (r.Maintenance, r.Status, r.Changed, r.Reminder, r.ConfirmedStatus!.Value, r.ConsecutiveFailures!.Value)));
        Assert.Equal((false, true, SiteState.Down, 2), (after.Maintenance, after.Changed, after.ConfirmedStatus!.Value, after.ConsecutiveFailures!.Value));
        Assert.Equal(before.Timestamp, after.Since);
        Assert.Equal("2D", Entry(Switch(key))!.History.ToString());
        using var state = StateStore.Open(StatePath, CancellationToken.None);
        Assert.Empty(state.Maintenance);
    }

    // A recurring window of the site's own (always on here) counts for nothing, as a one-off one does.
    [Fact]
    public void ARecurringMaintenanceWindow_ConfirmsNothing_AndAlertsNoOne()
    {
        var key = Guid.NewGuid().ToString("N");
        _site.Switch(key, 503);

        var during = Enumerable.Range(0, 2).Select(_ => Run(key, new Hashtable { ["MaintenanceWindow"] = "Daily 00:00 24h" })).ToList();
        var after = Run(key);

        Assert.All(during, r => Assert.Equal((true, SiteState.Down, false, SiteState.Up), (r.Maintenance, r.Status, r.Changed, r.ConfirmedStatus!.Value)));
        Assert.Equal((false, true, SiteState.Down), (after.Maintenance, after.Changed, after.ConfirmedStatus!.Value));
    }

    [Fact]
    public void OneOffMaintenance_OfAUrl_IsWrittenAsTheResultsWriteIt_AndStoppingOneItDoesNotHave_IsAnError()
    {
        var (started, startErrors) = PowerShellHost.Run("Start-SiteStatusMaintenance EXAMPLE.com -Until ([datetime]::Now.AddHours(1)) -StatePath $state", ("state", StatePath));
        var (_, errors) = PowerShellHost.Run("Stop-SiteStatusMaintenance https://example.com/, https://other.example/ -StatePath $state", ("state", StatePath));
        var (passed, passedErrors) = PowerShellHost.Run("Start-SiteStatusMaintenance example.com -Until ([datetime]::Now.AddHours(-1)) -StatePath $state", ("state", StatePath));

        Assert.Empty(startErrors);
        Assert.Equal("https://example.com/", ((SiteMaintenance)Assert.Single(started).BaseObject).Uri);
        var error = Assert.Single(errors);
        Assert.Equal(("MaintenanceNotFound,SiteStatus.Commands.StopSiteStatusMaintenanceCommand", "https://other.example/"), (error.FullyQualifiedErrorId, error.TargetObject));
        Assert.Empty(passed);
        Assert.Equal("MaintenanceEndPassed,SiteStatus.Commands.StartSiteStatusMaintenanceCommand", Assert.Single(passedErrors).FullyQualifiedErrorId);
        var (left, _) = PowerShellHost.Run("Get-SiteStatusMaintenance -StatePath $state", ("state", StatePath));
        Assert.Empty(left);
    }

    [Fact]
    public void AMissingFile_IsNotMade_ByCommandsThatWriteNothing()
    {
        using var closed = new ClosedPort();

        var (_, errors) = PowerShellHost.Run(
            "Get-SiteStatusMaintenance -StatePath $state; Test-SiteStatus $url -StatePath $state -CanaryUri $canary",
            ("state", StatePath), ("url", Switch(Guid.NewGuid().ToString("N"))), ("canary", closed.Uri.AbsoluteUri));

        Assert.Empty(errors);
        Assert.False(File.Exists(StatePath));
    }

    [Fact]
    public void EntriesOfALocation_AreItsOwn_AndTheUrlsOwnStandsForALocationWithNone()
    {
        var now = DateTimeOffset.Now;
        using (var state = StateStore.Open(StatePath, CancellationToken.None))
        {
            state.EntriesAt("eu").Add("http://a/", new StateEntry { Confirmed = SiteState.Down, Since = now, LastSeen = now });
            state.EntriesAt(null).Add("http://a/", new StateEntry { Since = now, LastSeen = now });
            state.Save(now);
        }

        using var read = StateStore.Open(StatePath, CancellationToken.None);
        Assert.Equal((SiteState.Down, SiteState.Up, SiteState.Up), (read.Find("http://a/", "eu")!.Confirmed, read.Find("http://a/", "us")!.Confirmed, read.Find("http://a/", null)!.Confirmed));
        Assert.Null(read.Find("http://b/", "eu"));
    }

    [Fact]
    public void Results_CarryThePreviousAndConfirmedStatus_TheRunsInARow_AndSince()
    {
        var key = Guid.NewGuid().ToString("N");

        var first = Run(key);
        _site.Switch(key, 500);
        var second = Run(key);
        var third = Run(key);

        Assert.Equal((null, SiteState.Up, false, 0, 1), (first.PreviousStatus, first.ConfirmedStatus, first.Changed, first.ConsecutiveFailures, first.ConsecutiveSuccesses));
        Assert.Equal((SiteState.Up, SiteState.Down, true, 1, 0), (second.PreviousStatus, second.ConfirmedStatus, second.Changed, second.ConsecutiveFailures, second.ConsecutiveSuccesses));
        Assert.Equal((SiteState.Down, SiteState.Down, false, 2), (third.PreviousStatus, third.ConfirmedStatus, third.Changed, third.ConsecutiveFailures));
        Assert.Equal(second.Since, third.Since);
        Assert.True(second.Since >= second.Timestamp);
    }

    [Fact]
    public void FirstRunOfANewUrl_IsAChange_OnlyWhenDownWithThresholdOne()
    {
        var down = Guid.NewGuid().ToString("N");
        _site.Switch(down, 503);

        Assert.True(Run(down).Changed);
        Assert.False(Run(Guid.NewGuid().ToString("N")).Changed);
        Assert.False(Run(Guid.NewGuid().ToString("N") + "?t2", new Hashtable { ["FailureThreshold"] = 2 }).Changed);
    }

    [Fact]
    public void Reminder_ComesWhenTheIntervalHasPassedSinceTheLastAlert_AndNotBefore()
    {
        var key = Guid.NewGuid().ToString("N");
        var url = Switch(key);
        _site.Switch(key, 503);
        var alerted = DateTimeOffset.Now.AddMinutes(-61);
        Seed(alerted, (url, new StateEntry { Confirmed = SiteState.Down, Since = alerted, ConsecutiveFailures = 3, LastSeen = alerted, LastAlert = alerted, History = OutcomeHistory.Parse("3D") }));
        var hourly = new Hashtable { ["ReminderIntervalMin"] = 60 };

        var due = Run(key, hourly);
        var again = Run(key, hourly);

        Assert.Equal((true, false), (due.Reminder, due.Changed));
        Assert.False(again.Reminder);
    }

    [Fact]
    public void CanaryDown_EveryInputIsNotRun_AndTheStateFileIsByteForByteUnchanged()
    {
        var key = Guid.NewGuid().ToString("N");
        Run(key);
        var before = File.ReadAllBytes(StatePath);
        using var closed = new ClosedPort();

        var (output, errors) = PowerShellHost.Run(
            "$urls | Test-SiteStatus -StatePath $state -CanaryUri $canary",
            ("urls", new[] { Switch(key), new Uri(_site.Http, "/ok").AbsoluteUri }), ("state", StatePath), ("canary", closed.Uri.AbsoluteUri));

        Assert.Empty(errors);
        var results = output.Select(o => (SiteStatusResult)o.BaseObject).ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal((SiteState.NotRun, false), (r.Status, r.Changed)));
        Assert.All(results, r => Assert.Contains("this machine's own network looks down", r.Reason, StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllBytes(StatePath));
    }

    [Fact]
    public void CanaryDown_TheMetricsCarryTheLastConfirmedStateForward_AndNoVerdict()
    {
        var key = Guid.NewGuid().ToString("N");
        _site.Switch(key, 503);
        var down = Run(key);
        using var closed = new ClosedPort();

        var (output, errors) = PowerShellHost.Run(
            "Test-SiteStatus $url -StatePath $state -CanaryUri $canary | ConvertTo-SiteStatusMetric",
            ("url", Switch(key)), ("state", StatePath), ("canary", closed.Uri.AbsoluteUri));

        Assert.Empty(errors);
        var text = (string)Assert.Single(output).BaseObject;
        var target = $"{{target=\"{Switch(key)}\"}}";
        var since = (down.Since!.Value.ToUnixTimeMilliseconds() / 1000.0).ToString("G15", System.Globalization.CultureInfo.InvariantCulture);

        // An alert on probe_confirmed_up == 0 must neither resolve nor fire again because one run could not look.
        Assert.Equal(SiteState.Down, down.ConfirmedStatus);
        Assert.Contains($"\nprobe_confirmed_up{target} 0\n", text, StringComparison.Ordinal);
        Assert.Contains($"\nprobe_status_since_timestamp_seconds{target} {since}\n", text, StringComparison.Ordinal);
        Assert.Contains($"\nprobe_failure_info{{target=\"{Switch(key)}\",reason=\"NotRun\"}} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("probe_success", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CanaryUp_TheRunGoesOn()
    {
        var result = Run(Guid.NewGuid().ToString("N"), new Hashtable { ["CanaryUri"] = new Uri(_site.Http, "/ok?canary").AbsoluteUri });

        Assert.Equal(SiteState.Up, result.Status);
    }

    [Fact]
    public async Task TwoRunsAtOnce_TheSecondWaitsForTheFirst_AndTheFileHoldsBoth()
    {
        var url = new Uri(_site.Http, "/delay/500?both").AbsoluteUri;

        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(() => PowerShellHost.Run("Test-SiteStatus $url -StatePath $state", ("url", url), ("state", StatePath)))).ToArray();
        var done = await Task.WhenAll(runs);

        Assert.All(done, r => Assert.Empty(r.Errors));
        Assert.Equal("2U", Entry(url)!.History.ToString());
    }

    [Fact]
    public void FileHeldByAnotherRun_IsStateLocked_AfterABoundedWait()
    {
        Run(Guid.NewGuid().ToString("N"));
        var before = File.ReadAllBytes(StatePath);
        using var other = new FileStream(StatePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var (output, errors) = PowerShellHost.Run("Test-SiteStatus $url -StatePath $state", ("url", new Uri(_site.Http, "/ok").AbsoluteUri), ("state", StatePath));

        Assert.Empty(output);
        Assert.Equal("StateLocked,SiteStatus.Commands.TestSiteStatusCommand", Assert.Single(errors).FullyQualifiedErrorId);
        Assert.Equal(before, File.ReadAllBytes(StatePath));
    }

    [Fact]
    public void FolderThatDoesNotExist_IsMade_AndTheRunGoesOn()
    {
        var path = Path.Combine(_folder.FullName, "var", "lib", "sites", Path.GetFileName(StatePath));

        var (output, errors) = PowerShellHost.Run("Test-SiteStatus $url -StatePath $state", ("url", new Uri(_site.Http, "/ok").AbsoluteUri), ("state", path));

        Assert.Empty(errors);
        Assert.Equal(SiteState.Up, ((SiteStatusResult)Assert.Single(output).BaseObject).ConfirmedStatus);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void PathOfAFolder_IsRefusedBeforeAnyCheck()
    {
        var (output, errors) = PowerShellHost.Run("Test-SiteStatus $url -StatePath $state", ("url", Switch(Guid.NewGuid().ToString("N"))), ("state", _folder.FullName));

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("StateUnreadable,SiteStatus.Commands.TestSiteStatusCommand", error.FullyQualifiedErrorId);
        Assert.Contains("it is a folder", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Since_OfAConfirmedChange_IsTheFirstRunOfItsStreak_NotTheRunThatConfirmedIt()
    {
        var key = Guid.NewGuid().ToString("N");
        var thresholds = new Hashtable { ["FailureThreshold"] = 3, ["SuccessThreshold"] = 2 };
        Run(key, thresholds);
        _site.Switch(key, 503);

        var firstFailure = Run(key, thresholds);
        var secondFailure = Run(key, thresholds);
        var down = Run(key, thresholds);
        _site.Switch(key, 200);
        var firstSuccess = Run(key, thresholds);
        var up = Run(key, thresholds);

        Assert.Equal((true, SiteState.Down), (down.Changed, down.ConfirmedStatus));
        Assert.Equal(firstFailure.Timestamp, down.Since);
        Assert.True(down.Since < secondFailure.Timestamp);
        Assert.Equal((true, SiteState.Up), (up.Changed, up.ConfirmedStatus));
        Assert.Equal(firstSuccess.Timestamp, up.Since);
    }

    [Fact]
    public void AUrlListedTwice_CountsOnceInARun()
    {
        var key = Guid.NewGuid().ToString("N");
        _site.Switch(key, 503);

        var (output, errors) = PowerShellHost.Run(
            "$urls | Test-SiteStatus -StatePath $state -FailureThreshold 3", ("urls", new[] { Switch(key), Switch(key), Switch(key) }), ("state", StatePath));

        Assert.Empty(errors);
        var results = output.Select(o => (SiteStatusResult)o.BaseObject).ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal((false, SiteState.Up, 1), (r.Changed, r.ConfirmedStatus!.Value, r.ConsecutiveFailures!.Value)));
        Assert.Equal("1D", Entry(Switch(key))!.History.ToString());
    }

    [Fact]
    public void StoppedBySelectObjectFirst_TheStateFileIsLetGo_ForTheAlertAfterIt()
    {
        var receiver = Guid.NewGuid().ToString("N");
        var urls = new[] { new Uri(_site.Http, "/status/500?first").AbsoluteUri, new Uri(_site.Http, "/delay/3000?first").AbsoluteUri };

        var (output, errors) = PowerShellHost.Run(
            "$urls | Test-SiteStatus -StatePath $state | Select-Object -First 1 | Send-SiteStatusAlert $webhook -StatePath $state; 'after'",
            ("urls", urls), ("state", StatePath), ("webhook", new Uri(_site.Http, $"/webhook/{receiver}/s3cr3t").AbsoluteUri));

        Assert.Empty(errors);
        Assert.Equal("after", Assert.Single(output).ToString());
        Assert.Single(_site.WebhookBodies(receiver));
        using var state = StateStore.Open(StatePath, CancellationToken.None);
        Assert.True(state.DeliveryTracked);
    }

    [Fact]
    public void RunStoppedByAnError_KeepsEveryEntryItDidNotCheck()
    {
        var key = Guid.NewGuid().ToString("N");
        Run(key);
        var kept = Describe(Entry(Switch(key)));

        // As a script with $ErrorActionPreference = 'Stop' meets a bad line: the error stops the run at that line.
        var (output, _) = PowerShellHost.Run(
            "$ErrorActionPreference = 'Stop'; try { $urls | Test-SiteStatus -StatePath $state } catch { $_.FullyQualifiedErrorId }",
            ("urls", new[] { "htp://typo.example/", Switch(Guid.NewGuid().ToString("N")) }), ("state", StatePath));

        Assert.StartsWith("InvalidUri,", Assert.Single(output).ToString(), StringComparison.Ordinal);
        Assert.Equal(kept, Describe(Entry(Switch(key))));
    }

    [Fact]
    public void RunStoppedHalfWay_WritesTheChecksThatFinished()
    {
        var fast = new[] { new Uri(_site.Http, "/ok?stop=1").AbsoluteUri, new Uri(_site.Http, "/ok?stop=2").AbsoluteUri };
        var hanging = new[] { new Uri(_site.Http, "/hang?stop=3").AbsoluteUri, new Uri(_site.Http, "/hang?stop=4").AbsoluteUri };

        var (output, _) = PowerShellHost.Run(
            "$urls | Test-SiteStatus -StatePath $state -TimeoutSec 600 | Select-Object -First 2", ("urls", fast.Concat(hanging).ToArray()), ("state", StatePath));

        Assert.Equal(2, output.Count);
        Assert.All(fast, url => Assert.NotNull(Entry(url)));
        Assert.All(hanging, url => Assert.Null(Entry(url)));
    }

    [Fact]
    public void RunDeadline_LeavesTheChecksItCutAsTheyWere()
    {
        var hanging = new Uri(_site.Http, "/hang?deadline").AbsoluteUri;

        var (output, _) = PowerShellHost.Run("$urls | Test-SiteStatus -StatePath $state -TotalTimeoutSec 1", ("urls", new[] { hanging }), ("state", StatePath));

        Assert.Equal(FailureKind.Timeout, ((SiteStatusResult)Assert.Single(output).BaseObject).Failure);
        Assert.Null(Entry(hanging));
    }

    [Fact]
    public void Keys_AreMaskedUrls_NoSecretReachesTheFile()
    {
        var url = new UriBuilder(_site.Http) { UserName = "ops", Password = "hunter2", Path = "/ok" }.Uri.AbsoluteUri;

        var (_, errors) = PowerShellHost.Run("Test-SiteStatus $url -AllowCredentialInUri -StatePath $state", ("url", url), ("state", StatePath));

        Assert.Empty(errors);
        Assert.DoesNotContain("hunter2", Encoding.UTF8.GetString(File.ReadAllBytes(StatePath)), StringComparison.Ordinal);
        Assert.NotNull(Entry($"http://***@127.0.0.1:{_site.Http.Port}/ok"));
    }

    [Fact]
    public void EntriesUnseenFor30Days_AreDropped_OthersNotInTheRunAreKeptAsTheyWere()
    {
        var now = DateTimeOffset.Now;
        Seed(
            now.AddDays(-2),
            ("http://old.example/", new StateEntry { Since = now.AddDays(-40), ConsecutiveSuccesses = 9, LastSeen = now.AddDays(-31), History = OutcomeHistory.Parse("9U") }),
            ("http://recent.example/", new StateEntry { Confirmed = SiteState.Down, Since = now.AddDays(-2), ConsecutiveFailures = 4, LastSeen = now.AddDays(-29), History = OutcomeHistory.Parse("5U4D") }));

        Run(Guid.NewGuid().ToString("N"));

        Assert.Null(Entry("http://old.example/"));
        var recent = Entry("http://recent.example/")!;
        Assert.Equal((SiteState.Down, 4, "5U4D"), (recent.Confirmed, recent.ConsecutiveFailures, recent.History.ToString()));
    }

    [Fact]
    public void Summary_ListsTheTransitions_AndEachSitesAvailabilityOverTheKeptRuns()
    {
        var down = Guid.NewGuid().ToString("N");
        var up = Guid.NewGuid().ToString("N");
        var urls = new[] { Switch(down), Switch(up) };
        SiteStatusSummary Summary() =>
            (SiteStatusSummary)PowerShellHost.Run("$urls | Get-SiteStatusReport -Summary -StatePath $state", ("urls", urls), ("state", StatePath)).Output.Single().BaseObject;

        Summary();
        _site.Switch(down, 503);
        var second = Summary();

        Assert.Equal([Switch(down)], second.WentDown.Select(r => PowerShellHost.AsReport(r).Uri));
        Assert.Empty(second.Recovered);
        Assert.Equal(50.0, second.Availability.Single(a => a.Uri == Switch(down)).AvailabilityPercent);
        Assert.Equal((100.0, 2), (second.Availability.Single(a => a.Uri == Switch(up)).AvailabilityPercent, second.Availability.Single(a => a.Uri == Switch(up)).Checks));
    }

    [Fact]
    public void AlertNotDelivered_TheChangeIsReportedAgainByTheNextRun_UntilDelivered()
    {
        var key = Guid.NewGuid().ToString("N");
        var receiver = Guid.NewGuid().ToString("N");
        _site.Switch(key, 503);

        // The receiver refuses the first post (503); no retries within a run, so the first run's alert is not delivered.
        var webhook = new Uri(_site.Http, $"/webhook/{receiver}/s3cr3t?fail=1&code=503").AbsoluteUri;
        (SiteStatusResult Result, string[] Errors) Cycle()
        {
            var (output, errors) = PowerShellHost.Run(
                "$url | Test-SiteStatus -StatePath $state -OutVariable results | Where-Object { $_.Changed -or $_.Reminder } | " +
                "Send-SiteStatusAlert $webhook -StatePath $state -MaximumRetryCount 0; $results",
                ("url", Switch(key)), ("state", StatePath), ("webhook", webhook));
            return ((SiteStatusResult)Assert.Single(output).BaseObject, errors.Select(e => e.FullyQualifiedErrorId).ToArray());
        }

        var first = Cycle();
        var second = Cycle();
        var third = Cycle();

        Assert.True(first.Result.Changed);
        Assert.Equal("AlertNotSent,SiteStatus.Commands.SendSiteStatusAlertCommand", Assert.Single(first.Errors));
        Assert.Equal((true, SiteState.Down, first.Result.Since), (second.Result.Changed, second.Result.ConfirmedStatus, second.Result.Since));
        Assert.Empty(second.Errors);
        Assert.Equal((false, SiteState.Down), (third.Result.Changed, third.Result.ConfirmedStatus));
        Assert.Empty(third.Errors);
        Assert.Equal(2, _site.WebhookBodies(receiver).Count);
        Assert.Null(Entry(Switch(key))!.PendingAlert);
    }

    private protected string Switch(string key) => new Uri(_site.Http, $"/switch/{key}").AbsoluteUri;

    private protected SiteStatusResult Run(string key, Hashtable? parameters = null)
    {
        var all = new Hashtable { ["StatePath"] = StatePath };
        foreach (DictionaryEntry parameter in parameters ?? [])
        {
            all[parameter.Key] = parameter.Value;
        }

        return PowerShellHost.CheckOne(new Uri(Switch(key)), all);
    }

    /// <summary>The entry of <paramref name="url"/> as the file keeps it, read through the store.</summary>
    private protected StateEntry? Entry(string url)
    {
        using var state = StateStore.Open(StatePath, CancellationToken.None);
        return state.Find(url, null);
    }

    /// <summary>Writes entries through the store, as a run at <paramref name="savedAt"/> would.</summary>
    private protected void Seed(DateTimeOffset savedAt, params (string Url, StateEntry Entry)[] entries)
    {
        using var state = StateStore.Open(StatePath, CancellationToken.None);
        foreach (var (url, entry) in entries)
        {
            state.EntriesAt(null).Add(url, entry);
        }

        state.Save(savedAt);
    }

    private static string Describe(StateEntry? entry) => entry is null ? "none" : string.Join(
        " ",
        entry.Confirmed,
        entry.Since.UtcTicks,
        entry.ConsecutiveFailures,
        entry.ConsecutiveSuccesses,
        entry.RunsSinceChange,
        entry.StreakStarted?.UtcTicks,
        entry.LastSeen.UtcTicks,
        entry.LastAlert?.UtcTicks,
        entry.PendingAlert,
        entry.History);
}

/// <summary>The state in JSON (any path but .db, .sqlite and .sqlite3), and what only its format has: its versions and the files it refuses.</summary>
public sealed class JsonStateTests(TestSiteFixture fixture) : StateTests(fixture, "state.json")
{
    // A version 1 file kept no count since the last change: outcomes from before it (the 5 failures that once confirmed
    // Down, before the 2 good runs that confirmed Up) must not count toward the next change in a window.
    [Fact]
    public void AVersion1File_InAWindow_CountsOnlyItsCurrentStreak_SoAnUpgradePagesNoOne()
    {
        var key = Guid.NewGuid().ToString("N");
        File.WriteAllText(StatePath, $$"""
            { "format": "SiteStatus state", "version": 1, "sites": {
              "{{Switch(key)}}": { "confirmed": "Up", "since": "{{DateTimeOffset.Now.AddHours(-1):o}}", "failures": 0, "successes": 2, "lastSeen": "{{DateTimeOffset.Now.AddMinutes(-5):o}}", "lastAlert": null, "history": "5D2U" }
            } }
            """);
        _site.Switch(key, 503);

        var result = Run(key, new Hashtable { ["FailureWindow"] = 5, ["FailureThreshold"] = 3, ["SuccessThreshold"] = 2 });

        Assert.Equal((SiteState.Up, false, 1), (result.ConfirmedStatus!.Value, result.Changed, result.ConsecutiveFailures!.Value));
    }

    [Fact]
    public void AVersion1File_IsRead_AndWrittenBackAsVersion2_KeepingItsEntries()
    {
        var key = Guid.NewGuid().ToString("N");
        WriteState(Switch(key), "Down", DateTimeOffset.Now.AddHours(-1), DateTimeOffset.Now.AddMinutes(-5), DateTimeOffset.Now.AddHours(-1));
        _site.Switch(key, 503);

        var result = Run(key, new Hashtable { ["FailureWindow"] = 5, ["SuccessThreshold"] = 2 });

        Assert.Equal((SiteState.Down, SiteState.Down, false, 4), (result.PreviousStatus!.Value, result.ConfirmedStatus!.Value, result.Changed, result.ConsecutiveFailures!.Value));
        var root = (Dictionary<string, object?>)Json.JsonDocumentReader.Parse(File.ReadAllText(StatePath))!;
        Assert.Equal(2.0, root["version"]);
        Assert.Equal(4.0, ReadSites()[Switch(key)]["runsSinceChange"]);
    }

    [Theory]
    [InlineData("{ \"format\": \"SiteStatus state\", \"version\": 1, \"sites\": { \"http://a/\": { \"confir", "not valid JSON")]
    [InlineData("{ \"format\": \"SiteStatus state\", \"version\": 1, \"sites\": { \"http://a/\": { \"confirmed\": \"Maybe\" } } }", "'http://a/' cannot be read")]
    [InlineData("{ \"name\": \"someone else's file\" }", "not a SiteStatus state file")]
    [InlineData("{ \"format\": \"SiteStatus state\", \"version\": 3, \"sites\": {} }", "version (3) is newer than this module reads (1 to 2)")]
    [InlineData("{ \"format\": \"SiteStatus state\", \"version\": \"2\", \"sites\": {} }", "version ('2') is not a version of the format")]
    [InlineData("url,status\nhttp://a/,Up\n", "not valid JSON")]
    [InlineData(GoodEntryStart + "\"failures\": -5, \"successes\": 0, \"history\": \"1D\" } } }", "failures is -5, not a count of runs")]
    [InlineData(GoodEntryStart + "\"failures\": 1.5, \"successes\": 0, \"history\": \"1D\" } } }", "failures is 1.5, not a count of runs")]
    [InlineData(GoodEntryStart + "\"failures\": 1, \"successes\": \"2\", \"history\": \"1D\" } } }", "successes is '2', not a count of runs")]
    [InlineData(GoodEntryStart + "\"failures\": 1, \"successes\": 0, \"history\": \"xyz\" } } }", "history is 'xyz', not runs")]
    [InlineData(GoodEntryStart + "\"failures\": 1, \"successes\": 0, \"history\": 7 } } }", "history is 7, not a text")]
    [InlineData(GoodEntryStart + "\"failures\": 1, \"successes\": 0, \"history\": \"1D\", \"pendingAlert\": \"Maybe\" } } }", "pendingAlert is 'Maybe'")]
    public void CorruptTruncatedOrForeignFile_IsStateUnreadable_AndLeftUntouched(string content, string says)
    {
        File.WriteAllText(StatePath, content);

        var (output, errors) = PowerShellHost.Run("Test-SiteStatus $url -StatePath $state", ("url", new Uri(_site.Http, "/ok").AbsoluteUri), ("state", StatePath));

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("StateUnreadable,SiteStatus.Commands.TestSiteStatusCommand", error.FullyQualifiedErrorId);
        Assert.Contains(StatePath, error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(says, error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("..", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(StatePath));
    }

    [Fact]
    public void ThresholdsWithoutAStateFile_AreAParameterError()
    {
        var (_, errors) = PowerShellHost.Run("Test-SiteStatus $url -FailureThreshold 3", ("url", new Uri(_site.Http, "/ok").AbsoluteUri));

        Assert.Equal("StatePathRequired,SiteStatus.Commands.TestSiteStatusCommand", Assert.Single(errors).FullyQualifiedErrorId);
    }

    private const string GoodEntryStart = "{ \"format\": \"SiteStatus state\", \"version\": 1, \"sites\": { \"http://a/\": { \"confirmed\": \"Down\", \"since\": \"2026-11-26T14:20:01+00:00\", \"lastSeen\": \"2026-11-26T14:20:01+00:00\", ";

    private void WriteState(string url, string confirmed, DateTimeOffset since, DateTimeOffset lastSeen, DateTimeOffset? lastAlert) =>
        File.WriteAllText(StatePath, $$"""
            { "format": "SiteStatus state", "version": 1, "sites": {
              "{{url}}": { "confirmed": "{{confirmed}}", "since": "{{since:o}}", "failures": 3, "successes": 0, "lastSeen": "{{lastSeen:o}}", "lastAlert": {{(lastAlert is { } a ? $"\"{a:o}\"" : "null")}}, "history": "3D" }
            } }
            """);

    private Dictionary<string, Dictionary<string, object?>> ReadSites()
    {
        var root = (Dictionary<string, object?>)Json.JsonDocumentReader.Parse(File.ReadAllText(StatePath))!;
        return ((Dictionary<string, object?>)root["sites"]!).ToDictionary(s => s.Key, s => (Dictionary<string, object?>)s.Value!);
    }
}
