using SiteStatus.History;

namespace SiteStatus.State;

/// <summary>The SQLite state's schema (<see cref="SqliteSchema"/>), with an application_id of its own.</summary>
internal static class StateSchema
{
    /// <summary>The application_id of a SiteStatus state ("SiSS"): a history, or another program's database, is never taken for one.</summary>
    public const int ApplicationId = 0x53695353;

    // entry: one row per location ('' for the URL's own entries) and masked URL, the fields of a StateEntry, found by
    // its key through entry_key and kept in the order it was first written: the entries of the URLs one job checks were
    // written together, so a run rewrites the few pages they share, not a page for each scattered through the file.
    // Times are .NET ticks in UTC (100 ns from 0001-01-01), as exact as the JSON's. settings: one row; pruned_at is when
    // the entries past retention were last dropped.
    public static readonly SqliteSchema Schema = new(
        "state",
        ApplicationId,
        """
        CREATE TABLE entry (
            id INTEGER PRIMARY KEY,
            location TEXT NOT NULL,
            uri TEXT NOT NULL,
            confirmed TEXT NOT NULL,
            since INTEGER NOT NULL,
            failures INTEGER NOT NULL,
            successes INTEGER NOT NULL,
            runs_since_change INTEGER NOT NULL,
            streak_start INTEGER,
            last_seen INTEGER NOT NULL,
            last_alert INTEGER,
            pending_alert TEXT,
            history TEXT NOT NULL);
        CREATE UNIQUE INDEX entry_key ON entry (location, uri);
        CREATE TABLE maintenance (
            uri TEXT NOT NULL,
            start_at INTEGER NOT NULL,
            end_at INTEGER NOT NULL,
            reason TEXT);
        CREATE TABLE settings (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            delivery_tracked INTEGER NOT NULL,
            pruned_at INTEGER);
        """);
}
