using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.Data.Sqlite;
using SiteStatus.History;
using SiteStatus.State;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>
/// The state in SQLite (a .db path): the behaviour of <see cref="StateTests"/>, and what only its format has: a run
/// reads only the entries it weighs, and the files it refuses, left as they are.
/// </summary>
public sealed class SqliteStateTests(TestSiteFixture fixture) : StateTests(fixture, "state.db")
{
    [Fact]
    public void ANewDbPath_IsASqliteState_AndAJsonStateNamedDb_StaysJson()
    {
        var json = Path.Combine(_folder.FullName, "kept.db");
        File.WriteAllText(json, """{ "format": "SiteStatus state", "version": 2, "sites": {} }""");

        Run(Guid.NewGuid().ToString("N"));
        var (_, errors) = PowerShellHost.Run("Test-SiteStatus $url -StatePath $state", ("url", Switch(Guid.NewGuid().ToString("N"))), ("state", json));

        Assert.Empty(errors);
        Assert.Equal("SQLite format 3\0", Encoding.ASCII.GetString(File.ReadAllBytes(StatePath), 0, 16));
        Assert.Equal((long)StateSchema.ApplicationId, Sql(StatePath, "PRAGMA application_id"));
        Assert.Equal("wal", Sql(StatePath, "PRAGMA journal_mode"));
        Assert.StartsWith("{", File.ReadAllText(json), StringComparison.Ordinal);
        Assert.Contains("/switch/", File.ReadAllText(json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("damaged", "damaged")]
    [InlineData("history", "not a SiteStatus state (its application_id is 1399411572")]
    [InlineData("foreign", "not a SiteStatus state (its application_id is 0")]
    [InlineData("newer", "schema version (2) is not one this module reads (1 to 1)")]
    [InlineData("random", "it is neither a SQLite database (it does not begin with SQLite's header) nor a JSON state")]
    public void ADamagedForeignOrNewerDatabase_IsStateUnreadable_AndLeftUntouched(string file, string says)
    {
        switch (file)
        {
            case "random":
                File.WriteAllBytes(StatePath, [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 131 % 251))]);
                break;
            case "damaged":
                File.WriteAllBytes(StatePath, [.. Encoding.ASCII.GetBytes("SQLite format 3\0"), .. Enumerable.Range(0, 4080).Select(i => (byte)(i * 7))]);
                break;
            case "history":
                HistoryStore.Open(StatePath, TimeSpan.FromSeconds(1)).Dispose();
                break;
            case "foreign":
                Sql(StatePath, "CREATE TABLE contact (name TEXT)");
                break;
            default:
                Seed(DateTimeOffset.Now, ("http://a/", new StateEntry { Since = DateTimeOffset.Now, LastSeen = DateTimeOffset.Now }));
                Sql(StatePath, "PRAGMA user_version = 2");
                break;
        }

        var before = File.ReadAllBytes(StatePath);

        var (output, errors) = PowerShellHost.Run(
            "Test-SiteStatus $url -StatePath $state; Start-SiteStatusMaintenance https://a.example/ -DurationMin 5 -StatePath $state",
            ("url", new Uri(_site.Http, "/ok").AbsoluteUri),
            ("state", StatePath));

        Assert.Empty(output);
        Assert.Equal(
            ["StateUnreadable,SiteStatus.Commands.TestSiteStatusCommand", "StateUnreadable,SiteStatus.Commands.StartSiteStatusMaintenanceCommand"],
            errors.Select(e => e.FullyQualifiedErrorId));
        Assert.All(errors, e => Assert.Contains(StatePath, e.Exception.Message, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.Contains(says, e.Exception.Message, StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllBytes(StatePath));
    }

    // An entry is read when the run weighs its URL, after the checks began: one found damaged then ends the run as a file
    // refused at the start does, and nothing of the run is written.
    [Fact]
    public void AnEntryFoundDamagedDuringTheRun_EndsItWithStateUnreadable_AndTheFileIsLeftAsItWas()
    {
        var key = Guid.NewGuid().ToString("N");
        Seed(DateTimeOffset.Now, (Switch(key), new StateEntry { Since = DateTimeOffset.Now, LastSeen = DateTimeOffset.Now }));
        Sql(StatePath, "UPDATE entry SET confirmed = 'Maybe'");
        var before = File.ReadAllBytes(StatePath);

        var (_, errors) = PowerShellHost.Run(
            "$urls | Test-SiteStatus -StatePath $state", ("urls", new[] { new Uri(_site.Http, "/ok?first").AbsoluteUri, Switch(key) }), ("state", StatePath));

        var error = Assert.Single(errors);
        Assert.Equal("StateUnreadable,SiteStatus.Commands.TestSiteStatusCommand", error.FullyQualifiedErrorId);
        Assert.Contains($"the entry for '{Switch(key)}' cannot be read: confirmed is 'Maybe'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(StatePath));
    }

    // 200,000 entries, and a run weighs one of them: it reads that one, and the file keeps every other as it was.
    [Fact]
    public void ARun_ReadsOnlyTheEntriesItWeighs_HoweverManyTheFileKeeps()
    {
        var now = DateTimeOffset.Now;
        Seed(now, [.. Enumerable.Range(0, 200_000).Select(i => ($"https://site{i}.example/", new StateEntry { Since = now, LastSeen = now, History = OutcomeHistory.Parse("1U") }))]);

        using (var state = (SqliteStateStore)StateStore.Open(StatePath, CancellationToken.None))
        {
            var tracker = new StateTracker(state.EntriesAt(null), new StateRules(1, 1, null, null), state.DeliveryTracked);
            var change = tracker.Apply("https://site1234.example/", SiteState.Down, maintenance: false, now, now);
            tracker.Apply("https://new.example/", SiteState.Up, maintenance: false, now, now);
            state.Save(now);

            Assert.Equal((SiteState.Up, SiteState.Down, true), (change.PreviousStatus, change.ConfirmedStatus, change.Changed));
            Assert.Equal(1, state.EntriesRead);
        }

        Assert.Equal(200_001L, Sql(StatePath, "SELECT count(*) FROM entry"));
        Assert.Equal("1U1D", Entry("https://site1234.example/")!.History.ToString());
        Assert.Equal("1U", Entry("https://site4321.example/")!.History.ToString());
    }

    [Fact]
    public void ARunStoppedBeforeItSaves_LeavesTheFileAsItWas()
    {
        var now = DateTimeOffset.Now;
        Seed(now, ("http://a/", new StateEntry { Since = now, LastSeen = now, History = OutcomeHistory.Parse("1U") }));
        var before = File.ReadAllBytes(StatePath);

        using (var state = StateStore.Open(StatePath, CancellationToken.None))
        {
            var tracker = new StateTracker(state.EntriesAt(null), new StateRules(1, 1, null, null), state.DeliveryTracked);
            tracker.Apply("http://a/", SiteState.Down, maintenance: false, now, now);
            tracker.Apply("http://b/", SiteState.Down, maintenance: false, now, now);
            state.Maintenance.Add(new MaintenancePeriod("http://a/", now, now.AddHours(1), null));
        }

        Assert.Equal(before, File.ReadAllBytes(StatePath));
        Assert.Equal("1U", Entry("http://a/")!.History.ToString());
        Assert.Null(Entry("http://b/"));
    }

    private static object? Sql(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
