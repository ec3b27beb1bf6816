using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using SiteStatus.History;

namespace SiteStatus.State;

/// <summary>
/// A state file in SQLite (<see cref="StateSchema"/>), for fleets too large to read and rewrite whole each run: a run
/// reads only the entries it asks for, one look-up each, keeps them in memory, and <see cref="Save"/> writes back only
/// those, and drops the entries past retention, in one transaction. Opening reads nothing but the schema's version,
/// the maintenance and the settings, and writes nothing: a file that is not a SiteStatus state (another program's
/// database, a history, a damaged file, a newer schema) is refused and left as it is. A new file is made by the first
/// <see cref="Save"/>, its schema in the same transaction as its first entries.
/// </summary>
internal sealed class SqliteStateStore : StateStore
{
    private const string Columns = "confirmed, since, failures, successes, runs_since_change, streak_start, last_seen, last_alert, pending_alert, history";

    private static readonly TimeSpan PruneInterval = TimeSpan.FromDays(1);

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, Entries> _locations = new(StringComparer.Ordinal);
    private SqliteCommand? _find;

    // One read transaction for the run's look-ups, not one each: held until Save, as the lock file holds writers off anyway.
    private SqliteTransaction? _reading;

    // The schema version of the file; 0 for a file with nothing in it yet.
    private int _version;

    // When the entries past retention were last dropped; null before the first time.
    private DateTimeOffset? _prunedAt;

    private SqliteStateStore(string path, FileStream held, SqliteConnection connection)
        : base(path, held)
    {
        _connection = connection;
    }

    /// <summary>How many entries were read from the file: those the run asked for, never the others.</summary>
    public int EntriesRead { get; private set; }

