using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SiteStatus.Json;

namespace SiteStatus.State;

/// <summary>
/// A state file in JSON a person can read: one entry per masked URL (per location and URL for checks from many
/// locations that each keep their own), and the one-off maintenance periods. Read whole at the start; written whole at
/// the end atomically (a temporary file in the same folder, then a rename), UTF-8 without a BOM. Fine up to some
/// 10,000 URLs; a larger fleet is better kept in SQLite (<see cref="SqliteStateStore"/>).
/// </summary>
internal sealed class JsonStateStore : StateStore
{
    /// <summary>What the format field says; a file without it is not ours.</summary>
    public const string Format = "SiteStatus state";

    /// <summary>The version written: 2 added the entries per location, the one-off maintenance, and runsSinceChange.</summary>
    public const int Version = 2;

    /// <summary>The oldest version read; it is written back as <see cref="Version"/>.</summary>
    public const int OldestVersion = 1;

    private JsonStateStore(string path, FileStream held)
        : base(path, held)
    {
    }

    /// <summary>The entries, by masked URL.</summary>
    private Dictionary<string, StateEntry> Sites { get; } = new(StringComparer.Ordinal);

    /// <summary>The entries of runs that keep one per location (checks from every location, each weighed alone): by location, then by masked URL.</summary>
    private Dictionary<string, Dictionary<string, StateEntry>> Locations { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads the file at <paramref name="path"/>, held by <paramref name="held"/>; a missing file is an empty state.</summary>
    /// <exception cref="StateFileException">The file cannot be read.</exception>
    public static JsonStateStore Open(string path, FileStream held)
    {
        var store = new JsonStateStore(path, held);
        if (File.Exists(path))
        {
            store.Read();
        }

        return store;
    }

    /// <inheritdoc/>
    public override IStateEntries EntriesAt(string? location) => new Entries(Of(location));

    // The entries of one location (Locations), or with none the URLs' own (Sites).
    private Dictionary<string, StateEntry> Of(string? location)
    {
        if (location is null)
        {
            return Sites;
        }

        if (!Locations.TryGetValue(location, out var entries))
        {
            Locations[location] = entries = new Dictionary<string, StateEntry>(StringComparer.Ordinal);
        }

        return entries;
    }

    /// <inheritdoc/>
    public override void Save(DateTimeOffset now)
    {
        var text = new StringBuilder();
        var json = new JsonWriter(text, indented: true)
            .StartObject()
            .Name("format").Value(Format)
            .Name("version").Value(Version)
            .Name("savedAt").Value(now);
        if (DeliveryTracked)
        {
            json.Name("deliveryTracked").Value(true);
        }

        Maintenance.RemoveAll(m => m.End <= now);
        if (Maintenance.Count > 0)
        {
            json.Name("maintenance").StartArray();
            var periodText = new StringBuilder();
            foreach (var period in Maintenance)
            {
                periodText.Clear();
                new JsonWriter(periodText).StartObject()
                    .Name("uri").Value(period.Pattern)
                    .Name("start").Value(period.Start)
                    .Name("end").Value(period.End)
                    .Name("reason").Value(period.Reason)
                    .EndObject();
                json.Raw(periodText.ToString());
            }

            json.EndArray();
        }

        json.Name("sites");
        WriteEntries(json, Sites, now);
        var locations = Locations.Where(l => l.Value.Values.Any(site => Kept(site, now))).ToList();
        if (locations.Count > 0)
        {
            json.Name("locations").StartObject();
            foreach (var location in locations)
            {
                json.Name(location.Key);
                WriteEntries(json, location.Value, now);
            }

            json.EndObject();
        }

        json.EndObject();
        text.Append('\n');
        AtomicFile.Write(StatePath, text.ToString());
    }

    private static bool Kept(StateEntry site, DateTimeOffset now) => site.LastSeen >= KeptSince(now);

    // One line a site: a person can still read it, and a 10,000-site file stays small.
    private static void WriteEntries(JsonWriter json, Dictionary<string, StateEntry> entries, DateTimeOffset now)
    {
        json.StartObject();
        var entryText = new StringBuilder();
        foreach (var entry in entries)
        {
            var site = entry.Value;
            if (!Kept(site, now))
            {
                continue;
            }

            entryText.Clear();
            var entryJson = new JsonWriter(entryText).StartObject()
                .Name("confirmed").Value(site.Confirmed.ToString())
                .Name("since").Value(site.Since)
                .Name("failures").Value(site.ConsecutiveFailures)
                .Name("successes").Value(site.ConsecutiveSuccesses)
                .Name("runsSinceChange").Value(site.RunsSinceChange)
                .Name("streakStart").Value(site.StreakStarted)
                .Name("lastSeen").Value(site.LastSeen)
                .Name("lastAlert").Value(site.LastAlert);
            if (site.PendingAlert is { } pending)
            {
                entryJson.Name("pendingAlert").Value(pending);
            }

            entryJson.Name("history").Value(site.History.ToString()).EndObject();
            json.Name(entry.Key).Raw(entryText.ToString());
        }

        json.EndObject();
    }

    private void Read()
    {
        var path = StatePath;
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(e.Message.TrimEnd('.'), e);
        }

        object? document;
        try
        {
            document = JsonDocumentReader.Parse(text);
        }
        catch (JsonFormatException e)
        {
            // A file named as a database is read as JSON only because it is not one: say both.
            throw Unreadable(
                HasSqliteName(StatePath)
                    ? $"it is neither a SQLite database (it does not begin with SQLite's header) nor a JSON state ({e.Message.TrimEnd('.')})"
                    : $"it is not valid JSON ({e.Message.TrimEnd('.')}); it may be truncated",
                e);
        }

        if (document is not Dictionary<string, object?> root || !root.TryGetValue("format", out var format) || format as string != Format)
        {
            throw Unreadable($"it is not a SiteStatus state file (it has no \"format\": \"{Format}\")");
        }

        if (!root.TryGetValue("version", out var version) || version is not double number || number < OldestVersion || number != Math.Floor(number))
        {
            throw Unreadable($"its version ({Json(version)}) is not a version of the format (a whole number from {OldestVersion})");
        }

        if (number > Version)
        {
            throw Unreadable($"its version ({Json(version)}) is newer than this module reads ({OldestVersion} to {Version}): a newer module wrote it");
        }

        if (!root.TryGetValue("sites", out var sitesValue) || sitesValue is not Dictionary<string, object?> sites)
        {
            throw Unreadable("it has no \"sites\" object");
        }

        ReadEntries(sites, Sites, string.Empty);
        if (root.TryGetValue("locations", out var locationsValue))
        {
            foreach (var location in locationsValue as Dictionary<string, object?> ?? throw Unreadable("its \"locations\" is not an object of locations"))
            {
                ReadEntries(
                    location.Value as Dictionary<string, object?> ?? throw Unreadable($"the location '{location.Key}' is not an object of sites"),
                    Of(location.Key),
                    $" at {location.Key}");
            }
        }

        if (root.TryGetValue("maintenance", out var maintenanceValue))
        {
            foreach (var period in maintenanceValue as List<object?> ?? throw Unreadable("its \"maintenance\" is not a list"))
            {
                try
                {
                    Maintenance.Add(ReadPeriod(period as Dictionary<string, object?> ?? throw new FormatException("it is not an object")));
                }
                catch (FormatException e)
                {
                    throw Unreadable($"a maintenance period cannot be read: {e.Message.TrimEnd('.')}", e);
                }
            }
        }

        DeliveryTracked = root.TryGetValue("deliveryTracked", out var tracked) && tracked is true;
    }

