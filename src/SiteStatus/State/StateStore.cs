using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using SiteStatus.Json;

namespace SiteStatus.State;

/// <summary>Why a state file cannot be used: another run holds it, or it is not a state file this module can read.</summary>
internal sealed class StateFileException(string errorId, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Another run holds the file, past the wait.</summary>
    public const string Locked = "StateLocked";

    /// <summary>The file is corrupt, truncated, foreign or newer than this module reads.</summary>
    public const string Unreadable = "StateUnreadable";

    public string ErrorId { get; } = errorId;
}

/// <summary>
/// A state file: JSON a person can read, one entry per masked URL (per location and URL for checks from many locations
/// that each keep their own), and the one-off maintenance periods. Held for the whole run by a lock file beside it, so
/// two runs never interleave; read at the start; written at the end atomically (a temporary file in the same folder,
/// then a rename), UTF-8 without a BOM. A file that cannot be read is never overwritten.
/// </summary>
internal sealed class StateStore : IDisposable
{
    /// <summary>What the format field says; a file without it is not ours.</summary>
    public const string Format = "SiteStatus state";

    /// <summary>The version written: 2 added the entries per location, the one-off maintenance, and runsSinceChange.</summary>
    public const int Version = 2;

    /// <summary>The oldest version read; it is written back as <see cref="Version"/>.</summary>
    public const int OldestVersion = 1;

    /// <summary>How long a run waits for another that holds the same file.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    /// <summary>An entry no run has checked for this long is dropped.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(100);

    private readonly string _path;
    private readonly FileStream _lock;

    private StateStore(string path, FileStream held)
    {
        _path = path;
        _lock = held;
    }

    /// <summary>The entries, by masked URL.</summary>
    public Dictionary<string, StateEntry> Sites { get; } = new(StringComparer.Ordinal);

    /// <summary>The entries of runs that keep one per location (checks from every location, each weighed alone): by location, then by masked URL.</summary>
    public Dictionary<string, Dictionary<string, StateEntry>> Locations { get; } = new(StringComparer.Ordinal);

    /// <summary>The one-off maintenance periods not yet over.</summary>
    public List<MaintenancePeriod> Maintenance { get; } = [];

    /// <summary>
    /// Whether Send-SiteStatusAlert -StatePath records delivery in this file. From then on a confirmed change stays
    /// pending, and is reported again by each run, until an alert for it is delivered.
    /// </summary>
    public bool DeliveryTracked { get; set; }

