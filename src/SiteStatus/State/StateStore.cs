using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
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
/// A state file: JSON a person can read, one entry per masked URL. Held for the whole run by a lock file beside it, so
/// two runs never interleave; read at the start; written at the end atomically (a temporary file in the same folder,
/// then a rename), UTF-8 without a BOM. A file that cannot be read is never overwritten.
/// </summary>
internal sealed class StateStore : IDisposable
{
    /// <summary>What the format field says; a file without it is not ours.</summary>
    public const string Format = "SiteStatus state";

    public const int Version = 1;

    /// <summary>How long a run waits for another that holds the same file.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    /// <summary>An entry no run has checked for this long is dropped.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(100);

    private readonly string _path;
    private readonly FileStream _lock;

    private StateStore(string path, FileStream held, Dictionary<string, StateEntry> sites, bool deliveryTracked)
    {
        _path = path;
        _lock = held;
        Sites = sites;
        DeliveryTracked = deliveryTracked;
    }

    /// <summary>The entries, by masked URL.</summary>
    public Dictionary<string, StateEntry> Sites { get; }

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
            if (!File.Exists(path))
            {
                return new StateStore(path, held, new Dictionary<string, StateEntry>(StringComparer.Ordinal), deliveryTracked: false);
            }

            var (sites, tracked) = Read(path);
            return new StateStore(path, held, sites, tracked);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Writes every entry seen within <see cref="Retention"/> of <paramref name="now"/>, atomically.</summary>
    public void Save(DateTimeOffset now)
    {
        var text = new StringBuilder();
        var entryText = new StringBuilder();
        var json = new JsonWriter(text, indented: true)
            .StartObject()
            .Name("format").Value(Format)
            .Name("version").Value(Version)
            .Name("savedAt").Value(now);
        if (DeliveryTracked)
        {
            json.Name("deliveryTracked").Value(true);
        }

        json.Name("sites").StartObject();
        foreach (var entry in Sites)
        {
            var site = entry.Value;
            if (now - site.LastSeen > Retention)
            {
                continue;
            }

            // One line a site: a person can still read it, and a 10,000-site file stays small.
            entryText.Clear();
            var entryJson = new JsonWriter(entryText).StartObject()
                .Name("confirmed").Value(site.Confirmed.ToString())
                .Name("since").Value(site.Since)
                .Name("failures").Value(site.ConsecutiveFailures)
                .Name("successes").Value(site.ConsecutiveSuccesses)
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

        json.EndObject().EndObject();
        text.Append('\n');
        AtomicFile.Write(_path, text.ToString());
    }

    public void Dispose() => _lock.Dispose();

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

    private static (Dictionary<string, StateEntry> Sites, bool DeliveryTracked) Read(string path)
    {
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

        if (!root.TryGetValue("version", out var version) || version is not double number || number != Version)
        {
            throw Unreadable(path, $"its version ({version ?? "none"}) is not {Version}, the version this module reads");
        }

        if (!root.TryGetValue("sites", out var sitesValue) || sitesValue is not Dictionary<string, object?> sites)
        {
            throw Unreadable(path, "it has no \"sites\" object");
        }

        var records = new Dictionary<string, StateEntry>(sites.Count, StringComparer.Ordinal);
        foreach (var site in sites)
        {
            try
            {
                records[site.Key] = ReadRecord(site.Value as Dictionary<string, object?> ?? throw new FormatException("it is not an object"));
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException or InvalidCastException or ArgumentException)
            {
                throw Unreadable(path, $"the entry for '{site.Key}' cannot be read: {e.Message.TrimEnd('.')}", e);
            }
        }

        return (records, root.TryGetValue("deliveryTracked", out var tracked) && tracked is true);
    }

    // Every field is checked as the tracker will use it: a hand-edited entry that would be silently rewritten is refused instead.
    private static StateEntry ReadRecord(Dictionary<string, object?> entry) => new()
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
        StreakStarted = OptionalText(entry, "streakStart") is { } streak ? Time(streak, "streakStart") : null,
        LastSeen = Time(Text(entry, "lastSeen"), "lastSeen"),
        LastAlert = OptionalText(entry, "lastAlert") is { } alert ? Time(alert, "lastAlert") : null,
        PendingAlert = OptionalText(entry, "pendingAlert") is { } pending
            ? AlertKind.IsKnown(pending) ? pending : throw new FormatException($"pendingAlert is '{pending}', not Down, Recovered or Reminder")
            : null,
        History = OutcomeHistory.Parse(Text(entry, "history")),
    };

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
