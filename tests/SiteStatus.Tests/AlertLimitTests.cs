using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using SiteStatus.Json;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>Messages within what Slack and Teams take, however long the URLs and reasons, however many sites.</summary>
public sealed class AlertLimitTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>
{
    private readonly TestSite _site = fixture.Site;

    /// <summary>Deserialized-like results: each with a 3,500-character URL (its query full of characters Slack escapes) and a 10,000-character reason.</summary>
    private static PSObject[] LongResults(int count) => Enumerable.Range(0, count).Select(i =>
    {
        var result = new PSObject();
        result.Properties.Add(new PSNoteProperty("Uri", LongUri(i)));
        result.Properties.Add(new PSNoteProperty("Status", "Down"));
        result.Properties.Add(new PSNoteProperty("Failure", "HttpStatus"));
        result.Properties.Add(new PSNoteProperty("StatusCode", 503));
        result.Properties.Add(new PSNoteProperty("Reason", $"reason {i} " + new string('r', 10_000)));
        result.Properties.Add(new PSNoteProperty("Since", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        result.Properties.Add(new PSNoteProperty("Location", "eu-west"));
        return result;
    }).ToArray();

    private static string LongUri(int site) => ($"https://site{site}.example/path?" + string.Concat(Enumerable.Repeat("a<b&c>d=1&", 350))).Remove(3500);

    private string Post(PSObject[] results, string format)
    {
        var key = Guid.NewGuid().ToString("N");
        var (_, errors) = PowerShellHost.Run(
            "$results | Send-SiteStatusAlert $webhook -Format $format", ("results", results), ("webhook", new Uri(_site.Http, $"/webhook/{key}/secret").AbsoluteUri), ("format", format));
        Assert.Empty(errors);
        return Assert.Single(_site.WebhookBodies(key));
    }

    private static IEnumerable<Dictionary<string, object?>> Objects(object? node) => node switch
    {
        Dictionary<string, object?> o => new[] { o }.Concat(o.Values.SelectMany(Objects)),
        List<object?> items => items.SelectMany(Objects),
        _ => [],
    };

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    public void Slack_EveryBlockAndTheMessage_StayWithinSlacksLimits(int sites)
    {
        var body = (Dictionary<string, object?>)JsonDocumentReader.Parse(Post(LongResults(sites), "Slack"))!;

        var blocks = ((List<object?>)body["blocks"]!).Cast<Dictionary<string, object?>>().ToList();
        Assert.InRange(blocks.Count, 2, 50);
        var header = (string)((Dictionary<string, object?>)blocks[0]["text"]!)["text"]!;
        Assert.InRange(header.Length, 1, 150);
        var sections = blocks.Where(b => (string)b["type"]! == "section").Select(b => (string)((Dictionary<string, object?>)b["text"]!)["text"]!).ToList();
        Assert.All(sections, s => Assert.InRange(s.Length, 1, 3000));
        Assert.All(Objects(body).Where(o => o.ContainsKey("text") && o["text"] is string).Select(o => (string)o["text"]!), t => Assert.InRange(t.Length, 1, 3000));
        Assert.InRange(sections.Sum(s => s.Length), 1, 12_000);

        var first = sections[0];
        Assert.StartsWith(sites == 1 ? ":red_circle: *DOWN* https://site0.example/path?a&lt;b&amp;c&gt;d=1&amp;" : ":red_circle: *DOWN* https://site0.", first, StringComparison.Ordinal);
        Assert.Contains("…", first.Split('\n')[0], StringComparison.Ordinal);
        Assert.EndsWith("…", first.Split('\n').Single(l => l.StartsWith("*Reason:*", StringComparison.Ordinal)), StringComparison.Ordinal);
        if (sites == 1)
        {
            Assert.InRange(first.Length, 2500, 3000);
        }
        else
        {
            var more = (string)((Dictionary<string, object?>)((List<object?>)blocks[^1]["elements"]!)[0]!)["text"]!;
            Assert.Equal(sites, sections.Count + int.Parse(more.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    public void Teams_TheCard_StaysWithinTeamsMessageSize(int sites)
    {
        var json = Post(LongResults(sites), "TeamsWorkflow");

        Assert.InRange(Encoding.UTF8.GetByteCount(json), 1, 28_000);
        var card = (Dictionary<string, object?>)((Dictionary<string, object?>)((List<object?>)((Dictionary<string, object?>)JsonDocumentReader.Parse(json)!)["attachments"]!)[0]!)["content"]!;
        var texts = Objects(card).Where(o => (string?)o.GetValueOrDefault("type") == "TextBlock").Select(o => (string)o["text"]!).ToList();
        var site = texts[1];
        Assert.StartsWith("DOWN https://site0.example/path?a<b&c>d=1&", site, StringComparison.Ordinal);
        Assert.Contains("…", site, StringComparison.Ordinal);
        Assert.EndsWith(LongUri(0)[^20..], site, StringComparison.Ordinal);
        var reasons = Objects(card).Where(o => (string?)o.GetValueOrDefault("title") == "Reason").Select(o => (string)o["value"]!).ToList();
        Assert.All(reasons, r => Assert.EndsWith("…", r, StringComparison.Ordinal));
        if (sites == 1)
        {
            Assert.InRange(reasons[0].Length, 1000, 10_000);
        }
        else
        {
            Assert.Equal($"and {sites - reasons.Count} more", texts[^1]);
        }
    }

    [Fact]
    public void Json_EachAlertHasAnId_TheSameAcrossRuns_DifferentPerSiteAndPlace()
    {
        PSObject Result(string uri, string location, DateTimeOffset checkedAt)
        {
            var result = new PSObject();
            result.Properties.Add(new PSNoteProperty("Uri", uri));
            result.Properties.Add(new PSNoteProperty("Location", location));
            result.Properties.Add(new PSNoteProperty("Status", "Down"));
            result.Properties.Add(new PSNoteProperty("Failure", "HttpStatus"));
            result.Properties.Add(new PSNoteProperty("ConfirmedStatus", "Down"));
            result.Properties.Add(new PSNoteProperty("Changed", true));
            result.Properties.Add(new PSNoteProperty("Since", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
            result.Properties.Add(new PSNoteProperty("Timestamp", checkedAt));
            return result;
        }

        List<string> Ids(string json) =>
            ((List<object?>)((Dictionary<string, object?>)JsonDocumentReader.Parse(json)!)["alerts"]!).Select(a => (string)((Dictionary<string, object?>)a!)["id"]!).ToList();

        PSObject[] Run(DateTimeOffset at) => [Result("https://a.example/", "east", at), Result("https://a.example/", "west", at), Result("https://b.example/", "east", at)];
        var first = Ids(Post(Run(DateTimeOffset.Now), "Json"));
        var again = Ids(Post(Run(DateTimeOffset.Now.AddMinutes(5)), "Json"));

        Assert.All(first, id => Assert.Matches("^[0-9a-f]{16}$", id));
        Assert.Equal(first, again);
        Assert.Equal(3, first.Distinct().Count());
    }
}
