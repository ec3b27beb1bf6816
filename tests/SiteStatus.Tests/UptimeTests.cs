using System;
using System.Collections.Generic;
using System.Linq;
using SiteStatus.Checking;
using SiteStatus.History;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>
/// The uptime core with a fixed clock and hand-made histories; each test writes its arithmetic out. T0 is
/// 2026-11-02 00:00 UTC, a Monday; "m10" is T0 + 10 minutes.
/// </summary>
public sealed class UptimeTests
{
    private const string Site = "https://shop.example/";

    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeZoneInfo Berlin = TimeZoneId.Find("Europe/Berlin")!;

    [Fact]
    public void EachOutcome_StandsUntilTheNextCheck()
    {
        // Checks every 5 min from m0 to m60; m20 and m25 down. Window m0-m60.
        // Up m0-m20 (20) + m30-m60 (30) = 50 min; down m20-m30 = 10 min. 50 / 60 = 83.333%; all 60 min known.
        var outcomes = Every(5, 0, 60, m => m is 20 or 25 ? SiteState.Down : SiteState.Up);

        var uptime = Single(outcomes, Window(0, 60));

        Assert.Equal(100.0 * 50 / 60, uptime.UptimePercent!.Value, 9);
        Assert.Equal(TimeSpan.FromMinutes(10), uptime.Downtime);
        Assert.Equal(100, uptime.CoveragePercent, 9);
        Assert.Equal(TimeSpan.FromMinutes(5), uptime.RunInterval);
        Assert.Equal(12, uptime.Checks);
        Assert.Null(uptime.Note);
        var incident = Assert.Single(uptime.Incidents);
        Assert.Equal(T0.AddMinutes(20), incident.Start);
        Assert.Equal(T0.AddMinutes(30), incident.End);
        Assert.Equal(TimeSpan.FromMinutes(10), incident.Duration);
        Assert.Equal(TimeSpan.FromMinutes(10), uptime.LongestIncident);
        Assert.Equal("HttpStatus", incident.Failure);
        Assert.Equal("Service Unavailable", incident.Reason);
    }

    [Theory]
    // Every 5 min, m0-m60, one check at m20 of the kind given: down (Down, Partial) for 5 of 60 min is 91.667%.
    [InlineData(SiteState.Down, 100.0 * 55 / 60)]
    [InlineData(SiteState.Partial, 100.0 * 55 / 60)]
    [InlineData(SiteState.Flaky, 100.0)]
    [InlineData(SiteState.Degraded, 100.0)]
    public void DownAndPartial_CountAsDown_FlakyAndDegradedAsUp(SiteState status, double percent)
    {
        var outcomes = Every(5, 0, 60, m => m == 20 ? status : SiteState.Up);

        Assert.Equal(percent, Single(outcomes, Window(0, 60)).UptimePercent!.Value, 9);
    }

    [Fact]
    public void NotRun_IsNeitherUpNorDown_AndDoesNotEndAnIncident()
    {
        // Every 5 min, m0-m60: m10 down, m15 and m20 NotRun (the canary was down), m25 down, the rest up.
        // Up m0-m10 (10) + m30-m60 (30) = 40; down m10-m15 + m25-m30 = 10; unknown m15-m25 = 10.
        // Uptime 40 / (40 + 10) = 80%; known 50 of 60 min = 83.333%. One incident m10-m30: 20 min long, 10 down.
        var outcomes = Every(5, 0, 60, m => m switch { 10 or 25 => SiteState.Down, 15 or 20 => SiteState.NotRun, _ => SiteState.Up });

        var uptime = Single(outcomes, Window(0, 60));

        Assert.Equal(80, uptime.UptimePercent!.Value, 9);
        Assert.Equal(TimeSpan.FromMinutes(10), uptime.Downtime);
        Assert.Equal(100.0 * 50 / 60, uptime.CoveragePercent, 9);
        var incident = Assert.Single(uptime.Incidents);
        Assert.Equal((T0.AddMinutes(10), T0.AddMinutes(30)), (incident.Start, incident.End!.Value));
        Assert.Equal(TimeSpan.FromMinutes(20), incident.Duration);
        Assert.Equal(TimeSpan.FromMinutes(10), incident.Downtime);
    }

