namespace SiteStatus.History;

/// <summary>
/// The history database's schema, versioned by SQLite's user_version and made ours by its application_id: each step
/// takes a file from one version to the next, in one transaction with the version it reaches, so a file is always at
/// a version whole. A later release adds a step; it never changes one that files have already been through.
/// </summary>
internal static class HistorySchema
{
    /// <summary>The application_id of a SiteStatus history ("SiSt"): another program's SQLite database is never taken for one.</summary>
    public const int ApplicationId = 0x53695374;

    // sites: one row per URL and location ('' for none), so an outcome is a few numbers and its reason, and a pattern
    // of URLs is matched against the few sites, not the many outcomes. Times are Unix milliseconds (UTC). The index
    // finds one URL's outcomes over a time range without reading any other's.
    private static readonly string[] Steps =
    [
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
        """,
    ];

    /// <summary>The version this module writes, and the newest it reads.</summary>
    public static int Version => Steps.Length;

    /// <summary>The statements that take a file at <paramref name="version"/> to the next.</summary>
    public static string StepFrom(int version) => Steps[version];
}
