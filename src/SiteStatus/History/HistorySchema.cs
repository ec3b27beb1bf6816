namespace SiteStatus.History;

/// <summary>The history database's schema (<see cref="SqliteSchema"/>).</summary>
internal static class HistorySchema
{
    /// <summary>The application_id of a SiteStatus history ("SiSt"): another program's SQLite database is never taken for one.</summary>
    public const int ApplicationId = 0x53695374;

    // sites: one row per URL and location ('' for none), so an outcome is a few numbers and its reason, and a pattern
    // of URLs is matched against the few sites, not the many outcomes. Times are Unix milliseconds (UTC). The index
    // finds one URL's outcomes over a time range without reading any other's.
    public static readonly SqliteSchema Schema = new(
        "history",
        ApplicationId,
        """
        CREATE TABLE site (
            id INTEGER PRIMARY KEY,
            uri TEXT NOT NULL,
            location TEXT NOT NULL,
            UNIQUE (uri, location));
        CREATE TABLE outcome (
            site INTEGER NOT NULL REFERENCES site (id),
            checked_at INTEGER NOT NULL,
            status TEXT NOT NULL,
            failure TEXT NOT NULL,
            status_code INTEGER,
            response_ms REAL,
            reason TEXT,
            maintenance INTEGER NOT NULL);
        CREATE INDEX outcome_site_time ON outcome (site, checked_at);
        """);

    /// <summary>The version this module writes, and the newest it reads.</summary>
    public static int Version => Schema.Version;
}
