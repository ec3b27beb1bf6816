using System;
using System.Collections.Generic;
using System.Linq;
using SiteStatus.History;
using SiteStatus.Pages;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>The page's model from outcomes: the uptime core's figures in their places, and the status now.</summary>
public sealed class StatusPageBuilderTests
{
    private const string Site = "https://shop.example/";
    private static readonly DateTimeOffset Now = StatusPageSamples.Now;
    private static readonly PageSiteEntry Entry = new(Site, "Shop", "Shops");

    // A check every 5 minutes over the last two days, the newest a minute ago; each may be changed by its index back from now.
    private static List<HistoryOutcome> Checks(Func<int, HistoryOutcome, HistoryOutcome>? change = null, string? location = null)
    {
        var count = 2 * 24 * 12;
        return Enumerable.Range(0, count).Select(i =>
        {
            var back = count - 1 - i;
            var outcome = new HistoryOutcome(Site, location, Now.AddMinutes(-1 - (5 * back)), SiteState.Up, "None", 200, 100 + (back % 7), "OK", false);
            return change is null ? outcome : change(back, outcome);
        }).ToList();
    }

    private static HistoryOutcome Down(HistoryOutcome outcome, string reason = "Service Unavailable") => outcome with { Status = SiteState.Down, Failure = "HttpStatus", StatusCode = 503, Reason = reason };

    [Fact]
    public void Figures_AreTheUptimeCores_ForEachWindow()
    {
        // One check of the last day down: 24 hours and 7 days have their figure, 30 days too little data.
        var outcomes = Checks((back, o) => back == 100 ? Down(o) : o);
        var site = StatusPageBuilder.Site(Entry, outcomes, Now, quorum: 1);

        var series = new[] { SeriesTimeline.Of(outcomes) };
        foreach (var (window, figure) in new[] { ("24h", site.Uptime24Hours), ("7d", site.Uptime7Days), ("30d", site.Uptime30Days) })
        {
            var core = UptimeCalculator.Compute(Site, null, series, UptimeWindow.Last(window, Now, TimeZoneInfo.Utc), Now, 1);
            Assert.Equal(window, figure.Window);
            Assert.Equal(core.UptimePercent, figure.UptimePercent);
            Assert.Equal(core.Note, figure.Note);
        }

        Assert.Equal(100.0 * 287 / 288, site.Uptime24Hours.UptimePercent!.Value, 6);
        Assert.Null(site.Uptime30Days.UptimePercent);
        Assert.StartsWith("Too little data", site.Uptime30Days.Note, StringComparison.Ordinal);
        Assert.Equal(outcomes.Where(o => o.Status == SiteState.Up).Average(o => o.ResponseTimeMs), site.Uptime30Days.MeanResponseTimeMs!.Value, 6);
    }

    [Fact]
    public void Days_AreTheLastNinety_EndingToday_InUtc()
    {
        var site = StatusPageBuilder.Site(Entry, Checks((back, o) => back == 100 ? Down(o) : o), Now, quorum: 1);

        Assert.Equal(90, site.Days.Count);
        Assert.Equal(new DateTime(2026, 9, 8), site.Days[0].Date);
        Assert.Equal(new DateTime(2026, 12, 6), site.Days[^1].Date);
        Assert.Equal(UptimeDayStatus.PartlyDown, site.Days[^1].Status); // 100 checks back, five minutes apart, is today 05:44
        Assert.Equal(UptimeDayStatus.Up, site.Days[^2].Status);
        Assert.Equal(UptimeDayStatus.NoData, site.Days[^4].Status);
    }

    [Fact]
    public void Incidents_AreTheNewestFive_NewestFirst()
    {
        // Seven outages of one check each, 40 checks apart.
        var site = StatusPageBuilder.Site(Entry, Checks((back, o) => back % 40 == 5 && back < 280 ? Down(o, $"outage {back}") : o), Now, quorum: 1);

        Assert.Equal(["outage 5", "outage 45", "outage 85", "outage 125", "outage 165"], site.Incidents.Select(i => i.Reason));
        Assert.All(site.Incidents, i => Assert.Equal(TimeSpan.FromMinutes(5), i.Duration));
    }

    [Fact]
    public void ResponseTimes_AreTheUpChecks_AsSixtySlices()
    {
        var outcomes = Checks((back, o) => back % 3 == 0 ? o with { ResponseTimeMs = double.NaN } : back % 3 == 1 ? Down(o) with { ResponseTimeMs = 99_999 } : o);
        var site = StatusPageBuilder.Site(Entry, outcomes, Now, quorum: 1);

        Assert.Equal(Sparkline.MaximumPoints, site.ResponseTimes.Count);
        Assert.All(site.ResponseTimes, p => Assert.InRange(p.Milliseconds, 100, 106)); // down checks' times and NaN left out
        Assert.Equal(site.ResponseTimes.OrderBy(p => p.At), site.ResponseTimes);
    }

