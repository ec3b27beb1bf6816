using SiteStatus.History;

namespace SiteStatus.State;

/// <summary>The SQLite state's schema (<see cref="SqliteSchema"/>), with an application_id of its own.</summary>
internal static class StateSchema
{
    /// <summary>The application_id of a SiteStatus state ("SiSS"): a history, or another program's database, is never taken for one.</summary>
    public const int ApplicationId = 0x53695353;

    // entry: one row per location ('' for the URL's own entries) and masked URL, the fields of a StateEntry. Times are
    // .NET ticks in UTC (100 ns from 0001-01-01), as exact as the JSON's; the index finds the entries past retention
    // without reading the others. settings: one row.
    public static readonly SqliteSchema Schema = new(
        "state",
        ApplicationId,
        """
        CREATE TABLE entry (
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
            history TEXT NOT NULL,
            PRIMARY KEY (location, uri)) WITHOUT ROWID;
        CREATE INDEX entry_last_seen ON entry (last_seen);
        CREATE TABLE maintenance (
            uri TEXT NOT NULL,
            start_at INTEGER NOT NULL,
            end_at INTEGER NOT NULL,
            reason TEXT);
        CREATE TABLE settings (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            delivery_tracked INTEGER NOT NULL);
        """);
}