    [Fact]
    public void ASilence_LongerThanTwoRunIntervals_IsNoData()
    {
        // Up every 5 min m0-m30, nothing until m50, up at m50, m55, m60. Gaps: six of 5, one of 20, two of 5: the median
        // is 5 min, so an outcome stands at most 10 min. m30's stands m30-m40; m40-m50 is no data.
        // Up 40 + 10 = 50 of 60 min: 83.333% known, 100% up.
        var outcomes = Every(5, 0, 30, _ => SiteState.Up).Concat(Every(5, 50, 60, _ => SiteState.Up)).ToList();

        var uptime = Single(outcomes, Window(0, 60));

        Assert.Equal(100, uptime.UptimePercent);
        Assert.Equal(100.0 * 50 / 60, uptime.CoveragePercent, 9);
        Assert.Equal(TimeSpan.FromMinutes(5), uptime.RunInterval);
    }

    [Fact]
    public void OneMissedRun_IsBridged()
    {
        // Every 5 min, but m25 missing: m20's outcome (down) stands m20-m30, two intervals, the cap exactly.
        // Down 10 of 60 min: 83.333%; all known.
        var outcomes = Every(5, 0, 60, m => m == 20 ? SiteState.Down : SiteState.Up).Where(o => o.CheckedAt != T0.AddMinutes(25)).ToList();

        var uptime = Single(outcomes, Window(0, 60));

        Assert.Equal(100.0 * 50 / 60, uptime.UptimePercent!.Value, 9);
        Assert.Equal(100, uptime.CoveragePercent, 9);
    }

    [Fact]
    public void Maintenance_IsExcluded_FromUpDownAndTheIncidents()
    {
        // Every 5 min, m0-m60: m20 and m25 down in maintenance, m30 down outside it, the rest up.
        // Up m0-m20 (20) + m35-m60 (25) = 45; maintenance m20-m30 = 10; down m30-m35 = 5.
        // Counted: 60 - 10 = 50 min, all known: coverage 100%. Uptime 45 / 50 = 90%. One incident, m30-m35.
        var outcomes = Every(5, 0, 60, m => m is 20 or 25 or 30 ? SiteState.Down : SiteState.Up, maintenance: m => m is 20 or 25);

        var uptime = Single(outcomes, Window(0, 60));

        Assert.Equal(90, uptime.UptimePercent!.Value, 9);
        Assert.Equal(TimeSpan.FromMinutes(5), uptime.Downtime);
        Assert.Equal(TimeSpan.FromMinutes(10), uptime.Maintenance);
        Assert.Equal(100, uptime.CoveragePercent, 9);
        var incident = Assert.Single(uptime.Incidents);
        Assert.Equal(T0.AddMinutes(30), incident.Start);
    }

    [Fact]
    public void AWindowInMaintenanceThroughout_HasNoPercent_AndSaysWhy()
    {
        var outcomes = Every(5, 0, 60, _ => SiteState.Down, maintenance: _ => true);

        var uptime = Single(outcomes, Window(0, 60));

        Assert.Null(uptime.UptimePercent);
        Assert.Equal("In maintenance throughout the window.", uptime.Note);
        Assert.Empty(uptime.Incidents);
    }

    [Theory]
    // 24 h window, up every 5 min from m0. Until m600 (10 h): the last outcome stands m600-m610, so 610 of 1,440 min
    // are known: 42.4%, under half: no percent. Until m720 (12 h): 730 of 1,440 = 50.7%: 100%.
    [InlineData(600, null, "Too little data: 42.4% of the window (less maintenance) is known up or down; at least 50% is needed.")]
    [InlineData(720, 100.0, null)]
    public void TooLittleData_GivesNoPercent_ButANote(int lastMinute, double? percent, string? note)
    {
        var outcomes = Every(5, 0, lastMinute, _ => SiteState.Up);

        var uptime = Single(outcomes, Window(0, 24 * 60));

        Assert.Equal(percent, uptime.UptimePercent);
        Assert.Equal(note, uptime.Note);
        Assert.Equal(TimeSpan.Zero, uptime.Downtime);
    }

