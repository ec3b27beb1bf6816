using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Export;
using SiteStatus.Json;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>The exports as pure functions, against golden files; a fixed set of records stands for every kind of result.</summary>
public sealed class MetricsGoldenTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every failure kind, https with a certificate, redirects, Flaky, NotRun with and without state, state fields, maintenance, a location, and labels that need escaping.</summary>
    internal static IReadOnlyList<ProbeRecord> Fixed()
    {
        var records = new List<ProbeRecord>
        {
            new() { Uri = "https://shop.example/", Status = "Up", StatusCode = 200, Failure = "None", Reason = "OK", ResponseTimeMs = 123.456, FinalUri = "https://shop.example/home", Timestamp = At, Attempts = 1, Method = "GET",
                IsReport = true, DnsMs = 1.5, ConnectMs = 2.25, TlsMs = 10, FirstByteMs = 100, TotalMs = 123.456, RedirectCount = 1, HttpVersion = "1.1", ContentLength = 512, TlsVersion = "TLS 1.3",
                Certificate = new CertificateRecord { Subject = "CN=shop.example", Issuer = "CN=Example \"Quoted\" CA", NotBefore = At.AddDays(-10), NotAfter = At.AddDays(80), DaysUntilExpiry = 80,
                    SubjectAlternativeNames = ["shop.example", "www.shop.example"], SerialNumber = "00d88dd5a7f35ad6c1", Sha256Fingerprint = "97f8040d211fd1382868e97104f9d1f7f3ebf911d827297c812f732ec702aa83" } },
            new() { Uri = "http://api.example/health", Location = "eu-west", Status = "Flaky", StatusCode = 200, Failure = "None", Reason = "OK", ResponseTimeMs = 2500, FinalUri = "http://api.example/health", Timestamp = At, Attempts = 2, HttpVersion = "2",
                ConfirmedStatus = "Up", PreviousStatus = "Up", Since = At.AddHours(-5), ConsecutiveSuccesses = 12 },
            new() { Uri = "http://down.example/", Status = "Down", Failure = "ConnectionRefused", Reason = "Connection refused", ResponseTimeMs = 1, FinalUri = "http://down.example/", Timestamp = At, Attempts = 1,
                ConfirmedStatus = "Down", PreviousStatus = "Up", Changed = true, Since = At, ConsecutiveFailures = 3 },
            new() { Uri = "http://late.example/", Status = "NotRun", Failure = "NotRun", Reason = "Not checked", Timestamp = At, Attempts = 0 },
            new() { Uri = "http://match.example/", Status = "Down", StatusCode = 200, Failure = "ContentMismatch", Reason = "no match", ResponseTimeMs = 5, FinalUri = "http://match.example/", Timestamp = At, Attempts = 1 },
            new() { Uri = "http://odd.example/a\\b\"c\nd", Status = "Down", StatusCode = 503, Failure = "HttpStatus", Reason = "Service Unavailable", ResponseTimeMs = 7, FinalUri = "http://odd.example/", Timestamp = At, Attempts = 1 },
        };
        foreach (var kind in new[] { "NameResolution", "ConnectionReset", "Timeout", "Tls", "TooManyRedirects", "InvalidResponse", "Blocked", "Network", "ConditionFailed" })
        {
            records.Add(new ProbeRecord { Uri = $"http://{kind.ToLowerInvariant()}.example/", Status = "Down", Failure = kind, Reason = kind, ResponseTimeMs = 3, FinalUri = $"http://{kind.ToLowerInvariant()}.example/", Timestamp = At, Attempts = 1 });
        }

        // Not checked (the canary was down) but known to the state file.
        records.Add(new ProbeRecord { Uri = "http://unchecked.example/", Status = "NotRun", Failure = "NotRun", Reason = "Not checked: no canary was up", Timestamp = At, Attempts = 0,
            ConfirmedStatus = "Down", PreviousStatus = "Down", Since = At.AddHours(-2), ConsecutiveFailures = 4 });

        // Down inside its maintenance window, and confirmed Down by the state file.
        records.Add(new ProbeRecord { Uri = "http://maintenance.example/", Status = "Down", StatusCode = 503, Failure = "HttpStatus", Reason = "Service Unavailable", ResponseTimeMs = 4, FinalUri = "http://maintenance.example/", Timestamp = At, Attempts = 1,
            Maintenance = true, ConfirmedStatus = "Down", PreviousStatus = "Down", Since = At.AddHours(-1), ConsecutiveFailures = 6 });

        // The same site twice: the last result wins, so no series is duplicated.
        records.Add(new ProbeRecord { Uri = "http://down.example/", Status = "Down", Failure = "ConnectionRefused", Reason = "Connection refused", ResponseTimeMs = 2, FinalUri = "http://down.example/", Timestamp = At, Attempts = 1,
            ConfirmedStatus = "Down", PreviousStatus = "Up", Changed = true, Since = At, ConsecutiveFailures = 3 });
        return records;
    }

    [Theory]
    [InlineData(MetricsFormat.Prometheus, "metrics.prom")]
    [InlineData(MetricsFormat.OpenMetrics, "metrics.om.txt")]
    public void Metrics_MatchTheGoldenFile(MetricsFormat format, string golden)
    {
        var text = MetricsText.Write(Fixed(), format);

        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", golden)), text);
    }

    [Fact]
    public void Metrics_HaveEachFamilyHeaderOnce_AndNoSeriesTwice()
    {
        var lines = MetricsText.Write(Fixed(), MetricsFormat.Prometheus).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var types = lines.Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).ToList();
        Assert.Equal(types.Count, types.Distinct().Count());
        var series = lines.Where(l => !l.StartsWith('#')).Select(l => l[..l.LastIndexOf(' ')]).ToList();
        Assert.Equal(series.Count, series.Distinct().Count());
        Assert.DoesNotContain(lines, l => l.Contains("late.example", StringComparison.Ordinal) && !l.StartsWith("probe_failure_info", StringComparison.Ordinal) && !l.StartsWith("probe_maintenance", StringComparison.Ordinal));
    }

    [Fact]
    public void Metrics_OfANotRunResultWithState_CarryTheConfirmedStateForward_AndNoVerdict()
    {
        var lines = MetricsText.Write(Fixed(), MetricsFormat.Prometheus).Split('\n').Where(l => l.Contains("unchecked.example", StringComparison.Ordinal));

        Assert.Equal(
            [
                "probe_failure_info{target=\"http://unchecked.example/\",reason=\"NotRun\"} 1",
                "probe_maintenance{target=\"http://unchecked.example/\"} 0",
                "probe_confirmed_up{target=\"http://unchecked.example/\"} 0",
                "probe_status_since_timestamp_seconds{target=\"http://unchecked.example/\"} 1795687200",
            ],
            lines);
    }

    [Fact]
    public void Metrics_OfAResultInMaintenance_SayWhatItSaw_AndGiveNoFailureInfo()
    {
        var lines = MetricsText.Write(Fixed(), MetricsFormat.Prometheus).Split('\n');

        Assert.Equal(
            [
                "probe_success{target=\"http://maintenance.example/\"} 0",
                "probe_http_status_code{target=\"http://maintenance.example/\"} 503",
                "probe_maintenance{target=\"http://maintenance.example/\"} 1",
                "probe_confirmed_up{target=\"http://maintenance.example/\"} 0",
            ],
            lines.Where(l => l.Contains("maintenance.example", StringComparison.Ordinal) && (l.StartsWith("probe_success", StringComparison.Ordinal) || l.StartsWith("probe_http_status_code", StringComparison.Ordinal) || l.StartsWith("probe_failure_info", StringComparison.Ordinal) || l.StartsWith("probe_maintenance", StringComparison.Ordinal) || l.StartsWith("probe_confirmed_up", StringComparison.Ordinal))));
        var others = lines.Where(l => l.StartsWith("probe_maintenance{", StringComparison.Ordinal) && !l.Contains("maintenance.example", StringComparison.Ordinal)).ToList();
        Assert.Equal(Fixed().Select(r => (r.Uri, r.Location)).Distinct().Count() - 1, others.Count);
        Assert.All(others, l => Assert.EndsWith("} 0", l, StringComparison.Ordinal));
        Assert.Contains("# HELP probe_maintenance Whether the probe started inside a maintenance window of its site", lines);
        Assert.Contains("# TYPE probe_maintenance gauge", lines);
    }

    [Fact]
    public void JsonLines_AreOneCompactObjectPerResult_ThatReadBack()
    {
        var lines = Fixed().Select(JsonLines.Write).ToList();

        Assert.All(lines, l => Assert.DoesNotContain('\n', l));
        var first = (Dictionary<string, object?>)JsonDocumentReader.Parse(lines[0])!;
        Assert.Equal(("Up", 200.0, "2026-11-26T12:00:00.0000000+00:00"), ((string)first["Status"]!, (double)first["StatusCode"]!, (string)first["Timestamp"]!));
        Assert.Equal(10.0, ((Dictionary<string, object?>)first["Timing"]!)["TlsMs"]);
        Assert.Equal("CN=shop.example", ((Dictionary<string, object?>)first["Certificate"]!)["Subject"]);
        var odd = (Dictionary<string, object?>)JsonDocumentReader.Parse(lines[5])!;
        Assert.Equal("http://odd.example/a\\b\"c\nd", odd["Uri"]);
    }
}