    /// <summary>Opens the database at <paramref name="path"/>, held by <paramref name="held"/>; a missing or empty file is an empty state.</summary>
    /// <exception cref="StateFileException">The file cannot be read, or SQLite cannot be loaded here.</exception>
    public static SqliteStateStore Open(string path, FileStream held)
    {
        try
        {
            SqliteLibrary.EnsureLoaded();
        }
        catch (HistoryFileException e)
        {
            throw new StateFileException(StateFileException.Unreadable, $"The state file '{path}' cannot be used: {e.Message}", e);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // No pool: the file is let go with the lock, for the next command and for a move.
            Pooling = false,
            DefaultTimeout = (int)LockWait.TotalSeconds,
        }.ToString());
        var store = new SqliteStateStore(path, held, connection);
        try
        {
            if (File.Exists(path))
            {
                store.Read();
            }

            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public override IStateEntries EntriesAt(string? location)
    {
        var key = location ?? string.Empty;
        if (!_locations.TryGetValue(key, out var entries))
        {
            _locations[key] = entries = new Entries(this, key);
        }

        return entries;
    }

    /// <inheritdoc/>
    public override void Save(DateTimeOffset now)
    {
        Maintenance.RemoveAll(m => m.End <= now);
        try
        {
            EndReading();
            if (_connection.State != System.Data.ConnectionState.Open)
            {
                Connect();
            }

            if (_version == 0)
            {
                // Before the first table, outside any transaction: readers of the file never wait for a run that writes.
                Execute("PRAGMA journal_mode = WAL");
            }

            using var transaction = _connection.BeginTransaction();
            StateSchema.Schema.Migrate(_connection, transaction, _version);

            // Entries past retention are found by reading them all: once a day, not each run.
            if (_prunedAt is not { } pruned || now - pruned >= PruneInterval || pruned > now)
            {
                Execute("DELETE FROM entry WHERE last_seen < $kept", transaction, ("$kept", KeptSince(now).UtcTicks));
                _prunedAt = now;
            }

            Execute(
                "INSERT OR REPLACE INTO settings (id, delivery_tracked, pruned_at) VALUES (1, $tracked, $pruned)",
                transaction,
                ("$tracked", DeliveryTracked ? 1 : 0),
                ("$pruned", _prunedAt.Value.UtcTicks));
            Execute("DELETE FROM maintenance", transaction);
            foreach (var period in Maintenance)
            {
                Execute(
                    "INSERT INTO maintenance (uri, start_at, end_at, reason) VALUES ($uri, $start, $end, $reason)",
                    transaction,
                    ("$uri", period.Pattern),
                    ("$start", period.Start.UtcTicks),
                    ("$end", period.End.UtcTicks),
                    ("$reason", period.Reason));
            }

            WriteEntries(transaction);
            transaction.Commit();
            _version = StateSchema.Schema.Version;
        }
        catch (SqliteException e)
        {
            throw new IOException($"The state file '{StatePath}' cannot be written: {e.Message.TrimEnd('.')}.", e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _find?.Dispose();
            EndReading();
            _connection.Dispose();
        }

        base.Dispose(disposing);
    }

    private static DateTimeOffset Time(long ticks) =>
        ticks >= DateTime.MinValue.Ticks + TimeSpan.TicksPerDay && ticks <= DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay
            ? new DateTimeOffset(ticks, TimeSpan.Zero).ToLocalTime()
            : throw new FormatException($"{ticks} is not a time in .NET ticks");

    private static int Count(SqliteDataReader row, int column, string name) =>
        row.GetInt64(column) is var count and >= 0 and <= int.MaxValue
            ? (int)count
            : throw new FormatException($"{name} is {row.GetInt64(column)}, not a count of runs (a whole number, 0 or more)");

    private static StateEntry Entry(SqliteDataReader row) => new()
    {
        Confirmed = StateEntry.ConfirmedFrom(row.GetString(0)),
        Since = Time(row.GetInt64(1)),
        ConsecutiveFailures = Count(row, 2, "failures"),
        ConsecutiveSuccesses = Count(row, 3, "successes"),
        RunsSinceChange = Count(row, 4, "runs_since_change"),
        StreakStarted = row.IsDBNull(5) ? null : Time(row.GetInt64(5)),
        LastSeen = Time(row.GetInt64(6)),
        LastAlert = row.IsDBNull(7) ? null : Time(row.GetInt64(7)),
        PendingAlert = StateEntry.PendingFrom(row.IsDBNull(8) ? null : row.GetString(8)),
        History = OutcomeHistory.Parse(row.GetString(9)),
    };

    // The schema's version, the settings and the maintenance, in one snapshot; nothing is written.
    private void Read()
    {
        try
        {
            Connect();
            using var look = _connection.BeginTransaction(deferred: true);
            var (version, fresh, refusal) = StateSchema.Schema.Inspect(_connection, look);
            if (fresh)
            {
                return;
            }

            _version = refusal is null ? version : throw Unreadable(refusal);
            using (var settings = Command("SELECT delivery_tracked, pruned_at FROM settings", look))
            using (var row = settings.ExecuteReader())
            {
                if (row.Read())
                {
                    DeliveryTracked = row.GetInt64(0) != 0;
                    _prunedAt = row.IsDBNull(1) ? null : Time(row.GetInt64(1));
                }
            }


            using var periods = Command("SELECT uri, start_at, end_at, reason FROM maintenance", look);
            using var period = periods.ExecuteReader();
            while (period.Read())
            {
                Maintenance.Add(ReadPeriod(period));
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_CANTOPEN)
        {
            // A run writes beside the file (its -wal and -shm): a folder it cannot write is no damage.
            throw new StateFileException(StateFileException.NotSaved, $"The state file '{StatePath}' cannot be used: it cannot be opened to write, nor its -wal and -shm files beside it made ({e.Message.TrimEnd('.')}).", e);
        }
        catch (SqliteException e)
        {
            throw Unreadable($"it is not a SQLite state this module can read, or it is damaged ({e.Message.TrimEnd('.')})", e);
        }
    }

    // A file that does not exist yet is made by the first Save, not before: a run that writes nothing leaves none.
    private void Connect()
    {
        _connection.Open();
        Execute($"PRAGMA busy_timeout = {(long)LockWait.TotalMilliseconds}");

        // As the history: in WAL mode a commit is still all or nothing after a power loss; only the last may be lost.
        Execute("PRAGMA synchronous = NORMAL");

        // The few pages of a million entries a run looks up are read from the file's mapping, not copied one by one.
        Execute("PRAGMA mmap_size = 268435456");
    }

    private MaintenancePeriod ReadPeriod(SqliteDataReader row)
    {
        try
        {
            return MaintenancePeriod.Read(row.GetString(0), Time(row.GetInt64(1)), Time(row.GetInt64(2)), row.IsDBNull(3) ? null : row.GetString(3));
        }
        catch (Exception e) when (e is FormatException or InvalidCastException)
        {
            throw Unreadable($"a maintenance period cannot be read: {e.Message.TrimEnd('.')}", e);
        }
    }

    // One look-up by the primary key, through one statement prepared once for the run.
    private (StateEntry Entry, long Id)? ReadEntry(string location, string url)
    {
        if (_version == 0)
        {
            return null;
        }

        if (_find is null)
        {
            _find = Command($"SELECT {Columns}, id FROM entry WHERE location = $location AND uri = $uri");
            _find.Parameters.Add("$location", SqliteType.Text);
            _find.Parameters.Add("$uri", SqliteType.Text);
        }

        _reading ??= _connection.BeginTransaction(deferred: true);
        _find.Transaction = _reading;
        _find.Parameters[0].Value = location;
        _find.Parameters[1].Value = url;
        try
        {
            using var row = _find.ExecuteReader();
            if (!row.Read())
            {
                return null;
            }

            EntriesRead++;
            return (Entry(row), row.GetInt64(10));
        }
        catch (SqliteException e)
        {
            throw Unreadable($"it cannot be read, or it is damaged ({e.Message.TrimEnd('.')})", e);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException)
        {
            var where = location.Length > 0 ? $" at {location}" : string.Empty;
            throw Unreadable($"the entry for '{url}'{where} cannot be read: {e.Message.TrimEnd('.')}", e);
        }
    }

    private void EndReading()
    {
        _reading?.Dispose();
        _reading = null;
    }

    // Only the entries this run read or added: the others are as the file has them. Those read are rewritten in the
    // order they lie in the file; those added go after all others, together.
    private void WriteEntries(SqliteTransaction transaction)
    {
        using var update = Command($"UPDATE entry SET ({Columns}) = ($confirmed, $since, $failures, $successes, $runs, $streak, $seen, $alert, $pending, $history) WHERE id = $key", transaction);
        using var insert = Command($"INSERT INTO entry (location, uri, {Columns}) VALUES ($location, $uri, $confirmed, $since, $failures, $successes, $runs, $streak, $seen, $alert, $pending, $history)", transaction);
        foreach (var name in new[] { "$confirmed", "$since", "$failures", "$successes", "$runs", "$streak", "$seen", "$alert", "$pending", "$history" })
        {
            update.Parameters.AddWithValue(name, DBNull.Value);
            insert.Parameters.AddWithValue(name, DBNull.Value);
        }

        var key = update.Parameters.AddWithValue("$key", 0L);
        var location = insert.Parameters.AddWithValue("$location", string.Empty);
        var uri = insert.Parameters.AddWithValue("$uri", string.Empty);
        foreach (var (id, site) in _locations.Values.SelectMany(l => l.Read).OrderBy(r => r.Key).Select(r => (r.Key, r.Value)))
        {
            key.Value = id;
            Run(update, site);
        }

        foreach (var added in _locations)
        {
            location.Value = added.Key;
            foreach (var (url, site) in added.Value.Added)
            {
                uri.Value = url;
                Run(insert, site);
            }
        }
    }

    private static void Run(SqliteCommand command, StateEntry site)
    {
        object?[] values =
        [
            site.Confirmed.ToString(), site.Since.UtcTicks, site.ConsecutiveFailures, site.ConsecutiveSuccesses, site.RunsSinceChange,
            site.StreakStarted?.UtcTicks, site.LastSeen.UtcTicks, site.LastAlert?.UtcTicks, site.PendingAlert, site.History.ToString(),
        ];
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private void Execute(string sql, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null) => SqliteSchema.Command(_connection, sql, transaction);

    // The entries of one location ('' for the URLs' own) this run weighs: those read, by their row, those added, and
    // the URLs found to have none, so that each is looked up once.
    private sealed class Entries(SqliteStateStore store, string location) : IStateEntries
    {
        private readonly Dictionary<string, StateEntry?> _seen = new(StringComparer.Ordinal);

        public Dictionary<long, StateEntry> Read { get; } = [];

        public List<(string Url, StateEntry Entry)> Added { get; } = [];

        public StateEntry? Find(string url)
        {
            if (!_seen.TryGetValue(url, out var entry))
            {
                var found = store.ReadEntry(location, url);
                _seen[url] = entry = found?.Entry;
                if (found is { } row)
                {
                    Read[row.Id] = row.Entry;
                }
            }

            return entry;
        }

        public void Add(string url, StateEntry entry)
        {
            _seen[url] = entry;
            Added.Add((url, entry));
        }
    }
}
