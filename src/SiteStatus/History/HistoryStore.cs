using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using SiteStatus.Checking;
using SQLitePCL;

namespace SiteStatus.History;

/// <summary>
/// A history database (-HistoryPath): every outcome of the runs that name it, in SQLite. One connection, used by one
/// thread at a time (the run's <see cref="HistoryWriter"/>, or a command that reads or trims). Opening checks that the
/// file is a SiteStatus history of a schema this module knows, and brings an older one up to date; a file that is not
/// (another program's database, a damaged file, a newer schema) is refused and never written. Writes are transactions
/// that wait for another writer up to the lock wait (SQLite's busy timeout); in WAL mode, reading never waits for one.
/// </summary>
internal sealed class HistoryStore : IDisposable
{
    /// <summary>How long a write waits for another run (or program) that holds the database.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private readonly SqliteConnection _connection;
    private readonly TimeSpan _lockWait;

    // The site rows this connection knows, by URL and location: written runs look each up once.
    private readonly Dictionary<(string Uri, string Location), long> _sites = [];

    // A file with no schema yet, opened only to read or trim: it holds nothing, and is left as it is.
    private bool _empty;

    private HistoryStore(string path, SqliteConnection connection, TimeSpan lockWait)
    {
        Path = path;
        _connection = connection;
        _lockWait = lockWait;
    }

    /// <summary>The database's full path, as messages name it.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens the history a run appends to: made when missing (with its folder), brought to the current schema, and
    /// written once at the start, so that a run learns before any check whether it can write (<see cref="HistoryFileException.Locked"/>).
    /// </summary>
    /// <exception cref="HistoryFileException">The file cannot be used, or another writer held it past <paramref name="lockWait"/>.</exception>
    public static HistoryStore Open(string path, TimeSpan lockWait)
    {
        if (Directory.Exists(path))
        {
            throw Folder(path);
        }

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unusable(path, HistoryFileException.NotSaved, $"its folder '{folder}' does not exist and cannot be made ({e.Message.TrimEnd('.')})", e);
        }