    [Fact]
    public void NoChecks_OrALoneCheck_GiveNoPercent()
    {
        // A lone check shows no run interval, so it stands for no time: nothing is known.
        var none = Single([], Window(0, 60));
        var lone = Single([Outcome(10, SiteState.Up)], Window(0, 60));

        Assert.Equal((null, "No checks in the window."), (none.UptimePercent, none.Note));
        Assert.Null(lone.UptimePercent);
        Assert.Null(lone.RunInterval);
        Assert.Equal(1, lone.Checks);
        Assert.Equal("Too little data: 0% of the window (less maintenance) is known up or down; at least 50% is needed.", lone.Note);
    }

    [Fact]
    public void OverlappingIncidents_FromTwoLocations_CountOnce()
    {
        // eu checks every 5 min at m0..m60, down at m10, m15, m20: down m10-m25.
        // us checks every 5 min at m2..m57, down at m17, m22, m27, m32: down m17-m37 (and knows nothing before m2).
        // Any location down (quorum 1): m10-m37 = 27 min down, 33 up: 55%, one incident m10-m37, seen by eu then us.
        var outcomes = Every(5, 0, 60, m => m is 10 or 15 or 20 ? SiteState.Down : SiteState.Up, location: "eu")
            .Concat(Every(5, 2, 57, m => m is 17 or 22 or 27 or 32 ? SiteState.Down : SiteState.Up, location: "us")).ToList();

        var uptime = Single(outcomes, Window(0, 60));

        Assert.Null(uptime.Location);
        Assert.Equal(55, uptime.UptimePercent!.Value, 9);
        Assert.Equal(TimeSpan.FromMinutes(27), uptime.Downtime);
        var incident = Assert.Single(uptime.Incidents);
        Assert.Equal((T0.AddMinutes(10), T0.AddMinutes(37)), (incident.Start, incident.End!.Value));
        Assert.Equal(["eu", "us"], incident.Locations);
        Assert.Equal(24, uptime.Checks);
    }

    [Fact]
    public void ByLocation_EachLocationCountsAlone_AndAQuorumNeedsThatManyDown()
    {
        // The histories of the test above. eu alone: down 15 of 60 min = 75%. us alone: down 20 min of the 58 it knows
        // (m2-m60; its last outcome, m57, stands to the window's end): 38 / 58 = 65.517%.
        // Quorum 2: down only where both are, m17-m25 = 8 min: 52 / 60 = 86.667%, one incident m17-m25.
        var outcomes = Every(5, 0, 60, m => m is 10 or 15 or 20 ? SiteState.Down : SiteState.Up, location: "eu")
            .Concat(Every(5, 2, 57, m => m is 17 or 22 or 27 or 32 ? SiteState.Down : SiteState.Up, location: "us")).ToList();

        var rows = UptimeCalculator.ForUrl(Site, outcomes, Window(0, 60), T0.AddHours(2), quorum: 1, byLocation: true).ToList();
        var both = UptimeCalculator.ForUrl(Site, outcomes, Window(0, 60), T0.AddHours(2), quorum: 2, byLocation: false).Single();

        Assert.Equal(["eu", "us"], rows.Select(r => r.Location));
        Assert.Equal(75, rows[0].UptimePercent!.Value, 9);
        Assert.Equal(100.0 * 38 / 58, rows[1].UptimePercent!.Value, 9);
        Assert.Equal(86.0 + (2.0 / 3), both.UptimePercent!.Value, 9);
        var incident = Assert.Single(both.Incidents);
        Assert.Equal((T0.AddMinutes(17), T0.AddMinutes(25)), (incident.Start, incident.End!.Value));
    }