    [Theory]
    [InlineData("up")]
    [InlineData("flaky counts as up")]
    [InlineData("down")]
    [InlineData("down, no reason: the failure")]
    [InlineData("partial counts as down")]
    [InlineData("degraded")]
    [InlineData("maintenance")]
    [InlineData("not run")]
    [InlineData("silent for an hour")]
    public void Current_IsWhatTheTimelineSaysNow(string name)
    {
        var (change, status, reason) = Nows[name];
        var site = StatusPageBuilder.Site(Entry, Checks(change), Now, quorum: 1);

        Assert.Equal((status, reason), (site.Current, site.CurrentReason));
    }

    // Each case: how the checks differ from all up, and the status and reason now.
    private static readonly Dictionary<string, (Func<int, HistoryOutcome, HistoryOutcome> Change, PageStatus Status, string? Reason)> Nows = new()
    {
        ["up"] = ((_, o) => o, PageStatus.Up, null),
        ["flaky counts as up"] = ((back, o) => back == 0 ? o with { Status = SiteState.Flaky } : o, PageStatus.Up, null),
        ["down"] = ((back, o) => back < 2 ? Down(o, back == 0 ? "newest" : "older") : o, PageStatus.Down, "newest"),
        ["down, no reason: the failure"] = ((back, o) => back == 0 ? Down(o) with { Reason = null } : o, PageStatus.Down, "HttpStatus"),
        ["partial counts as down"] = ((back, o) => back == 0 ? o with { Status = SiteState.Partial, Reason = "Down at 1 of 2 addresses" } : o, PageStatus.Down, "Down at 1 of 2 addresses"),
        ["degraded"] = ((back, o) => back == 0 ? o with { Status = SiteState.Degraded, Reason = "Answered in 2400 ms" } : o, PageStatus.Degraded, "Answered in 2400 ms"),
        ["maintenance"] = ((back, o) => back == 0 ? Down(o) with { Maintenance = true } : o, PageStatus.Maintenance, null),
        ["not run"] = ((back, o) => back == 0 ? o with { Status = SiteState.NotRun, Reason = "Not checked: no canary was up" } : o, PageStatus.NoData, "Not checked: no canary was up"),
        ["silent for an hour"] = ((_, o) => o with { CheckedAt = o.CheckedAt.AddHours(-1) }, PageStatus.NoData, "No check stands for now: the last was at 2026-12-06 13:04 UTC."),
    };

    [Fact]
    public void Current_NeverChecked_IsNoData()
    {
        var site = StatusPageBuilder.Site(Entry, [], Now, quorum: 1);

        Assert.Equal((PageStatus.NoData, "Never checked."), (site.Current, site.CurrentReason));
        Assert.Equal(90, site.Days.Count);
        Assert.All(site.Days, d => Assert.Equal(UptimeDayStatus.NoData, d.Status));
        Assert.Empty(site.ResponseTimes);
        Assert.Empty(site.Incidents);
        Assert.Equal("Shop", site.Name);
    }

    [Theory]
    [InlineData(1, "Down")]
    [InlineData(2, "Up")]
    public void Current_CombinesLocations_ByTheQuorum(int quorum, string status)
    {
        var outcomes = Checks(location: "fra").Concat(Checks((back, o) => back == 0 ? Down(o) : o, location: "iad")).ToList();

        Assert.Equal(status, StatusPageBuilder.Site(Entry, outcomes, Now, quorum).Current.ToString());
    }

    [Fact]
    public void Model_GroupsInTheOrderTheirFirstSiteComes_AndNoGroupLast()
    {
        var entries = new[] { ("a", "API"), ("b", null), ("c", "Shop"), ("d", "API"), ("e", null) }
            .Select(e => new PageSiteEntry($"https://{e.Item1}.example/", e.Item1, e.Item2)).ToList();

        var model = StatusPageBuilder.Model("t", Now, entries.Select(e => (e, StatusPageBuilder.Site(e, [], Now, 1))));

        Assert.Equal(["API", "Shop", null], model.Groups.Select(g => g.Name));
        Assert.Equal(["a d", "c", "b e"], model.Groups.Select(g => string.Join(' ', g.Sites.Select(s => s.Name))));
    }
}