    private void ReadEntries(Dictionary<string, object?> sites, Dictionary<string, StateEntry> into, string where)
    {
        foreach (var site in sites)
        {
            try
            {
                into[site.Key] = ReadRecord(site.Value as Dictionary<string, object?> ?? throw new FormatException("it is not an object"));
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException or InvalidCastException or ArgumentException)
            {
                throw Unreadable($"the entry for '{site.Key}'{where} cannot be read: {e.Message.TrimEnd('.')}", e);
            }
        }
    }

    private static MaintenancePeriod ReadPeriod(Dictionary<string, object?> period) =>
        MaintenancePeriod.Read(Text(period, "uri"), Time(Text(period, "start"), "start"), Time(Text(period, "end"), "end"), OptionalText(period, "reason"));

    // Every field is checked as the tracker will use it: a hand-edited entry that would be silently rewritten is refused instead.
    private static StateEntry ReadRecord(Dictionary<string, object?> entry)
    {
        return new StateEntry
        {
            Confirmed = StateEntry.ConfirmedFrom(Text(entry, "confirmed")),
            Since = Time(Text(entry, "since"), "since"),
            ConsecutiveFailures = Count(entry, "failures"),
            ConsecutiveSuccesses = Count(entry, "successes"),

            // Version 1 kept no count since the change: the current streak is what is sure to follow it (a longer
            // count would let outcomes from before the change confirm the next one, and page on an upgrade).
            RunsSinceChange = entry.ContainsKey("runsSinceChange") ? Count(entry, "runsSinceChange") : Count(entry, "failures") + Count(entry, "successes"),
            StreakStarted = OptionalText(entry, "streakStart") is { } streak ? Time(streak, "streakStart") : null,
            LastSeen = Time(Text(entry, "lastSeen"), "lastSeen"),
            LastAlert = OptionalText(entry, "lastAlert") is { } alert ? Time(alert, "lastAlert") : null,
            PendingAlert = StateEntry.PendingFrom(OptionalText(entry, "pendingAlert")),
            History = OutcomeHistory.Parse(Text(entry, "history")),
        };
    }

    private static string Text(Dictionary<string, object?> entry, string name) =>
        OptionalText(entry, name) ?? throw new FormatException($"it has no {name}");

    private static string? OptionalText(Dictionary<string, object?> entry, string name) => entry.TryGetValue(name, out var value) switch
    {
        false => null,
        true when value is null => null,
        true when value is string text => text,
        _ => throw new FormatException($"{name} is {Json(value)}, not a text"),
    };

    private static int Count(Dictionary<string, object?> entry, string name) =>
        entry.TryGetValue(name, out var value) && value is double number && number >= 0 && number <= int.MaxValue && number == Math.Floor(number)
            ? (int)number
            : throw new FormatException($"{name} is {Json(value)}, not a count of runs (a whole number, 0 or more)");

    private static DateTimeOffset Time(string text, string name) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : throw new FormatException($"{name} is '{text}', not a time such as 2026-11-26T14:20:01+00:00");

    private static string Json(object? value) => value switch
    {
        null => "null",
        string text => $"'{text}'",
        bool flag => flag ? "true" : "false",
        double number => number.ToString(CultureInfo.InvariantCulture),
        _ => "not a single value",
    };

    // A dictionary of the file read whole.
    private sealed class Entries(Dictionary<string, StateEntry> entries) : IStateEntries
    {
        public StateEntry? Find(string url) => entries.TryGetValue(url, out var entry) ? entry : null;

        public void Add(string url, StateEntry entry) => entries.Add(url, entry);
    }
}