    [Fact]
    public void AMonth_InATimeZone_RunsFromItsFirstMidnightThere_ToTheNextMonths()
    {
        // Berlin is UTC+1 in November: the month runs 2026-10-31 23:00Z to 2026-11-30 23:00Z. October began under
        // summer time (UTC+2) and the clocks went back on the 25th: 2026-09-30 22:00Z to 2026-10-31 23:00Z, 745 h,
        // and its 25th lasted 25 h.
        var november = UptimeWindow.Month("2026-11", Berlin);
        var october = UptimeWindow.Month("2026-10", Berlin);

        Assert.Equal((new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero)), (november.From, november.To));
        Assert.Equal(TimeSpan.FromHours(745), october.To - october.From);
        var days = october.Days(october.To).ToList();
        Assert.Equal(31, days.Count);
        Assert.Equal(new DateTime(2026, 10, 25), days[24].Date);
        Assert.Equal(TimeSpan.FromHours(25), days[24].To - days[24].From);
        Assert.Throws<FormatException>(() => UptimeWindow.Month("2026-13", Berlin));
    }

    [Fact]
    public void AnOutcomeAtTheMonthsEdge_CountsInTheMonthOfItsTimeZone()
    {
        // Hourly checks from 2026-10-31 20:00Z to 2026-11-01 02:00Z; the one at 22:00Z (23:00 in Berlin, still October) is
        // down, and stands until 23:00Z, Berlin's midnight. So October's last day is partly down (20:00Z-22:00Z up, one
        // hour down) and November has no downtime: it begins up (23:00Z on; the last outcome stands 02:00Z-04:00Z).
        var start = new DateTimeOffset(2026, 10, 31, 20, 0, 0, TimeSpan.Zero);
        var outcomes = Enumerable.Range(0, 7).Select(h => new HistoryOutcome(Site, null, start.AddHours(h), h == 2 ? SiteState.Down : SiteState.Up, h == 2 ? "Timeout" : "None", null, 100, null, false)).ToList();
        var now = new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero);

        var october = UptimeCalculator.ForUrl(Site, outcomes, UptimeWindow.Month("2026-10", Berlin), now, 1, false).Single();
        var november = UptimeCalculator.ForUrl(Site, outcomes, UptimeWindow.Month("2026-11", Berlin), now, 1, false).Single();

        Assert.Equal(TimeSpan.FromHours(1), october.Downtime);
        Assert.Equal(UptimeDayStatus.PartlyDown, october.Days[^1].Status);
        Assert.Equal(new DateTime(2026, 10, 31), october.Days[^1].Date);
        Assert.Equal(TimeSpan.Zero, november.Downtime);
        Assert.Equal(new DateTime(2026, 11, 1), november.Days[0].Date);
        Assert.Equal(UptimeDayStatus.Up, november.Days[0].Status);
        Assert.Equal(30, november.Days.Count);
        Assert.Empty(november.Incidents);
        // The check that saw it up again, at 23:00Z, is November's: in October the incident is not over.
        Assert.True(october.Incidents.Single().Ongoing);
    }

    [Fact]
    public void P95_AndTheMean_AreOfTheUpChecks_OutsideMaintenance()
    {
        // 20 up checks of 10, 20, ..., 200 ms, and a down one (5,000 ms), a NotRun (0 ms) and an up one in maintenance
        // (9,999 ms) that do not count. Mean (10 + 200) / 2 = 105. p95: rank 0.95 x 19 = 18.05, between the 19th (190) and
        // the 20th (200): 190 + 0.05 x 10 = 190.5.
        var outcomes = Enumerable.Range(1, 20).Select(i => Outcome(i, SiteState.Up, responseMs: i * 10)).ToList();
        outcomes.Add(Outcome(21, SiteState.Down, responseMs: 5000));
        outcomes.Add(Outcome(22, SiteState.NotRun, responseMs: 0));
        outcomes.Add(Outcome(23, SiteState.Up, responseMs: 9999, maintenance: true));

        var uptime = Single(outcomes, Window(0, 30));

        Assert.Equal(105, uptime.MeanResponseTimeMs!.Value, 9);
        Assert.Equal(190.5, uptime.P95ResponseTimeMs!.Value, 9);
        Assert.Equal(23, uptime.Checks);
    }

    [Fact]
    public void EachDay_IsUp_PartlyDown_Down_OrNoData()
    {
        // Hourly checks over four days: the 2nd up, the 3rd down at 10:00 only, the 4th NotRun throughout, the 5th down.
        var day = TimeSpan.FromDays(1);
        var outcomes = Enumerable.Range(0, 96).Select(h => Outcome(h * 60, (h / 24, h % 24) switch
        {
            (1, 10) or (3, _) => SiteState.Down,
            (2, _) => SiteState.NotRun,
            _ => SiteState.Up,
        })).ToList();
        var window = new UptimeWindow("4d", T0, T0 + (4 * day), TimeZoneInfo.Utc);

        var uptime = UptimeCalculator.ForUrl(Site, outcomes, window, T0.AddDays(10), 1, false).Single();

        Assert.Equal([UptimeDayStatus.Up, UptimeDayStatus.PartlyDown, UptimeDayStatus.NoData, UptimeDayStatus.Down], uptime.Days.Select(d => d.Status));
        Assert.Equal([100, 100.0 * 23 / 24, null, 0], uptime.Days.Select(d => d.UptimePercent));
        Assert.Equal(TimeSpan.FromHours(1), uptime.Days[1].Downtime);
        // Two incidents; the second runs to the window's end, where it is not over.
        Assert.Equal(2, uptime.IncidentCount);
        Assert.Null(uptime.Incidents[1].End);
        Assert.True(uptime.Incidents[1].Ongoing);
        Assert.Equal(day, uptime.Incidents[1].Duration);
        Assert.Equal(day, uptime.LongestIncident);
    }

    [Fact]
    public void AnIncidentStillOpenNow_IsOngoing_AndLastsUntilNow()
    {
        // Every 5 min from m0 to m55, down from m40; now is m60. The last outcome would stand m55-m65; the clock cuts it.
        var outcomes = Every(5, 0, 55, m => m >= 40 ? SiteState.Down : SiteState.Up);

        var uptime = UptimeCalculator.ForUrl(Site, outcomes, UptimeWindow.Last("24h", T0.AddMinutes(60), TimeZoneInfo.Utc), T0.AddMinutes(60), 1, false).Single();

        var incident = Assert.Single(uptime.Incidents);
        Assert.True(incident.Ongoing);
        Assert.Equal(TimeSpan.FromMinutes(20), incident.Duration);
        Assert.Equal(TimeSpan.FromMinutes(20), uptime.Downtime);
        Assert.Equal("24h", uptime.Window);
    }

    private static SiteUptime Single(IReadOnlyList<HistoryOutcome> outcomes, UptimeWindow window) =>
        UptimeCalculator.ForUrl(Site, outcomes, window, T0.AddDays(1), 1, false).Single();

    private static UptimeWindow Window(int fromMinute, int toMinute) => new("test", T0.AddMinutes(fromMinute), T0.AddMinutes(toMinute), TimeZoneInfo.Utc);

    private static List<HistoryOutcome> Every(int minutes, int first, int last, Func<int, SiteState> status, string? location = null, Func<int, bool>? maintenance = null)
    {
        var outcomes = new List<HistoryOutcome>();
        for (var m = first; m <= last; m += minutes)
        {
            outcomes.Add(Outcome(m, status(m), location: location, maintenance: maintenance?.Invoke(m) ?? false));
        }

        return outcomes;
    }

    private static HistoryOutcome Outcome(int minute, SiteState status, string? location = null, double responseMs = 100, bool maintenance = false) => new(
        Site,
        location,
        T0.AddMinutes(minute),
        status,
        status switch { SiteState.Down => "HttpStatus", SiteState.NotRun => "NotRun", _ => "None" },
        status == SiteState.Down ? 503 : 200,
        responseMs,
        status == SiteState.Down ? "Service Unavailable" : "OK",
        maintenance);
}
