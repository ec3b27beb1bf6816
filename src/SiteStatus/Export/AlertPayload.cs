using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using SiteStatus.Json;

namespace SiteStatus.Export;

/// <summary>
/// One message for a run's alerts, not one per site: a pure function from results to the JSON a webhook takes.
/// Down, recovered and reminder alerts look different; each names the site, the failure and its reason, since when,
/// and where from. Slack and Teams messages stay within what those services take, so no long URL or reason gets the
/// whole message refused: URLs are shortened in the middle, reasons at the end, and past that, sites are only counted.
/// </summary>
internal static class AlertPayload
{
    /// <summary>Sites listed in one message at most; the rest are counted. Slack allows 50 blocks.</summary>
    public const int MaximumListed = 45;

    // Slack's documented limits: a section's text 3,000 characters, a header's 150.
    private const int SlackSectionLength = 3000;

    private const int SlackHeaderLength = 150;

    // Slack documents no limit on a message's blocks together, yet refuses some past about 13,000 characters (msg_blocks_too_long).
    private const int SlackMessageLength = 12_000;

    // Teams takes a message of about 28 KB; the rest is left for what a Workflow wraps around the card.
    private const int TeamsMessageBytes = 24_000;

    /// <summary>How much of each site a message shows, from the most: every site shows less before fewer are listed.</summary>
    private static readonly Detail[] Details = [new(500, 2500, 200), new(300, 600, 100), new(150, 200, 60), new(120, 140, 50), new(80, 80, 40)];

    public static string Build(IReadOnlyList<ProbeRecord> records, AlertFormat format, DateTimeOffset now)
    {
        var alerts = records.Select(r => (Kind: KindOf(r), Record: r)).ToList();
        return format switch
        {
            AlertFormat.TeamsWorkflow => Fit(alerts.Count, (listed, detail) => Teams(alerts, listed, detail), json => Encoding.UTF8.GetByteCount(json) <= TeamsMessageBytes),
            AlertFormat.Slack => Slack(alerts),
            _ => Generic(alerts, now),
        };
    }

    /// <summary>Down (a transition, or a down or Partial result with no state), Recovered, Reminder (still down), or Up.</summary>
    public static string KindOf(ProbeRecord record) => record switch
    {
        { Reminder: true } => "Reminder",
        { Changed: true, ConfirmedStatus: "Up" } => "Recovered",
        { Changed: true } => "Down",
        { ConfirmedStatus: null, Status: "Down" or "Partial" } => "Down",
        { ConfirmedStatus: "Down" } => "Down",
        _ => "Up",
    };