    /// <summary>Takes the file's lock (waiting at most <see cref="LockWait"/>) and reads it; a missing file is an empty state, and a missing folder is made.</summary>
    /// <exception cref="StateFileException">Another run holds it, or it cannot be read.</exception>
    public static StateStore Open(string path, CancellationToken stopping)
    {
        if (Directory.Exists(path))
        {
            throw Unusable(path, "it is a folder; give the path of a file in it, such as " + Path.Combine(path, "state.json"));
        }

        // A run as cron starts it has no systemd StateDirectory: the folder is made, as for any file a program owns.
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (File.Exists(folder))
        {
            throw Unusable(path, $"'{folder}' is a file, not a folder");
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unusable(path, $"its folder '{folder}' does not exist and cannot be made ({e.Message.TrimEnd('.')})", e);
        }

        var held = Lock(path, LockWait, stopping);
        try
        {
            var store = new StateStore(path, held);
            if (File.Exists(path))
            {
                store.Read();
            }

            return store;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>The entries of one location (<see cref="Locations"/>), or with none the URLs' own (<see cref="Sites"/>).</summary>
    public Dictionary<string, StateEntry> EntriesAt(string? location)
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

    /// <summary>The entry a result of <paramref name="location"/> stands for: that location's own, if it keeps one, else the URL's.</summary>
    public StateEntry? Find(string url, string? location) =>
        location is not null && Locations.TryGetValue(location, out var entries) && entries.TryGetValue(url, out var own) ? own
        : Sites.TryGetValue(url, out var site) ? site
        : null;

    /// <summary>Whether a one-off maintenance covers <paramref name="url"/> at <paramref name="at"/>.</summary>
    public bool InMaintenance(string url, DateTimeOffset at) => Maintenance.Exists(m => m.Covers(url, at));

    /// <summary>Writes every entry seen within <see cref="Retention"/> of <paramref name="now"/>, atomically.</summary>
    public void Save(DateTimeOffset now)
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
        AtomicFile.Write(_path, text.ToString());
    }

    public void Dispose() => _lock.Dispose();

    private static bool Kept(StateEntry site, DateTimeOffset now) => now - site.LastSeen <= Retention;

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

    private static FileStream Lock(string path, TimeSpan wait, CancellationToken stopping)
    {
        // The OS lock on the open file excludes, not the file's existence: a run that died leaves no lock behind.
        // The lock file stays beside the state file, so that no run ever locks a file another has just deleted.
        var lockPath = path + ".lock";
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                stopping.WaitHandle.WaitOne(LockPoll);
                stopping.ThrowIfCancellationRequested();
            }
            catch (IOException e)
            {
                throw new StateFileException(
                    StateFileException.Locked,
                    string.Format(CultureInfo.InvariantCulture, "The state file '{0}' is in use by another run; waited {1:0} s for it.", path, wait.TotalSeconds),
                    e);
            }
        }
    }

    private void Read()
    {
        var path = _path;
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, e.Message.TrimEnd('.'), e);
        }

        object? document;
        try
        {
            document = JsonDocumentReader.Parse(text);
        }
        catch (JsonFormatException e)
        {
            throw Unreadable(path, $"it is not valid JSON ({e.Message.TrimEnd('.')}); it may be truncated", e);
        }

        if (document is not Dictionary<string, object?> root || !root.TryGetValue("format", out var format) || format as string != Format)
        {
            throw Unreadable(path, $"it is not a SiteStatus state file (it has no \"format\": \"{Format}\")");
        }

        if (!root.TryGetValue("version", out var version) || version is not double number || number < OldestVersion || number != Math.Floor(number))
        {
            throw Unreadable(path, $"its version ({Json(version)}) is not a version of the format (a whole number from {OldestVersion})");
        }

        if (number > Version)
        {
            throw Unreadable(path, $"its version ({Json(version)}) is newer than this module reads ({OldestVersion} to {Version}): a newer module wrote it");
        }

        if (!root.TryGetValue("sites", out var sitesValue) || sitesValue is not Dictionary<string, object?> sites)
        {
            throw Unreadable(path, "it has no \"sites\" object");
        }

        ReadEntries(sites, Sites, string.Empty);
        if (root.TryGetValue("locations", out var locationsValue))
        {
            foreach (var location in locationsValue as Dictionary<string, object?> ?? throw Unreadable(path, "its \"locations\" is not an object of locations"))
            {
                ReadEntries(
                    location.Value as Dictionary<string, object?> ?? throw Unreadable(path, $"the location '{location.Key}' is not an object of sites"),
                    EntriesAt(location.Key),
                    $" at {location.Key}");
            }
        }

        if (root.TryGetValue("maintenance", out var maintenanceValue))
        {
            foreach (var period in maintenanceValue as List<object?> ?? throw Unreadable(path, "its \"maintenance\" is not a list"))
            {
                try
                {
                    Maintenance.Add(ReadPeriod(period as Dictionary<string, object?> ?? throw new FormatException("it is not an object")));
                }
                catch (FormatException e)
                {
                    throw Unreadable(path, $"a maintenance period cannot be read: {e.Message.TrimEnd('.')}", e);
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
                throw Unreadable(_path, $"the entry for '{site.Key}'{where} cannot be read: {e.Message.TrimEnd('.')}", e);
            }
        }
    }

    private static MaintenancePeriod ReadPeriod(Dictionary<string, object?> period)
    {
        var start = Time(Text(period, "start"), "start");
        var end = Time(Text(period, "end"), "end");
        return end > start
            ? new MaintenancePeriod(Text(period, "uri"), start, end, OptionalText(period, "reason"))
            : throw new FormatException($"its end ({end:o}) is not after its start ({start:o})");
    }

    // Every field is checked as the tracker will use it: a hand-edited entry that would be silently rewritten is refused instead.
    private static StateEntry ReadRecord(Dictionary<string, object?> entry)
    {
        return new StateEntry
        {
            Confirmed = Text(entry, "confirmed") switch
            {
                "Up" => SiteState.Up,
                "Down" => SiteState.Down,
                var other => throw new FormatException($"confirmed is '{other}', not Up or Down"),
            },
            Since = Time(Text(entry, "since"), "since"),
            ConsecutiveFailures = Count(entry, "failures"),
            ConsecutiveSuccesses = Count(entry, "successes"),

            // Version 1 kept no count since the change: the current streak is what is sure to follow it (a longer
            // count would let outcomes from before the change confirm the next one, and page on an upgrade).
            RunsSinceChange = entry.ContainsKey("runsSinceChange") ? Count(entry, "runsSinceChange") : Count(entry, "failures") + Count(entry, "successes"),
            StreakStarted = OptionalText(entry, "streakStart") is { } streak ? Time(streak, "streakStart") : null,
            LastSeen = Time(Text(entry, "lastSeen"), "lastSeen"),
            LastAlert = OptionalText(entry, "lastAlert") is { } alert ? Time(alert, "lastAlert") : null,
            PendingAlert = OptionalText(entry, "pendingAlert") is { } pending
                ? AlertKind.IsKnown(pending) ? pending : throw new FormatException($"pendingAlert is '{pending}', not Down, Recovered or Reminder")
                : null,
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

    private static StateFileException Unreadable(string path, string problem, Exception? inner = null) =>
        new(StateFileException.Unreadable, $"The state file '{path}' cannot be used: {problem.TrimEnd('.')}. It was left as it is; move it away to start a new state.", inner);

    private static StateFileException Unusable(string path, string problem, Exception? inner = null) =>
        new(StateFileException.Unreadable, $"The state file '{path}' cannot be used: {problem}.", inner);
}
