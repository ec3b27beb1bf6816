using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SiteStatus.Json;

namespace SiteStatus.Export;

/// <summary>Where an alert goes, and so the shape of its message.</summary>
public enum AlertFormat
{
    /// <summary>A documented generic JSON payload, for any webhook.</summary>
    Json,

    /// <summary>An Adaptive Card, as Teams Workflows ("Post to a channel when a webhook request is received") wants it.</summary>
    TeamsWorkflow,

    /// <summary>Slack blocks, for an incoming webhook.</summary>
    Slack,
}

/// <summary>
/// One message for a run's alerts, not one per site: a pure function from results to the JSON a webhook takes.
/// Down, recovered and reminder alerts look different; each names the site, the failure and its reason, since when,
/// and where from.
/// </summary>
internal static class AlertPayload
{
    /// <summary>Sites listed in one message at most; the rest are counted. Slack allows 50 blocks; Teams cards about 28 KB.</summary>
    public const int MaximumListed = 45;

    public static string Build(IReadOnlyList<ProbeRecord> records, AlertFormat format, DateTimeOffset now)
    {
        var alerts = records.Select(r => (Kind: KindOf(r), Record: r)).ToList();
        var text = new StringBuilder();
        var json = new JsonWriter(text);
        switch (format)
        {
            case AlertFormat.TeamsWorkflow:
                Teams(json, alerts);
                break;
            case AlertFormat.Slack:
                Slack(json, alerts);
                break;
            default:
                Generic(json, alerts, now);
                break;
        }

        return text.ToString();
    }

    /// <summary>Down (a transition, or a down result with no state), Recovered, Reminder (still down), or Up.</summary>
    public static string KindOf(ProbeRecord record) => record switch
    {
        { Reminder: true } => "Reminder",
        { Changed: true, ConfirmedStatus: "Up" } => "Recovered",
        { Changed: true } => "Down",
        { ConfirmedStatus: null, Status: "Down" } => "Down",
        { ConfirmedStatus: "Down" } => "Down",
        _ => "Up",
    };

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

    private static void Generic(JsonWriter json, List<(string Kind, ProbeRecord Record)> alerts, DateTimeOffset now)
    {
        json.StartObject()
            .Name("source").Value("SiteStatus")
            .Name("version").Value(1)
            .Name("sentAt").Value(now)
            .Name("title").Value(Summary(alerts.Select(a => a.Kind)))
            .Name("alerts").StartArray();
        foreach (var (kind, r) in alerts)
        {
            json.StartObject()
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
    }

    private static void Teams(JsonWriter json, List<(string Kind, ProbeRecord Record)> alerts)
    {
        json.StartObject()
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
        foreach (var (kind, r) in alerts.Take(MaximumListed))
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
                .Name("text").Value($"{word} {r.Uri}").EndObject()
                .StartObject().Name("type").Value("FactSet").Name("facts").StartArray();
            foreach (var (title, value) in Facts(r))
            {
                json.StartObject().Name("title").Value(title).Name("value").Value(value).EndObject();
            }

            json.EndArray().EndObject().EndArray().EndObject();
        }

        if (alerts.Count > MaximumListed)
        {
            json.StartObject().Name("type").Value("TextBlock").Name("wrap").Value(true).Name("isSubtle").Value(true)
                .Name("text").Value(string.Format(CultureInfo.InvariantCulture, "and {0} more", alerts.Count - MaximumListed)).EndObject();
        }

        json.EndArray().EndObject().EndObject().EndArray().EndObject();
    }

    private static void Slack(JsonWriter json, List<(string Kind, ProbeRecord Record)> alerts)
    {
        var title = Summary(alerts.Select(a => a.Kind));
        json.StartObject()
            .Name("text").Value(title)
            .Name("blocks").StartArray()
            .StartObject().Name("type").Value("header").Name("text").StartObject().Name("type").Value("plain_text").Name("text").Value(title).EndObject().EndObject();
        foreach (var (kind, r) in alerts.Take(MaximumListed))
        {
            var word = kind switch
            {
                "Down" => ":red_circle: *DOWN*",
                "Reminder" => ":large_orange_circle: *STILL DOWN*",
                "Recovered" => ":large_green_circle: *RECOVERED*",
                _ => ":large_green_circle: *UP*",
            };
            var lines = new StringBuilder().Append(word).Append(' ').Append(SlackEscape(r.Uri));
            foreach (var (name, value) in Facts(r))
            {
                lines.Append("\n*").Append(name).Append(":* ").Append(SlackEscape(value));
            }

            json.StartObject().Name("type").Value("section").Name("text").StartObject().Name("type").Value("mrkdwn").Name("text").Value(lines.ToString()).EndObject().EndObject();
        }

        if (alerts.Count > MaximumListed)
        {
            json.StartObject().Name("type").Value("context").Name("elements").StartArray()
                .StartObject().Name("type").Value("mrkdwn").Name("text").Value(string.Format(CultureInfo.InvariantCulture, "and {0} more", alerts.Count - MaximumListed)).EndObject()
                .EndArray().EndObject();
        }

        json.EndArray().EndObject();
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
}
