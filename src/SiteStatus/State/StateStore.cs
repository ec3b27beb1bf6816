using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace SiteStatus.State;

/// <summary>
/// A state file, whatever its format: entries per masked URL (per location and URL for checks from many locations
/// that each keep their own), the one-off maintenance periods, and whether delivery is tracked. Held for the whole run
/// by a lock file beside it, so two runs never interleave; a run's changes are written by <see cref="Save"/>, all or
/// nothing; a file that cannot be read is never written. The format follows the file: SQLite for a file that is a
/// SQLite database, or a new one named .db, .sqlite or .sqlite3 (<see cref="SqliteStateStore"/>, which reads only the
/// entries a run asks for); JSON a person can read for any other (<see cref="JsonStateStore"/>).
/// </summary>
internal abstract class StateStore : IDisposable
{
    /// <summary>How long a run waits for another that holds the same file.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    /// <summary>An entry no run has checked for this long is dropped.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(100);

    private static readonly string[] SqliteNames = [".db", ".sqlite", ".sqlite3"];

    private readonly FileStream _lock;

    private protected StateStore(string path, FileStream held)
    {
        StatePath = path;
        _lock = held;
    }

    /// <summary>The one-off maintenance periods, read whole: they are few.</summary>
    public List<MaintenancePeriod> Maintenance { get; } = [];

    /// <summary>
    /// Whether Send-SiteStatusAlert -StatePath records delivery in this file. From then on a confirmed change stays
    /// pending, and is reported again by each run, until an alert for it is delivered.
    /// </summary>
    public bool DeliveryTracked { get; set; }

    /// <summary>The file's path, as messages name it.</summary>
    protected string StatePath { get; }

    /// <summary>Takes the file's lock (waiting at most <see cref="LockWait"/>) and opens it in its format; a missing file is an empty state, and a missing folder is made.</summary>
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
            throw new StateFileException(StateFileException.NotSaved, $"The state file '{path}' cannot be used: its folder '{folder}' does not exist and cannot be made ({e.Message.TrimEnd('.')}).", e);
        }

        var held = Lock(path, LockWait, stopping);
        try
        {
            // Looked at under the lock: the run that held it may have just made the file.
            return IsSqlite(path) ? SqliteStateStore.Open(path, held) : JsonStateStore.Open(path, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>The entries of one location, or with none the URLs' own.</summary>
    public abstract IStateEntries EntriesAt(string? location);

    /// <summary>The entry a result of <paramref name="location"/> stands for: that location's own, if it keeps one, else the URL's.</summary>
    public StateEntry? Find(string url, string? location) =>
        (location is null ? null : EntriesAt(location).Find(url)) ?? EntriesAt(null).Find(url);

    /// <summary>Whether a one-off maintenance covers <paramref name="url"/> at <paramref name="at"/>.</summary>
    public bool InMaintenance(string url, DateTimeOffset at) => Maintenance.Exists(m => m.Covers(url, at));

    /// <summary>Writes the changes of this run, all or nothing, dropping the maintenance that has ended and the entries not seen within <see cref="Retention"/> of <paramref name="now"/>.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public abstract void Save(DateTimeOffset now);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The oldest LastSeen of an entry kept at <paramref name="now"/>.</summary>
    protected static DateTimeOffset KeptSince(DateTimeOffset now) => now - Retention;

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _lock.Dispose();
        }
    }

    /// <summary>A file that cannot be used as it is: it is left as it is.</summary>
    protected StateFileException Unreadable(string problem, Exception? inner = null) =>
        new(StateFileException.Unreadable, $"The state file '{StatePath}' cannot be used: {problem.TrimEnd('.')}. It was left as it is; move it away to start a new state.", inner);

    private static StateFileException Unusable(string path, string problem, Exception? inner = null) =>
        new(StateFileException.Unreadable, $"The state file '{path}' cannot be used: {problem}.", inner);

    // SQLite by what the file holds, not its name (a JSON state named x.db stays JSON); a new or empty file by its name.
    private static bool IsSqlite(string path)
    {
        var header = System.Text.Encoding.ASCII.GetBytes("SQLite format 3\0");
        var start = new byte[header.Length];
        var read = 0;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            while (read < start.Length && file.Read(start, read, start.Length - read) is var n and > 0)
            {
                read += n;
            }
        }
        catch (FileNotFoundException)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unusable(path, $"it cannot be read ({e.Message.TrimEnd('.')})", e);
        }

        return read == 0 ? HasSqliteName(path) : start.SequenceEqual(header);
    }

    /// <summary>Whether the path's name asks for SQLite (.db, .sqlite, .sqlite3), as a new file's does.</summary>
    protected static bool HasSqliteName(string path) => SqliteNames.Any(name => path.EndsWith(name, StringComparison.OrdinalIgnoreCase));

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
            catch (IOException e) when (HeldByAnother(e) && DateTime.UtcNow < deadline)
            {
                stopping.WaitHandle.WaitOne(LockPoll);
                stopping.ThrowIfCancellationRequested();
            }
            catch (IOException e) when (HeldByAnother(e))
            {
                throw new StateFileException(
                    StateFileException.Locked,
                    string.Format(CultureInfo.InvariantCulture, "The state file '{0}' is in use by another run; waited {1:0} s for it.", path, wait.TotalSeconds),
                    e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A read-only folder is no other run: waiting would not help, and saying so would mislead.
                throw new StateFileException(
                    StateFileException.NotSaved,
                    $"The state file '{path}' cannot be used: its lock file '{lockPath}' cannot be made or opened ({e.Message.TrimEnd('.')}); a run writes it beside the state file.",
                    e);
            }
        }
    }

    // Another process holds the lock: Windows' sharing or lock violation, or the EWOULDBLOCK of flock (11 on Linux, 35 on macOS).
    private static bool HeldByAnother(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);
}