    /// <summary>
    /// The same alert's key in every attempt and every run, so a receiver can drop repeats: a short hash of the site,
    /// where from, the kind, and when that state began. A reminder, or a result with no state, is news at each check,
    /// so its check's time stands in for the start.
    /// </summary>
    public static string Id(string kind, ProbeRecord record)
    {
        var when = kind is "Down" or "Recovered" && record.Since is { } since ? since : record.Timestamp;
        var key = string.Join("\n", record.Uri, record.Location ?? string.Empty, kind, when?.UtcDateTime.ToString("o", CultureInfo.InvariantCulture) ?? string.Empty);
#if NET8_0_OR_GREATER
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
#else
        using var sha256 = SHA256.Create();
        var hash = sha256.ComputeHash(Encoding.UTF8.GetBytes(key));
#endif
        return string.Concat(hash.Take(8).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    /// <summary>"2 down, 1 recovered, 1 still down": the title of a message.</summary>
    public static string Summary(IEnumerable<string> kinds)
    {
        var counts = kinds.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var parts = new List<string>();
        foreach (var (kind, words) in new[] { ("Down", "down"), ("Reminder", "still down"), ("Recovered", "recovered"), ("Up", "up") })
        {
            if (counts.TryGetValue(kind, out var count))
            {
                parts.Add(string.Format(CultureInfo.InvariantCulture, "{0} {1}", count, words));
            }
        }

        return "SiteStatus: " + (parts.Count == 0 ? "nothing to report" : string.Join(", ", parts));
    }

    /// <summary>The first rendering that fits, listing as many sites as it can, each with as much as it can.</summary>
    private static T Fit<T>(int count, Func<int, Detail, T> render, Func<T, bool> fits)
    {
        for (var listed = Math.Min(count, MaximumListed); listed > 0; listed -= Math.Max(1, listed / 4))
        {
            foreach (var detail in Details)
            {
                var rendered = render(listed, detail);
                if (fits(rendered))
                {
                    return rendered;
                }
            }
        }

        return render(0, Details[Details.Length - 1]);
    }

    private static string Generic(List<(string Kind, ProbeRecord Record)> alerts, DateTimeOffset now)
    {
        var text = new StringBuilder();
        var json = new JsonWriter(text).StartObject()
            .Name("source").Value("SiteStatus")
            .Name("version").Value(1)
            .Name("sentAt").Value(now)
            .Name("title").Value(Summary(alerts.Select(a => a.Kind)))
            .Name("alerts").StartArray();
        foreach (var (kind, r) in alerts)
        {
            json.StartObject()
                .Name("id").Value(Id(kind, r))
                .Name("kind").Value(kind)
                .Name("uri").Value(r.Uri)
                .Name("location").Value(r.Location)
                .Name("status").Value(r.Status)
                .Name("statusCode").Value(r.StatusCode)
                .Name("failure").Value(r.Failure)
                .Name("reason").Value(r.Reason)
                .Name("confirmedStatus").Value(r.ConfirmedStatus)
                .Name("previousStatus").Value(r.PreviousStatus)
                .Name("since").Value(r.Since)
                .Name("checkedAt").Value(r.Timestamp)
                .EndObject();
        }

        json.EndArray().EndObject();
        return text.ToString();
    }

    private static string Teams(List<(string Kind, ProbeRecord Record)> alerts, int listed, Detail detail)
    {
        var text = new StringBuilder();
        var json = new JsonWriter(text).StartObject()
            .Name("type").Value("message")
            .Name("attachments").StartArray().StartObject()
            .Name("contentType").Value("application/vnd.microsoft.card.adaptive")
            .Name("contentUrl").Value((string?)null)
            .Name("content").StartObject()
            .Name("$schema").Value("http://adaptivecards.io/schemas/adaptive-card.json")
            .Name("type").Value("AdaptiveCard")
            .Name("version").Value("1.4")
            .Name("body").StartArray()
            .StartObject().Name("type").Value("TextBlock").Name("size").Value("Large").Name("weight").Value("Bolder").Name("wrap").Value(true)
            .Name("text").Value(Summary(alerts.Select(a => a.Kind))).EndObject();
        foreach (var (kind, r) in alerts.Take(listed))
        {
            var (colour, word) = kind switch
            {
                "Down" => ("Attention", "DOWN"),
                "Reminder" => ("Warning", "STILL DOWN"),
                "Recovered" => ("Good", "RECOVERED"),
                _ => ("Good", "UP"),
            };
            json.StartObject().Name("type").Value("Container").Name("separator").Value(true).Name("items").StartArray()
                .StartObject().Name("type").Value("TextBlock").Name("weight").Value("Bolder").Name("color").Value(colour).Name("wrap").Value(true)
                .Name("text").Value($"{word} {Clip.Middle(r.Uri, detail.Uri)}").EndObject()
                .StartObject().Name("type").Value("FactSet").Name("facts").StartArray();
            foreach (var (title, value) in Facts(r))
            {
                json.StartObject().Name("title").Value(title).Name("value").Value(Clip.End(value, title == "Reason" ? detail.Reason : detail.Fact)).EndObject();
            }

            json.EndArray().EndObject().EndArray().EndObject();
        }

        if (alerts.Count > listed)
        {
            json.StartObject().Name("type").Value("TextBlock").Name("wrap").Value(true).Name("isSubtle").Value(true)
                .Name("text").Value(string.Format(CultureInfo.InvariantCulture, "and {0} more", alerts.Count - listed)).EndObject();
        }

        json.EndArray().EndObject().EndObject().EndArray().EndObject();
        return text.ToString();
    }

    private static string Slack(List<(string Kind, ProbeRecord Record)> alerts)
    {
        var title = Clip.End(Summary(alerts.Select(a => a.Kind)), SlackHeaderLength);
        var sections = Fit(
            alerts.Count,
            (listed, detail) => alerts.Take(listed).Select(a => SlackSection(a.Kind, a.Record, detail)).ToList(),
            shown => title.Length + shown.Sum(s => s.Length) <= SlackMessageLength);
        var text = new StringBuilder();
        var json = new JsonWriter(text).StartObject()
            .Name("text").Value(title)
            .Name("blocks").StartArray()
            .StartObject().Name("type").Value("header").Name("text").StartObject().Name("type").Value("plain_text").Name("text").Value(title).EndObject().EndObject();
        foreach (var section in sections)
        {
            json.StartObject().Name("type").Value("section").Name("text").StartObject().Name("type").Value("mrkdwn").Name("text").Value(section).EndObject().EndObject();
        }

        if (alerts.Count > sections.Count)
        {
            json.StartObject().Name("type").Value("context").Name("elements").StartArray()
                .StartObject().Name("type").Value("mrkdwn").Name("text").Value(string.Format(CultureInfo.InvariantCulture, "and {0} more", alerts.Count - sections.Count)).EndObject()
                .EndArray().EndObject();
        }

        json.EndArray().EndObject();
        return text.ToString();
    }

    /// <summary>A site's section, within Slack's limit once escaped: the reason gets what the rest leaves.</summary>
    private static string SlackSection(string kind, ProbeRecord r, Detail detail)
    {
        var word = kind switch
        {
            "Down" => ":red_circle: *DOWN*",
            "Reminder" => ":large_orange_circle: *STILL DOWN*",
            "Recovered" => ":large_green_circle: *RECOVERED*",
            _ => ":large_green_circle: *UP*",
        };
        var facts = Facts(r).ToList();
        var shown = facts.Select(f => (f.Name, Value: f.Name == "Reason" ? f.Value : SlackClip(f.Value, detail.Fact, Clip.End))).ToList();
        var head = $"{word} {SlackClip(r.Uri, detail.Uri, Clip.Middle)}";
        var used = head.Length + shown.Sum(f => f.Name.Length + 5 + (f.Name == "Reason" ? 0 : f.Value.Length));
        var lines = new StringBuilder(head);
        foreach (var (name, value) in shown)
        {
            var text = name == "Reason" ? SlackClip(value, Math.Max(0, Math.Min(detail.Reason, SlackSectionLength - used)), Clip.End) : value;
            lines.Append("\n*").Append(name).Append(":* ").Append(text);
        }

        return lines.ToString();
    }

    /// <summary>The text escaped for Slack and cut to <paramref name="length"/> characters as escaped, never inside an escape.</summary>
    private static string SlackClip(string text, int length, Func<string, int, string> clip)
    {
        var escaped = SlackEscape(clip(text, length));
        for (var budget = length; escaped.Length > length;)
        {
            budget = Math.Min(budget - 1, (int)((long)budget * length / escaped.Length));
            escaped = SlackEscape(clip(text, budget));
        }

        return escaped;
    }

    /// <summary>What a person needs to act: the failure and why, the code, since when, and where from.</summary>
    private static IEnumerable<(string Name, string Value)> Facts(ProbeRecord r)
    {
        if (!r.IsUp)
        {
            yield return ("Failure", r.StatusCode is { } code ? string.Format(CultureInfo.InvariantCulture, "{0} ({1})", r.Failure, code) : r.Failure);
            yield return ("Reason", r.Reason ?? string.Empty);
        }

        if (r.Since is { } since)
        {
            yield return ("Since", since.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
        }

        if (r.Location is { } location)
        {
            yield return ("From", location);
        }
    }

    private static string SlackEscape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>The most characters a message shows of each site's URL, of its reason, and of each other fact.</summary>
    private readonly record struct Detail(int Uri, int Reason, int Fact);
}