/// <summary>Down, recovered and reminder alerts look different in every format, from results with state.</summary>
public sealed class AlertPayloadTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static ProbeRecord[] Alerts() =>
    [
        new() { Uri = "http://down.example/", Status = "Down", StatusCode = 503, Failure = "HttpStatus", Reason = "Service Unavailable", ConfirmedStatus = "Down", Changed = true, Since = At, Location = "east" },
        new() { Uri = "http://back.example/", Status = "Up", StatusCode = 200, Failure = "None", Reason = "OK", ConfirmedStatus = "Up", Changed = true, Since = At },
        new() { Uri = "http://still.example/", Status = "Down", Failure = "Timeout", Reason = "Timed out", ConfirmedStatus = "Down", Reminder = true, Since = At.AddHours(-2) },
    ];

    [Fact]
    public void Json_NamesEachKind_AndWhereFrom()
    {
        var body = (Dictionary<string, object?>)JsonDocumentReader.Parse(AlertPayload.Build(Alerts(), AlertFormat.Json, At))!;

        var alerts = ((List<object?>)body["alerts"]!).Cast<Dictionary<string, object?>>().ToList();
        Assert.Equal(["Down", "Recovered", "Reminder"], alerts.Select(a => (string)a["kind"]!));
        Assert.Equal("east", alerts[0]["location"]);
        Assert.Equal("SiteStatus: 1 down, 1 still down, 1 recovered", body["title"]);
    }

    [Fact]
    public void Slack_AndTeams_ShowEachKindItsOwnWay()
    {
        var slack = AlertPayload.Build(Alerts(), AlertFormat.Slack, At);
        var teams = AlertPayload.Build(Alerts(), AlertFormat.TeamsWorkflow, At);

        Assert.Contains(":red_circle: *DOWN* http://down.example/", slack, StringComparison.Ordinal);
        Assert.Contains(":large_green_circle: *RECOVERED* http://back.example/", slack, StringComparison.Ordinal);
        Assert.Contains(":large_orange_circle: *STILL DOWN* http://still.example/", slack, StringComparison.Ordinal);
        Assert.Contains("*From:* east", slack, StringComparison.Ordinal);
        Assert.Contains("\"color\":\"Attention\",\"wrap\":true,\"text\":\"DOWN http://down.example/\"", teams, StringComparison.Ordinal);
        Assert.Contains("\"color\":\"Good\",\"wrap\":true,\"text\":\"RECOVERED http://back.example/\"", teams, StringComparison.Ordinal);
        Assert.Contains("\"color\":\"Warning\",\"wrap\":true,\"text\":\"STILL DOWN http://still.example/\"", teams, StringComparison.Ordinal);
    }

    [Fact]
    public void AMessage_ListsAtMost45Sites_AndCountsTheRest()
    {
        var many = Enumerable.Range(0, 50).Select(i => new ProbeRecord { Uri = $"http://s{i}.example/", Status = "Down", Failure = "Timeout", Reason = "Timed out" }).ToList();

        var slack = (Dictionary<string, object?>)JsonDocumentReader.Parse(AlertPayload.Build(many, AlertFormat.Slack, At))!;

        var blocks = (List<object?>)slack["blocks"]!;
        Assert.Equal(1 + 45 + 1, blocks.Count);
        Assert.Contains("and 5 more", AlertPayload.Build(many, AlertFormat.TeamsWorkflow, At), StringComparison.Ordinal);
    }
}