        return Connect(path, SqliteOpenMode.ReadWriteCreate, lockWait, create: true);
    }

    /// <summary>
    /// Opens a history to trim, or with <paramref name="readOnly"/> to read (also where its folder cannot be written,
    /// as for a status page made by another user); a file with no schema yet holds nothing and is not written.
    /// </summary>
    /// <exception cref="HistoryFileException">The file is not there, cannot be used, or another writer held it past <paramref name="lockWait"/>.</exception>
    public static HistoryStore OpenExisting(string path, TimeSpan lockWait, bool readOnly)
    {
        if (!File.Exists(path))
        {
            throw Directory.Exists(path) ? Folder(path) : new HistoryFileException(HistoryFileException.NotFound, $"The history '{path}' does not exist.");
        }

        if (!readOnly)
        {
            return Connect(path, SqliteOpenMode.ReadWrite, lockWait, create: false);
        }

        try
        {
            return Connect(path, SqliteOpenMode.ReadOnly, lockWait, create: false);
        }
        catch (HistoryFileException e) when (e.InnerException is SqliteException { SqliteErrorCode: raw.SQLITE_CANTOPEN })
        {
            // A reader of a WAL database shares the -shm file beside it, and makes it when no writer has: where the
            // folder cannot be written, no writer is there to change the file, and it is read as it stands.
            return Connect(path, SqliteOpenMode.ReadOnly, lockWait, create: false, new System.Uri(System.IO.Path.GetFullPath(path)).AbsoluteUri + "?immutable=1");
        }
    }

    private static HistoryFileException Folder(string path) =>
        Unusable(path, HistoryFileException.Unreadable, "it is a folder; give the path of a file in it, such as " + System.IO.Path.Combine(path, "sites.db"));

    /// <summary>Appends the outcomes in one transaction, waiting for another writer up to the lock wait.</summary>
    /// <exception cref="HistoryFileException">Nothing of the batch was written.</exception>
    public void Append(IReadOnlyList<HistoryOutcome> outcomes)
    {
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = Command(
                "INSERT INTO outcome (site, checked_at, status, failure, status_code, response_ms, reason, maintenance) VALUES ($site, $at, $status, $failure, $code, $ms, $reason, $maintenance)",
                transaction);
            var site = insert.Parameters.Add("$site", SqliteType.Integer);
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            var status = insert.Parameters.Add("$status", SqliteType.Text);
            var failure = insert.Parameters.Add("$failure", SqliteType.Text);
            var code = insert.Parameters.Add("$code", SqliteType.Integer);
            var ms = insert.Parameters.Add("$ms", SqliteType.Real);
            var reason = insert.Parameters.Add("$reason", SqliteType.Text);
            var maintenance = insert.Parameters.Add("$maintenance", SqliteType.Integer);
            foreach (var outcome in outcomes)
            {
                site.Value = SiteId(outcome.Uri, outcome.Location ?? string.Empty, transaction);
                at.Value = outcome.CheckedAt.ToUnixTimeMilliseconds();
                status.Value = outcome.Status.ToString();
                failure.Value = outcome.Failure;
                code.Value = (object?)outcome.StatusCode ?? DBNull.Value;
                ms.Value = double.IsNaN(outcome.ResponseTimeMs) ? DBNull.Value : outcome.ResponseTimeMs;
                reason.Value = (object?)outcome.Reason ?? DBNull.Value;
                maintenance.Value = outcome.Maintenance ? 1 : 0;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        catch (SqliteException e)
        {
            // The transaction rolled back: the site rows it added are gone too.
            _sites.Clear();
            throw Failed(e, HistoryFileException.NotSaved, "cannot be written");
        }
    }

    /// <summary>
    /// The outcomes of the URLs that match any of <paramref name="uriPatterns"/> (<see cref="UriPattern"/>; * for all),
    /// from <paramref name="location"/> (any case; null for every location and none), checked from
    /// <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive): URL by URL in ordinal order, each URL's
    /// in the order they were checked. Read as they are enumerated, so a long range takes no memory.
    /// </summary>
    /// <exception cref="HistoryFileException">The file turned out to be damaged, or holds what this module does not write.</exception>
    public IEnumerable<HistoryOutcome> Read(IReadOnlyList<string> uriPatterns, string? location, DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var url in Sites(uriPatterns, location).GroupBy(s => s.Uri, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // The URL and location are the site row's, one string each for all its outcomes.
            var locations = url.ToDictionary(s => s.Id, s => s.Location.Length > 0 ? s.Location : null);
            using var select = Command(
                $"""
                SELECT o.site, o.checked_at, {Facts}, o.response_ms, o.status, o.failure, o.reason
                FROM outcome o
                WHERE o.site IN ({string.Join(", ", url.Select(s => s.Id.ToString(CultureInfo.InvariantCulture)))}) AND o.checked_at >= $from AND o.checked_at < $to
                ORDER BY o.checked_at, o.rowid
                """);
            select.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
            select.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
            foreach (var outcome in Rows(select, url.Key, locations))
            {
                yield return outcome;
            }
        }
    }

    /// <summary>How many outcomes <see cref="Remove"/> would remove now.</summary>
    /// <exception cref="HistoryFileException">The file cannot be read.</exception>
    public long Count(IReadOnlyList<string> uriPatterns, DateTimeOffset before) =>
        EachSite(uriPatterns, before, "SELECT count(*) FROM outcome WHERE site = $site AND checked_at < $before", command => (long)command.ExecuteScalar()!);

    /// <summary>
    /// Removes the outcomes of the URLs that match <paramref name="uriPatterns"/> checked before <paramref name="before"/>,
    /// in one transaction, and gives the freed pages back to the file system.
    /// </summary>
    /// <returns>How many were removed.</returns>
    /// <exception cref="HistoryFileException">The file cannot be written, or another writer held it past the lock wait.</exception>
    public long Remove(IReadOnlyList<string> uriPatterns, DateTimeOffset before)
    {
        var removed = EachSite(uriPatterns, before, "DELETE FROM outcome WHERE site = $site AND checked_at < $before", command => command.ExecuteNonQuery(), write: true);
        if (removed == 0)
        {
            return 0;
        }

        try
        {
            // Site rows stay: a run that writes now may hold their ids, and they are a row per URL.
            using var vacuum = Command("PRAGMA incremental_vacuum");
            vacuum.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            throw Failed(e, HistoryFileException.NotSaved, "cannot be written");
        }

        return removed;
    }

    public void Dispose() => _connection.Dispose();

    private static HistoryStore Connect(string path, SqliteOpenMode mode, TimeSpan lockWait, bool create, string? uri = null)
    {
        SqliteLibrary.EnsureLoaded();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = uri ?? path,
            Mode = mode,

            // No pool: the file is let go when the command is done with it, for other programs and for a move.
            Pooling = false,

            // Microsoft.Data.Sqlite retries a busy statement until this, beside SQLite's own busy timeout below.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(lockWait.TotalSeconds)),
        }.ToString());
        var store = new HistoryStore(path, connection, lockWait);
        try
        {
            store.Prepare(create);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private void Prepare(bool create)
    {
        try
        {
            _connection.Open();
            Execute($"PRAGMA busy_timeout = {(long)_lockWait.TotalMilliseconds}");
            var (version, fresh) = InspectAtOnce();
            if (fresh && !create)
            {
                _empty = true;
                return;
            }

            if (fresh)
            {
                // Before the first table: freed pages can be given back (Remove), and readers never wait for a writer.
                Execute("PRAGMA auto_vacuum = INCREMENTAL");
                Execute("PRAGMA journal_mode = WAL");
            }

            Execute("PRAGMA synchronous = NORMAL");
            if (version == HistorySchema.Version && !create)
            {
                return;
            }

            // A run takes the write lock once now, so that a busy or read-only file stops it before any check; another
            // run may have made the schema meanwhile, so the file is looked at again inside the transaction.
            using var transaction = _connection.BeginTransaction();
            HistorySchema.Schema.Migrate(_connection, transaction, Inspect(transaction).Version);

            transaction.Commit();
        }
        catch (SqliteException e)
        {
            throw Failed(e, create ? HistoryFileException.NotSaved : HistoryFileException.Unreadable, create ? "cannot be opened for writing" : "cannot be read");
        }
    }

    // The three reads of Inspect in one snapshot: another run making the schema meanwhile is seen whole or not at all
    // (read one by one, its application_id could be read before and its tables after, and the file refused).
    private (int Version, bool Fresh) InspectAtOnce()
    {
        using var look = _connection.BeginTransaction(deferred: true);
        var found = Inspect(look);
        look.Commit();
        return found;
    }

    // The schema version of a SiteStatus history, or 0 for a file with nothing in it yet (new, or empty); anything else is refused.
    private (int Version, bool Fresh) Inspect(SqliteTransaction transaction)
    {
        var (version, fresh, refusal) = HistorySchema.Schema.Inspect(_connection, transaction);
        return refusal is null ? (version, fresh) : throw Refused(refusal);
    }

    private long SiteId(string uri, string location, SqliteTransaction transaction)
    {
        if (_sites.TryGetValue((uri, location), out var id))
        {
            return id;
        }

        // Inside the write transaction no other writer can add the same site between the look-up and the insert.
        using var find = Command("SELECT id FROM site WHERE uri = $uri AND location = $location", transaction);
        find.Parameters.AddWithValue("$uri", uri);
        find.Parameters.AddWithValue("$location", location);
        if (find.ExecuteScalar() is not long found)
        {
            using var add = Command("INSERT INTO site (uri, location) VALUES ($uri, $location) RETURNING id", transaction);
            add.Parameters.AddWithValue("$uri", uri);
            add.Parameters.AddWithValue("$location", location);
            found = (long)add.ExecuteScalar()!;
        }

        _sites[(uri, location)] = found;
        return found;
    }

    // The site rows that match: the few URLs and locations, read whole and matched here as maintenance patterns are.
    private List<(long Id, string Uri, string Location)> Sites(IReadOnlyList<string> uriPatterns, string? location)
    {
        var sites = new List<(long, string, string)>();
        if (_empty)
        {
            return sites;
        }

        using var select = Command("SELECT id, uri, location FROM site");
        foreach (var (id, uri, at) in Guard(() =>
        {
            var rows = new List<(long, string, string)>();
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }

            return rows;
        }))
        {
            if (uriPatterns.Any(pattern => UriPattern.Matches(pattern, uri)) && (location is null || string.Equals(location, at, StringComparison.OrdinalIgnoreCase)))
            {
                sites.Add((id, uri, at));
            }
        }

        return sites;
    }

    private long EachSite(IReadOnlyList<string> uriPatterns, DateTimeOffset before, string sql, Func<SqliteCommand, long> run, bool write = false)
    {
        var sites = Sites(uriPatterns, null);
        if (sites.Count == 0)
        {
            return 0;
        }

        try
        {
            using var transaction = write ? _connection.BeginTransaction() : null;
            using var command = Command(sql, transaction);
            var site = command.Parameters.Add("$site", SqliteType.Integer);
            command.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
            long total = 0;
            foreach (var (id, _, _) in sites)
            {
                site.Value = id;
                total += run(command);
            }

            transaction?.Commit();
            return total;
        }
        catch (SqliteException e)
        {
            throw Failed(e, write ? HistoryFileException.NotSaved : HistoryFileException.Unreadable, write ? "cannot be written" : "cannot be read");
        }
    }

    // Most of an outcome in one integer, made by SQLite: a month of a thousand sites is millions of rows, and each column
    // read costs a call into SQLite, so a row that says what most say (Up, failure None, reason OK) is read in four.
    // Bits 0-2: the status (StatusCodes' index, 7 for one this module does not write); 3: maintenance; 4: failure is
    // None; 5: reason is OK; 6: a status code; 7: a response time; from 8: the status code.
    private const string Facts = """
        (CASE o.status WHEN 'Up' THEN 0 WHEN 'Down' THEN 1 WHEN 'Degraded' THEN 2 WHEN 'Flaky' THEN 3 WHEN 'NotRun' THEN 4 WHEN 'Partial' THEN 5 ELSE 7 END)
        | ((o.maintenance <> 0) << 3) | ((o.failure IS 'None') << 4) | ((o.reason IS 'OK') << 5)
        | ((o.status_code IS NOT NULL) << 6) | ((o.response_ms IS NOT NULL) << 7) | (ifnull(o.status_code, 0) << 8)
        """;

    // The statuses in the order Facts numbers them.
    private static readonly SiteState[] StatusCodes = [SiteState.Up, SiteState.Down, SiteState.Degraded, SiteState.Flaky, SiteState.NotRun, SiteState.Partial];

    private IEnumerable<HistoryOutcome> Rows(SqliteCommand select, string uri, Dictionary<long, string?> locations)
    {
        var only = locations.Values.First();
        var reader = Guard(select.ExecuteReader);
        try
        {
            while (true)
            {
                // Guarded as Guard does, without a delegate for each of millions of rows.
                HistoryOutcome outcome;
                try
                {
                    if (!reader.Read())
                    {
                        break;
                    }

                    outcome = Row(reader, uri, locations, only);
                }
                catch (SqliteException e)
                {
                    throw Failed(e, HistoryFileException.Unreadable, "cannot be read");
                }
                catch (InvalidCastException e)
                {
                    throw Unwritten(e);
                }

                yield return outcome;
            }
        }
        finally
        {
            reader.Dispose();
        }
    }

    // Columns: site, checked_at, Facts, response_ms, status, failure, reason; the site only when the URL has several
    // (locations), the last three only when Facts says they are not what most rows hold.
    private HistoryOutcome Row(SqliteDataReader row, string uri, Dictionary<long, string?> locations, string? only)
    {
        var facts = row.GetInt64(2);
        var status = (int)(facts & 7) < StatusCodes.Length
            ? StatusCodes[facts & 7]
            : throw Refused($"an outcome of {uri} has the status '{row.GetString(4)}', which this module does not know");
        return new HistoryOutcome(
            uri,
            locations.Count == 1 ? only : locations[row.GetInt64(0)],
            DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(1)).ToLocalTime(),
            status,
            (facts & (1 << 4)) != 0 ? "None" : row.GetString(5),
            (facts & (1 << 6)) != 0 ? checked((int)(facts >> 8)) : null,
            (facts & (1 << 7)) != 0 ? row.GetDouble(3) : double.NaN,
            (facts & (1 << 5)) != 0 ? "OK" : row.IsDBNull(6) ? null : row.GetString(6),
            (facts & (1 << 3)) != 0);
    }

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (SqliteException e)
        {
            throw Failed(e, HistoryFileException.Unreadable, "cannot be read");
        }
        catch (InvalidCastException e)
        {
            throw Unwritten(e);
        }
    }

    private HistoryFileException Unwritten(InvalidCastException e) => Refused($"it holds a value this module does not write ({e.Message.TrimEnd('.')})", e);

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null) => SqliteSchema.Command(_connection, sql, transaction);

    private HistoryFileException Failed(SqliteException e, string otherwise, string what) => e.SqliteErrorCode switch
    {
        raw.SQLITE_BUSY or raw.SQLITE_LOCKED => new HistoryFileException(
            HistoryFileException.Locked,
            string.Format(CultureInfo.InvariantCulture, "The history '{0}' is in use by another run or program; waited {1:0.#} s for it.", Path, _lockWait.TotalSeconds),
            e),
        raw.SQLITE_NOTADB or raw.SQLITE_CORRUPT => Refused($"it is not a SQLite database, or it is damaged ({e.Message.TrimEnd('.')})", e),
        _ => Unusable(Path, otherwise, $"it {what} ({e.Message.TrimEnd('.')})", e),
    };

    private HistoryFileException Refused(string problem, Exception? inner = null) =>
        new(HistoryFileException.Unreadable, $"The history '{Path}' cannot be used: {problem}. It was left as it is; move it away to start a new history.", inner);

    private static HistoryFileException Unusable(string path, string errorId, string problem, Exception? inner = null) =>
        new(errorId, $"The history '{path}' cannot be used: {problem}.", inner);
}
