using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SiteStatus.History;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>The history store on real SQLite files in a temporary folder, and the cmdlets that write and read it.</summary>
public sealed class HistoryTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>, IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ShortWait = TimeSpan.FromSeconds(1);

    private readonly TestSite _site = fixture.Site;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sitestatus-history-");

    private string DbPath => Path.Combine(_folder.FullName, "sites.db");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void NewFile_GetsTheSchema_ItsVersion_AndTheApplicationId()
    {
        using (HistoryStore.Open(Path.Combine(_folder.FullName, "made/on/demand/sites.db"), ShortWait))
        {
        }

        var made = Path.Combine(_folder.FullName, "made/on/demand/sites.db");
        Assert.Equal((long)HistorySchema.Version, Scalar(made, "PRAGMA user_version"));
        Assert.Equal((long)HistorySchema.ApplicationId, Scalar(made, "PRAGMA application_id"));
        Assert.Equal("wal", Scalar(made, "PRAGMA journal_mode"));
        Assert.Equal("outcome_site_time", Scalar(made, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outcome'"));
    }

    [Fact]
    public void Read_GivesBackEveryField_UrlByUrl_EachInTimeOrder()
    {
        var outcomes = new[]
        {
            new HistoryOutcome("https://b.example/", null, Noon.AddMinutes(2), SiteState.Down, "HttpStatus", 503, 12.5, "Service Unavailable", false),
            new HistoryOutcome("https://a.example/", "east", Noon.AddMinutes(1), SiteState.Up, "None", 200, 3.25, "OK", true),
            new HistoryOutcome("https://b.example/", null, Noon, SiteState.Flaky, "None", 200, 40, null, false),
            new HistoryOutcome("https://a.example/", null, Noon, SiteState.Partial, "Timeout", null, double.NaN, "Down from 1 of 2 locations", false),
        };
        using (var store = HistoryStore.Open(DbPath, ShortWait))
        {
            store.Append(outcomes[..2]);
            store.Append(outcomes[2..]);
        }

        using var reader = HistoryStore.OpenExisting(DbPath, ShortWait, readOnly: true);
        var read = reader.Read(["*"], null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue).ToList();

        Assert.Equal([outcomes[3], outcomes[1], outcomes[2], outcomes[0]], read, OutcomeComparer.Instance);
        Assert.True(double.IsNaN(read[0].ResponseTimeMs));
        Assert.Null(read[0].StatusCode);
        Assert.Null(read[2].Reason);
    }

    [Fact]
    public void Read_FiltersByPattern_Location_AndTimeRange()
    {
        using (var store = HistoryStore.Open(DbPath, ShortWait))
        {
            store.Append(
            [
                Outcome("https://shop.example/cart", Noon, "east"),
                Outcome("https://shop.example/cart", Noon.AddHours(1), "West"),
                Outcome("https://shop.example/pay", Noon.AddHours(2), "east"),
                Outcome("https://blog.example/", Noon.AddHours(3), null),
            ]);
        }

        using var reader = HistoryStore.OpenExisting(DbPath, ShortWait, readOnly: true);
        string Read(IReadOnlyList<string> patterns, string? location, DateTimeOffset from, DateTimeOffset to) =>
            string.Join(" ", reader.Read(patterns, location, from, to).Select(o => $"{o.Uri}@{(int)(o.CheckedAt - Noon).TotalHours}"));

        Assert.Equal("https://shop.example/cart@0 https://shop.example/cart@1 https://shop.example/pay@2", Read(["HTTPS://SHOP.example/*"], null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
        Assert.Equal("https://shop.example/cart@1", Read(["*"], "west", DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
        Assert.Equal("https://blog.example/@3 https://shop.example/cart@1 https://shop.example/pay@2", Read(["*"], null, Noon.AddHours(1), Noon.AddHours(4)));
        Assert.Equal("https://shop.example/cart@0", Read(["https://shop.example/cart", "https://none.example/"], null, Noon, Noon.AddHours(1)));
        Assert.Equal(string.Empty, Read(["https://shop.example/ca?"], null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
    }

    [Fact]
    public void Writer_Writes100000Outcomes_EachOnce()
    {
        const int Count = 100_000;
        using (var writer = new HistoryWriter(HistoryStore.Open(DbPath, ShortWait)))
        {
            for (var i = 0; i < Count; i++)
            {
                writer.Add(Outcome($"https://site{i % 1000}.example/", Noon.AddMilliseconds(i), null));
            }

            writer.Complete();
            Assert.Null(writer.TakeFault());
            Assert.Equal(Count, writer.Written);
        }

        Assert.Equal((long)Count, Scalar(DbPath, "SELECT count(*) FROM outcome"));
        Assert.Equal((long)Count, Scalar(DbPath, "SELECT count(DISTINCT checked_at) FROM outcome"));
        Assert.Equal(1000L, Scalar(DbPath, "SELECT count(*) FROM site"));
    }

    [Fact]
    public void Read_GivesBackEveryStatus_AndRefusesOneItDoesNotKnow()
    {
        // The read packs a row's status, flags and code into one number (a month of a fleet is millions of rows).
        var outcomes = Enum.GetValues<SiteState>().Select((state, i) => new HistoryOutcome("https://a.example/", null, Noon.AddMinutes(i), state, i % 2 == 0 ? "None" : "Tls", i % 3 == 0 ? null : 200 + i, i, i % 2 == 0 ? "OK" : "other", i % 2 == 1)).ToArray();
        using (var store = HistoryStore.Open(DbPath, ShortWait))
        {
            store.Append(outcomes);
        }

        using (var reader = HistoryStore.OpenExisting(DbPath, ShortWait, readOnly: true))
        {
            Assert.Equal(outcomes, reader.Read(["*"], null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue), OutcomeComparer.Instance);
        }

        Sql(DbPath, "UPDATE outcome SET status = 'Sideways' WHERE checked_at = (SELECT max(checked_at) FROM outcome)");
        using var damaged = HistoryStore.OpenExisting(DbPath, ShortWait, readOnly: true);
        var refused = Assert.Throws<HistoryFileException>(() => damaged.Read(["*"], null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue).ToList());
        Assert.Equal(HistoryFileException.Unreadable, refused.ErrorId);
        Assert.Contains("the status 'Sideways'", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("damaged header")]
    [InlineData("foreign database")]
    public void FileThatIsNoHistory_IsUnreadable_AndLeftAsItWas(string kind)
    {
        switch (kind)
        {
            case "text":
                File.WriteAllText(DbPath, "url,status\nhttps://example.com/,Up\n");
                break;
            case "damaged header":
                using (HistoryStore.Open(DbPath, ShortWait))
                {
                }

                var bytes = File.ReadAllBytes(DbPath);
                "not a header!"u8.CopyTo(bytes);
                File.WriteAllBytes(DbPath, bytes);
                break;
            default:
                Sql(DbPath, "CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoice VALUES (1, 9.5)");
                break;
        }

        var before = File.ReadAllBytes(DbPath);

        var refused = Assert.Throws<HistoryFileException>(() => HistoryStore.Open(DbPath, ShortWait));
        var refusedToRead = Assert.Throws<HistoryFileException>(() => HistoryStore.OpenExisting(DbPath, ShortWait, readOnly: true));

        Assert.Equal(HistoryFileException.Unreadable, refused.ErrorId);
        Assert.Equal(HistoryFileException.Unreadable, refusedToRead.ErrorId);
        Assert.Contains(DbPath, refused.Message, StringComparison.Ordinal);
        Assert.Contains("left as it is", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(DbPath));
    }

    [Fact]
    public void NewerSchema_IsRefused_AndLeftAsItWas()
    {
        using (var store = HistoryStore.Open(DbPath, ShortWait))
        {
            store.Append([Outcome("https://a.example/", Noon, null)]);
        }

        Sql(DbPath, $"PRAGMA user_version = {HistorySchema.Version + 1}");
        var before = File.ReadAllBytes(DbPath);

        var refused = Assert.Throws<HistoryFileException>(() => HistoryStore.Open(DbPath, ShortWait));

        Assert.Equal(HistoryFileException.Unreadable, refused.ErrorId);
        Assert.Contains($"schema version ({HistorySchema.Version + 1})", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(DbPath));
    }

    [Fact]
    public void EmptyFile_IsANewHistory_ToWrite_AndHoldsNothing_ToRead()
    {
        File.WriteAllBytes(DbPath, []);

        using (var reader = HistoryStore.OpenExisting(DbPath, ShortWait, readOnly: true))
        {
            Assert.Empty(reader.Read(["*"], null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
            Assert.Equal(0, reader.Remove(["*"], Noon));
        }

        Assert.Equal(0, new FileInfo(DbPath).Length);
        using (var store = HistoryStore.Open(DbPath, ShortWait))
        {
            store.Append([Outcome("https://a.example/", Noon, null)]);
        }

        Assert.Equal(1L, Scalar(DbPath, "SELECT count(*) FROM outcome"));
    }

    [Fact]
    public void MissingFile_ToRead_IsNotFound()
    {
        var missing = Assert.Throws<HistoryFileException>(() => HistoryStore.OpenExisting(DbPath, ShortWait, readOnly: true));

        Assert.Equal(HistoryFileException.NotFound, missing.ErrorId);
        Assert.False(File.Exists(DbPath));
    }

    [Fact]
    public void AnotherWriter_HoldingTheDatabase_PastTheWait_IsHistoryLocked_AtOpen_AndForAWrite()
    {
        using var running = HistoryStore.Open(DbPath, ShortWait);
        using var holder = Connection(DbPath);
        using var transaction = holder.BeginTransaction();

        var atOpen = Assert.Throws<HistoryFileException>(() => HistoryStore.Open(DbPath, ShortWait));
        var forAWrite = Assert.Throws<HistoryFileException>(() => running.Append([Outcome("https://a.example/", Noon, null)]));

        Assert.Equal(HistoryFileException.Locked, atOpen.ErrorId);
        Assert.Equal(HistoryFileException.Locked, forAWrite.ErrorId);
        Assert.Contains("waited 1 s", forAWrite.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherWriter_ThatLetsGoWithinTheWait_IsWaitedFor()
    {
        using var store = HistoryStore.Open(DbPath, TimeSpan.FromSeconds(30));
        using var holder = Connection(DbPath);
        using var transaction = holder.BeginTransaction();

        var append = Task.Run(() => store.Append([Outcome("https://a.example/", Noon, null)]));
        await Task.Delay(300);
        Assert.False(append.IsCompleted);
        transaction.Commit();
        await append;

        Assert.Equal(1L, Scalar(DbPath, "SELECT count(*) FROM outcome"));
    }

    [Fact]
    public void Writer_AfterAFailedWrite_ReportsItOnce_AndCountsWhatItDidNotWrite()
    {
        using var writer = new HistoryWriter(HistoryStore.Open(DbPath, ShortWait));
        writer.Add(Outcome("https://a.example/", Noon, null));
        WaitFor(() => writer.Written == 1);
        using (var holder = Connection(DbPath))
        {
            using var transaction = holder.BeginTransaction();
            writer.Add(Outcome("https://a.example/", Noon.AddMinutes(1), null));
            WaitFor(() => writer.Dropped == 1);
        }

        writer.Add(Outcome("https://a.example/", Noon.AddMinutes(2), null));
        writer.Complete();

        Assert.Equal(HistoryFileException.Locked, writer.TakeFault()?.ErrorId);
        Assert.Null(writer.TakeFault());
        Assert.Equal(1, writer.Written);
        Assert.Equal(2, writer.Dropped);
        Assert.Equal(1L, Scalar(DbPath, "SELECT count(*) FROM outcome"));
    }

    [Fact]
    public void Remove_TakesOnlyTheOlderOutcomes_OfTheUrlsMatched()
    {
        using (var store = HistoryStore.Open(DbPath, ShortWait))
        {
            store.Append(
            [
                Outcome("https://a.example/", Noon.AddDays(-40), null),
                Outcome("https://a.example/", Noon.AddDays(-10), "east"),
                Outcome("https://a.example/", Noon, null),
                Outcome("https://b.example/", Noon.AddDays(-40), null),
            ]);
        }

        using var history = HistoryStore.OpenExisting(DbPath, ShortWait, readOnly: false);
        Assert.Equal(2, history.Count(["https://a.example/"], Noon.AddDays(-1)));
        Assert.Equal(2, history.Remove(["https://a.example/"], Noon.AddDays(-1)));
        Assert.Equal(1, history.Remove(["*"], Noon));

        Assert.Equal(
            ["https://a.example/"],
            history.Read(["*"], null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue).Select(o => o.Uri));
    }

    [Fact]
    public void Cmdlets_RecordEveryResult_AndGetSiteStatusHistoryFiltersThem()
    {
        var ok = new Uri(_site.Http, "/ok?history");
        var down = new Uri(_site.Http, "/status/503?history");
        var slow = new Uri(_site.Http, "/delay/30?history");
        PowerShellHost.Check([ok, down], new Hashtable { ["HistoryPath"] = DbPath });
        PowerShellHost.Report([slow], new Hashtable { ["HistoryPath"] = DbPath, ["SlowThresholdMs"] = 1, ["Location"] = "east" });

        var (all, errors) = PowerShellHost.Run("Get-SiteStatusHistory -HistoryPath $path", ("path", DbPath));
        var entries = all.Select(o => Assert.IsType<SiteHistoryEntry>(o.BaseObject)).ToList();

        Assert.Empty(errors);
        Assert.Equal([slow.AbsoluteUri, ok.AbsoluteUri, down.AbsoluteUri], entries.Select(e => e.Uri));
        Assert.Equal([SiteState.Degraded, SiteState.Up, SiteState.Down], entries.Select(e => e.Status));
        Assert.Equal([200, 200, 503], entries.Select(e => e.StatusCode));
        Assert.Equal(["None", "None", "HttpStatus"], entries.Select(e => e.Failure));
        Assert.Equal(["east", null, null], entries.Select(e => e.Location));
        Assert.All(entries, e => Assert.True(e.ResponseTimeMs > 0));

        string Uris(string script) => string.Join(" ", PowerShellHost.Run(script, ("path", DbPath)).Output.Select(o => ((SiteHistoryEntry)o.BaseObject).Uri));
        Assert.Equal(down.AbsoluteUri, Uris("Get-SiteStatusHistory '*/status/*' -HistoryPath $path"));
        Assert.Equal(slow.AbsoluteUri, Uris("Get-SiteStatusHistory -HistoryPath $path -Location EAST"));
        Assert.Equal(3, Uris("Get-SiteStatusHistory -HistoryPath $path -Last 1:00:00").Split(' ').Length);
        Assert.Equal(string.Empty, Uris("Get-SiteStatusHistory -HistoryPath $path -Before (Get-Date).AddHours(-1)"));
        Assert.Equal(string.Empty, Uris("Get-SiteStatusHistory -HistoryPath $path -After (Get-Date).AddMinutes(1)"));
        Assert.Equal(ok.AbsoluteUri, Uris($"'{ok.AbsoluteUri}' | Get-SiteStatusHistory -HistoryPath $path"));
    }

    [Fact]
    public void Cmdlets_OnAFileTheyCannotUse_StopWithTheErrorNamingIt_BeforeAnyCheck()
    {
        File.WriteAllText(DbPath, "not a database");
        var requests = _site.Requests;

        var (output, errors) = PowerShellHost.Run("Test-SiteStatus $url -HistoryPath $path", ("url", new Uri(_site.Http, "/ok?unreadable").AbsoluteUri), ("path", DbPath));
        var (_, missing) = PowerShellHost.Run("Get-SiteStatusHistory -HistoryPath $path", ("path", Path.Combine(_folder.FullName, "missing.db")));

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("HistoryUnreadable,SiteStatus.Commands.TestSiteStatusCommand", error.FullyQualifiedErrorId);
        Assert.Equal(DbPath, error.TargetObject);
        Assert.Equal("not a database", File.ReadAllText(DbPath));
        Assert.Equal(requests, _site.Requests);
        Assert.Equal("HistoryNotFound,SiteStatus.Commands.GetSiteStatusHistoryCommand", Assert.Single(missing).FullyQualifiedErrorId);
    }

    [Fact]
    public void CheckingCmdlet_OnADatabaseAnotherHolds_WaitsThenStopsWithHistoryLocked_BeforeAnyCheck()
    {
        using (HistoryStore.Open(DbPath, ShortWait))
        {
        }

        using var holder = Connection(DbPath);
        using var transaction = holder.BeginTransaction();
        var requests = _site.Requests;

        var (output, errors) = PowerShellHost.Run("Test-SiteStatus $url -HistoryPath $path", ("url", new Uri(_site.Http, "/ok?locked").AbsoluteUri), ("path", DbPath));

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("HistoryLocked,SiteStatus.Commands.TestSiteStatusCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
        Assert.Contains("waited 10 s", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(requests, _site.Requests);
    }

    [Fact]
    public void RemoveSiteStatusHistory_WhatIf_RemovesNothing_AndWithoutIt_TheOlderResults()
    {
        using (var store = HistoryStore.Open(DbPath, ShortWait))
        {
            store.Append([Outcome("https://a.example/", DateTimeOffset.Now.AddDays(-100), null), Outcome("https://a.example/", DateTimeOffset.Now, null)]);
        }

        PowerShellHost.Run("Remove-SiteStatusHistory -HistoryPath $path -Before (Get-Date).AddDays(-90) -WhatIf", ("path", DbPath));
        Assert.Equal(2L, Scalar(DbPath, "SELECT count(*) FROM outcome"));

        var (_, errors) = PowerShellHost.Run("Remove-SiteStatusHistory -HistoryPath $path -Before (Get-Date).AddDays(-90)", ("path", DbPath));
        Assert.Empty(errors);
        Assert.Equal(1L, Scalar(DbPath, "SELECT count(*) FROM outcome"));
    }

    private static HistoryOutcome Outcome(string uri, DateTimeOffset at, string? location) =>
        new(uri, location, at, SiteState.Up, "None", 200, 5, "OK", false);

    private static void WaitFor(Func<bool> condition)
    {
        // A bound only so that a broken writer fails the test rather than hanging it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The writer did not get there.");
            System.Threading.Thread.Sleep(20);
        }
    }

    private static SqliteConnection Connection(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = Connection(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Sql(string path, string sql)
    {
        using var connection = Connection(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // Times come back to the millisecond, in this machine's zone: the same instants.
    private sealed class OutcomeComparer : IEqualityComparer<HistoryOutcome>
    {
        public static readonly OutcomeComparer Instance = new();

        public bool Equals(HistoryOutcome? x, HistoryOutcome? y) =>
            x is not null && y is not null && x with { CheckedAt = y.CheckedAt, ResponseTimeMs = y.ResponseTimeMs } == y
            && x.CheckedAt.UtcTicks / TimeSpan.TicksPerMillisecond == y.CheckedAt.UtcTicks / TimeSpan.TicksPerMillisecond
            && (x.ResponseTimeMs.Equals(y.ResponseTimeMs));

        public int GetHashCode(HistoryOutcome obj) => obj.Uri.GetHashCode(StringComparison.Ordinal);
    }
}