/// <summary>Runs alone: a reader polls a file as fast as it can, which would starve other classes' timers.</summary>
[Collection(nameof(RunsAlone))]
public sealed class MetricsFileTests(TestSiteFixture fixture)
{
    private readonly TestSite _site = fixture.Site;

    [Fact]
    public async Task ExportSiteStatusMetric_RewritesAtomically_AReaderNeverSeesAPartialFile_NoBomAndLf()
    {
        var folder = Directory.CreateTempSubdirectory("sitestatus-metrics-");
        var path = Path.Combine(folder.FullName, "sites.prom");
        try
        {
            var urls = Enumerable.Range(0, 300).Select(i => new Uri(_site.Http, $"/ok?metric={i}").AbsoluteUri).ToArray();
            using var stop = new CancellationTokenSource();
            var partial = 0;
            var reads = 0;
            var reader = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await Task.Yield();
                    try
                    {
                        var text = File.ReadAllText(path);
                        reads++;
                        if (!text.EndsWith('\n') || !text.StartsWith("# HELP probe_success", StringComparison.Ordinal) || text.Split("# TYPE probe_success ").Length != 2)
                        {
                            partial++;
                        }
                    }
                    catch (FileNotFoundException)
                    {
                    }
                }
            });

            var (_, errors) = PowerShellHost.Run(
                "$results = $urls | Test-SiteStatus -ThrottleLimit 32 -ThrottleLimitPerHost 32; foreach ($i in 1..40) { $results | Export-SiteStatusMetric -Path $path }",
                ("urls", urls), ("path", path));
            await stop.CancelAsync();
            await reader;

            Assert.Empty(errors);
            Assert.True(reads > 0);
            Assert.Equal(0, partial);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal((byte)'#', bytes[0]);
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.Single(Directory.GetFiles(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

/// <summary>Files written atomically into a folder that does not exist: the error names the folder and the file, never the temporary file.</summary>
public sealed class MissingFolderTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>, IDisposable
{
    private readonly TestSite _site = fixture.Site;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sitestatus-missing-");

    private string Missing => Path.Combine(_folder.FullName, "textfile_collector");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void ExportSiteStatusMetric_SaysTheFolderDoesNotExist_AndCreatesNothing()
    {
        var path = Path.Combine(Missing, "sites.prom");

        var (output, errors) = PowerShellHost.Run("Test-SiteStatus $url | Export-SiteStatusMetric -Path $path", ("url", new Uri(_site.Http, "/ok").AbsoluteUri), ("path", path));

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("MetricsFolderNotFound,SiteStatus.Commands.ExportSiteStatusMetricCommand", error.FullyQualifiedErrorId);
        Assert.Equal($"Cannot write '{path}': its folder '{Missing}' does not exist.", error.Exception.Message);
        Assert.Equal(path, error.TargetObject);
        Assert.False(Directory.Exists(Missing));
    }

    [Fact]
    public void APathThatIsAFolder_OrUnderAFile_IsSaidSo_ForMetricsStateAndAlerts()
    {
        var file = Path.Combine(_folder.FullName, "isfile");
        File.WriteAllText(file, "x");
        var url = new Uri(_site.Http, "/ok").AbsoluteUri;
        var receiver = Guid.NewGuid().ToString("N");
        var webhook = new Uri(_site.Http, $"/webhook/{receiver}/s3cr3t").AbsoluteUri;

        var (_, folderErrors) = PowerShellHost.Run("Test-SiteStatus $url | Export-SiteStatusMetric -Path $path", ("url", url), ("path", _folder.FullName));
        var (_, underFileErrors) = PowerShellHost.Run("Test-SiteStatus $url | Export-SiteStatusMetric -Path $path", ("url", url), ("path", Path.Combine(file, "sites.prom")));
        var (_, stateErrors) = PowerShellHost.Run("Test-SiteStatus $url -StatePath $path", ("url", url), ("path", Path.Combine(file, "state.json")));
        var (_, alertErrors) = PowerShellHost.Run("Test-SiteStatus $url | Send-SiteStatusAlert $webhook -StatePath $path", ("url", url), ("webhook", webhook), ("path", _folder.FullName));

        Assert.Equal($"'{_folder.FullName}' is a folder: give the path of a file in it, such as {Path.Combine(_folder.FullName, "sites.prom")}.", Assert.Single(folderErrors).Exception.Message);
        Assert.Equal($"Cannot write '{Path.Combine(file, "sites.prom")}': '{file}' is a file, not a folder.", Assert.Single(underFileErrors).Exception.Message);
        Assert.Contains($"'{file}' is a file, not a folder", Assert.Single(stateErrors).Exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("StateUnreadable,", Assert.Single(alertErrors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(_site.WebhookBodies(receiver));
    }

    [Fact]
    public void AtomicFile_ForEveryCaller_NamesTheFolderAndTheFile()
    {
        var path = Path.Combine(Missing, "state.json");

        var error = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(path, "{}"));

        Assert.Equal($"Cannot write '{path}': its folder '{Missing}' does not exist.", error.Message);
        Assert.False(Directory.Exists(Missing));
    }
}

/// <summary>Alerts posted to a real receiver on loopback, which records what it was sent.</summary>
public sealed class AlertTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>
{
    private const string Secret = "T000-B000-s3cr3tpath";

    private readonly TestSite _site = fixture.Site;

    private (string Key, string Webhook) Receiver(string query = "")
    {
        var key = Guid.NewGuid().ToString("N");
        return (key, new Uri(_site.Http, $"/webhook/{key}/{Secret}{query}").AbsoluteUri);
    }

    private (IReadOnlyList<System.Management.Automation.PSObject> Output, IReadOnlyList<System.Management.Automation.ErrorRecord> Errors) Send(string webhook, string format, string extra = "")
    {
        var urls = new[] { new Uri(_site.Http, "/status/503?alert").AbsoluteUri, new Uri(_site.Http, "/ok?alert").AbsoluteUri, "http://127.0.0.1:9/" };
        return PowerShellHost.Run(
            $"$urls | Test-SiteStatus | Send-SiteStatusAlert -WebhookUri $webhook -Format {format} -Verbose {extra} 4>&1 | ForEach-Object {{ [string]$_ }}",
            ("urls", urls), ("webhook", webhook));
    }

    [Fact]
    public void TeamsWorkflow_IsOneAdaptiveCard_WithTheRequiredFields()
    {
        var (key, webhook) = Receiver();

        var (_, errors) = Send(webhook, "TeamsWorkflow");

        Assert.Empty(errors);
        var body = (Dictionary<string, object?>)JsonDocumentReader.Parse(Assert.Single(_site.WebhookBodies(key)))!;
        Assert.Equal("message", body["type"]);
        var attachment = (Dictionary<string, object?>)Assert.Single((List<object?>)body["attachments"]!)!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]);
        var card = (Dictionary<string, object?>)attachment["content"]!;
        Assert.Equal(("AdaptiveCard", "1.4"), ((string)card["type"]!, (string)card["version"]!));
        var items = (List<object?>)card["body"]!;
        Assert.All(items, i => Assert.True(((Dictionary<string, object?>)i!).ContainsKey("type")));
        Assert.Equal("SiteStatus: 2 down, 1 up", ((Dictionary<string, object?>)items[0]!)["text"]);
        Assert.Equal(4, items.Count);
        var facts = items.Skip(1).Select(i => (List<object?>)((Dictionary<string, object?>)i!)["items"]!)
            .SelectMany(c => c.Cast<Dictionary<string, object?>>()).Where(e => (string)e["type"]! == "FactSet")
            .SelectMany(f => ((List<object?>)f["facts"]!).Cast<Dictionary<string, object?>>()).ToList();
        Assert.All(facts, f => Assert.True(f["title"] is string && f["value"] is string));
        Assert.Contains(facts, f => (string)f["value"]! == "HttpStatus (503)");
    }

    [Fact]
    public void Slack_IsOneMessageOfBlocks_DownAndUpLookDifferent()
    {
        var (key, webhook) = Receiver();

        Send(webhook, "Slack");

        var body = (Dictionary<string, object?>)JsonDocumentReader.Parse(Assert.Single(_site.WebhookBodies(key)))!;
        Assert.Equal("SiteStatus: 2 down, 1 up", body["text"]);
        var blocks = ((List<object?>)body["blocks"]!).Cast<Dictionary<string, object?>>().ToList();
        Assert.Equal("header", blocks[0]["type"]);
        var sections = blocks.Skip(1).Select(b => (string)((Dictionary<string, object?>)b["text"]!)["text"]!).ToList();
        Assert.Equal(2, sections.Count(s => s.StartsWith(":red_circle: *DOWN*", StringComparison.Ordinal)));
        Assert.Single(sections, s => s.StartsWith(":large_green_circle: *UP*", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_IsTheDocumentedPayload_WithTransitionsFromTheState()
    {
        var (key, webhook) = Receiver();
        var state = Path.Combine(Path.GetTempPath(), $"alert-state-{key}.json");
        try
        {
            var (_, errors) = PowerShellHost.Run(
                "Test-SiteStatus $url -StatePath $state | Where-Object { $_.Changed -or $_.Reminder } | Send-SiteStatusAlert $webhook",
                ("url", new Uri(_site.Http, "/status/500?json").AbsoluteUri), ("state", state), ("webhook", webhook));

            Assert.Empty(errors);
            var body = (Dictionary<string, object?>)JsonDocumentReader.Parse(Assert.Single(_site.WebhookBodies(key)))!;
            Assert.Equal(("SiteStatus", 1.0), ((string)body["source"]!, (double)body["version"]!));
            var alert = (Dictionary<string, object?>)Assert.Single((List<object?>)body["alerts"]!)!;
            Assert.Equal(("Down", "HttpStatus", 500.0, "Down"), ((string)alert["kind"]!, (string)alert["failure"]!, (double)alert["statusCode"]!, (string)alert["confirmedStatus"]!));
            Assert.NotNull(alert["since"]);
        }
        finally
        {
            File.Delete(state);
            File.Delete(state + ".lock");
        }
    }

    [Fact]
    public void ServerErrorsAndTooManyRequests_AreRetried_ThenTheMessageGoesThrough()
    {
        var (flakyKey, flaky) = Receiver("?fail=2&code=502");
        var (limitedKey, limited) = Receiver("?fail=1&code=429&retryAfter=1");

        var flakyRun = Send(flaky, "Json");
        var limitedRun = Send(limited, "Json");

        Assert.Empty(flakyRun.Errors);
        Assert.Empty(limitedRun.Errors);
        Assert.Equal(3, _site.WebhookBodies(flakyKey).Count);
        Assert.Equal(2, _site.WebhookBodies(limitedKey).Count);
        Assert.Single(_site.WebhookBodies(flakyKey).Distinct());
    }

    [Theory]
    [InlineData("?fail=100&code=503", "answered 503 Service Unavailable (3 attempts)", 3)]
    [InlineData("?fail=100&code=400", "answered 400 Bad Request (1 attempt)", 1)]
    public void AFailingWebhook_IsANonTerminatingError_WithTheStatus_AndNeverItsSecretPath(string query, string says, int posts)
    {
        var (key, webhook) = Receiver(query);

        var (output, errors) = Send(webhook, "Slack", "-MaximumRetryCount 2 -ErrorAction Continue");

        var error = Assert.Single(errors);
        Assert.Equal("AlertNotSent,SiteStatus.Commands.SendSiteStatusAlertCommand", error.FullyQualifiedErrorId);
        Assert.Contains(says, error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(posts, _site.WebhookBodies(key).Count);
        Assert.DoesNotContain(Secret, error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.TargetObject.ToString(), StringComparison.Ordinal);
        Assert.All(output, line => Assert.DoesNotContain(Secret, line.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void RefusedWebhook_IsAnErrorNamingTheHostOnly()
    {
        using var closed = new ClosedPort();
        var webhook = new Uri(closed.Uri, $"/hook/{Secret}").AbsoluteUri;

        var (_, errors) = PowerShellHost.Run(
            "Test-SiteStatus $url | Send-SiteStatusAlert $webhook -MaximumRetryCount 0", ("url", new Uri(_site.Http, "/ok").AbsoluteUri), ("webhook", webhook));

        var error = Assert.Single(errors);
        Assert.Contains("could not be reached: connection refused", error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SomethingThatIsNotAResult_IsAnError_AndTheResultsStillGo()
    {
        var (key, webhook) = Receiver();

        var (_, errors) = PowerShellHost.Run(
            "@((Test-SiteStatus $url), 'not a result') | Send-SiteStatusAlert $webhook", ("url", new Uri(_site.Http, "/ok").AbsoluteUri), ("webhook", webhook));

        Assert.Equal("NotASiteStatusResult,SiteStatus.Commands.SendSiteStatusAlertCommand", Assert.Single(errors).FullyQualifiedErrorId);
        Assert.Single(_site.WebhookBodies(key));
    }
}
