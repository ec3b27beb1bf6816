using Microsoft.Data.Sqlite;

namespace SiteStatus.History;

/// <summary>
/// A SQLite file of this module, versioned by SQLite's user_version and made ours by its application_id: each step
/// takes a file from one version to the next, in one transaction with the version it reaches, so a file is always at
/// a version whole. A later release adds a step; it never changes one that files have already been through. The
/// history (<see cref="HistorySchema"/>) and the state (<see cref="State.StateSchema"/>) each have their own
/// application_id, so neither file, nor another program's database, is ever taken for the other.
/// </summary>
/// <param name="kind">What a file of this schema is, as messages name it: "history", "state".</param>
/// <param name="applicationId">The application_id that makes a file ours.</param>
/// <param name="steps">The statements that take a file from each version to the next, from 0 (nothing in it).</param>
internal sealed class SqliteSchema(string kind, int applicationId, params string[] steps)
{
    /// <summary>The version this module writes, and the newest it reads.</summary>
    public int Version => steps.Length;

    /// <summary>A command on <paramref name="connection"/>, in <paramref name="transaction"/> when one is open.</summary>
    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>The one integer <paramref name="sql"/> answers.</summary>
    public static long Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction)
    {
        using var command = Command(connection, sql, transaction);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// The schema version of the file, or 0 and Fresh for a file with nothing in it yet (new, or empty); Refusal says
    /// why it is not a file of this schema (another program's database, or a newer schema), and is null when it is.
    /// </summary>
    public (int Version, bool Fresh, string? Refusal) Inspect(SqliteConnection connection, SqliteTransaction transaction)
    {
        var id = Scalar(connection, "PRAGMA application_id", transaction);
        var version = Scalar(connection, "PRAGMA user_version", transaction);
        if (id == 0 && version == 0 && Scalar(connection, "SELECT count(*) FROM sqlite_master", transaction) == 0)
        {
            return (0, true, null);
        }

        if (id != applicationId)
        {
            return (0, false, $"it is a SQLite database, but not a SiteStatus {kind} (its application_id is {id}, not {applicationId})");
        }

        return version >= 1 && version <= Version
            ? ((int)version, false, null)
            : (0, false, $"its schema version ({version}) is not one this module reads (1 to {Version}); a newer SiteStatus wrote it");
    }

    /// <summary>Takes a file at version <paramref name="from"/> to <see cref="Version"/>, inside <paramref name="transaction"/>.</summary>
    public void Migrate(SqliteConnection connection, SqliteTransaction transaction, int from)
    {
        for (var step = from; step < Version; step++)
        {
            using var migrate = Command(connection, steps[step], transaction);
            migrate.ExecuteNonQuery();
            using var mark = Command(connection, $"PRAGMA user_version = {step + 1}; PRAGMA application_id = {applicationId}", transaction);
            mark.ExecuteNonQuery();
        }
    }
}
