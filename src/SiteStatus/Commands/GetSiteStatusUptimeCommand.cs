using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Checking;
using SiteStatus.History;

namespace SiteStatus.Commands;

/// <summary>
/// The Get-SiteStatusUptime cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SiteStatusUptime", DefaultParameterSetName = FromPrometheus)]
[OutputType(typeof(SiteUptime))]
public sealed class GetSiteStatusUptimeCommand : HttpCommandBase, IDisposable
{
    private const string FromPrometheus = "Prometheus";
    private const string FromResults = "Results";
    private const string FromHistory = "History";

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<HistoryOutcome> _given = [];

    /// <summary>
    /// <para type="description">The URLs, or patterns of them (* any characters, ? one, ignoring case), as the results write them: a URL without * or ? is read as the checking commands read it (example.com is https://example.com/), and gets a row even when nothing was recorded for it. Default: every URL in the history.</para>
    /// </summary>
    [Parameter(Position = 0)]
    [Alias("Url")]
    [ValidateNotNullOrEmpty]
    public string[]? Uri { get; set; }

    /// <summary>
    /// <para type="description">The windows, each ending now: 24h, 7d, 30d, 90d (a bare number is days, as PowerShell reads an unquoted 7d as the number 7). One object per URL and window, in this order. Default: 24h, 7d and 30d.</para>
    /// </summary>
    [Parameter]
    [WindowTransformation]
    [ValidateSet("24h", "7d", "30d", "90d")]
    public string[] Window { get; set; } = ["24h", "7d", "30d"];

    /// <summary>
    /// <para type="description">A calendar month instead of -Window, as yyyy-MM (2026-11): from its first midnight to the next month's, in -TimeZone. The current month counts up to now.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateMonth]
    public string? Month { get; set; }

    /// <summary>
    /// <para type="description">The time zone of -Month and of the days (Days), an IANA id (Europe/Berlin) or UTC. Default: this computer's time zone. Windows PowerShell 5.1 knows Windows ids only, such as 'W. Europe Standard Time'.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateTimeZone]
    public string? TimeZone { get; set; }

    /// <summary>
    /// <para type="description">One object per URL, window and location, each location counted from its own checks alone. Without it, a URL's locations are counted together (see -Quorum).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter ByLocation { get; set; }

    /// <summary>
    /// <para type="description">Only the checks from this location (the location label of the metrics, the Location of the results); the rows name it.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Location { get; set; }

    /// <summary>
    /// <para type="description">How a URL's locations count together: it is down while at least this many of them (all of them, when it has fewer) stand down, and up while any other stands up or down. Default 1: down while any location sees it down, so incidents seen from several locations at once count once.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int Quorum { get; set; } = 1;

    /// <summary>
    /// <para type="description">The history database the checking commands write with -HistoryPath: its results are the history.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = FromHistory)]
    [ValidateNotNullOrEmpty]
    public string? HistoryPath { get; set; }

    /// <summary>
    /// <para type="description">The Prometheus server that scrapes the module's metrics, such as http://prometheus:9090 (a path prefix is kept). Its series of probe_success, probe_duration_seconds, probe_maintenance and probe_failure_info, by their target and location labels, are the history: they are read with range queries (/api/v1/query_range) at a step of -StepSec. -Headers, -Credential, -Proxy, -Certificate, -SkipCertificateCheck and -TimeoutSec (for each query) apply to it.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = FromPrometheus)]
    [ValidateNotNull]
    public System.Uri? PrometheusUri { get; set; }

    /// <summary>
    /// <para type="description">The step of the range queries, in seconds: at most how often the checks ran. Each step stands for the last check within it, and a step with none for a run that did not happen. Default 60; give the run interval (300 for every five minutes) to read less.</para>
    /// </summary>
    [Parameter(ParameterSetName = FromPrometheus)]
    [ValidateRange(1, 86_400)]
    public int StepSec { get; set; } = 60;

    /// <summary>
    /// <para type="description">Results of Test-SiteStatus or Get-SiteStatusReport to count instead of a history: live, deserialized, or JSON Lines read back with ConvertFrom-Json. Each needs its Timestamp (ResultWithoutTimestamp otherwise); anything else is a non-terminating error, NotASiteStatusResult.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FromResults)]
    [ValidateNotNull]
    public PSObject? InputObject { get; set; }

    /// <inheritdoc/>
    public void Dispose() => _stopping.Dispose();

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (Month is not null && MyInvocation.BoundParameters.ContainsKey(nameof(Window)))
        {
            ThrowParameterError("WindowAndMonth", "-Window and -Month cannot be used together: give the windows that end now, or one calendar month.", Month);
        }

        if (PrometheusUri is not null && (!PrometheusUri.IsAbsoluteUri || !SiteTarget.IsHttp(PrometheusUri)))
        {
            ThrowParameterError("InvalidPrometheusUri", $"-PrometheusUri '{PrometheusUri.OriginalString}' is not an absolute http or https URL: give it whole, such as http://prometheus:9090.", PrometheusUri.OriginalString);
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName != FromResults || ResultReader.ReadOrError(this, InputObject!) is not { } record)
        {
            return;
        }

        if (record.Timestamp is not { } checkedAt || !Enum.TryParse<SiteState>(record.Status, ignoreCase: true, out var status))
        {
            WriteError(new ErrorRecord(
                new ArgumentException($"The result for '{record.Uri}' has no Timestamp, or no Status of Up, Flaky, Degraded, Down, Partial or NotRun, so it cannot be counted."),
                "ResultWithoutTimestamp",
                ErrorCategory.InvalidData,
                InputObject));
            return;
        }

        _given.Add(new HistoryOutcome(record.Uri, record.Location, checkedAt, status, record.Failure, record.StatusCode, record.ResponseTimeMs, record.Reason, record.Maintenance));
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var now = DateTimeOffset.Now;
        var zone = TimeZone is null ? TimeZoneInfo.Local : TimeZoneId.Find(TimeZone)!;
        var windows = Month is null
            ? Window.Distinct(StringComparer.OrdinalIgnoreCase).Select(w => UptimeWindow.Last(w, now, zone)).ToList()
            : [UptimeWindow.Month(Month, zone)];
        var patterns = (Uri ?? []).Select(uri => UriPattern.AsWritten(uri, out _) ?? uri.Trim()).ToList();
        var from = windows.Min(w => w.From) - UptimeRules.Lookback;
        var to = windows.Max(w => w.To);
        var byUrl = Read(patterns, from, to < now ? to : now);

        // A URL asked for by name has a row, with nothing recorded for it or not.
        var urls = byUrl.Keys.Union(patterns.Where(p => !UriPattern.HasWildcard(p)), StringComparer.Ordinal).OrderBy(u => u, StringComparer.Ordinal);
        foreach (var url in urls)
        {
            var outcomes = byUrl.TryGetValue(url, out var found) ? found : [];
            foreach (var window in windows)
            {
                // Of one location, the rows are that location's, and say so.
                var rows = UptimeCalculator.ForUrl(url, outcomes, window, now, Quorum, ByLocation || Location is not null).ToList();
                if (rows.Count == 0)
                {
                    rows.Add(UptimeCalculator.Compute(url, Location, [], window, now, Quorum));
                }

                foreach (var row in rows)
                {
                    Write(row);
                }
            }
        }
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _stopping.Cancel();

    // With a location, the row's view shows it: the type name SiteUptime#Location comes first.
    private void Write(SiteUptime row)
    {
        var shown = PSObject.AsPSObject(row);
        if (row.Location is not null)
        {
            shown.TypeNames.Insert(0, typeof(SiteUptime).FullName + "#Location");
        }

        WriteObject(shown);
    }

    /// <summary>The outcomes from the source, by URL; a source that cannot be read ends the command, naming it.</summary>
    private IReadOnlyDictionary<string, IReadOnlyList<HistoryOutcome>> Read(IReadOnlyList<string> patterns, DateTimeOffset from, DateTimeOffset to)
    {
        if (ParameterSetName == FromResults)
        {
            return new OutcomeList(_given).ReadAsync(patterns, Location, from, to, _stopping.Token).GetAwaiter().GetResult();
        }

        if (ParameterSetName == FromHistory)
        {
            return ReadHistory(patterns, from, to);
        }

        var shown = $"{PrometheusUri!.Scheme}://{PrometheusUri.Authority}";
        using var client = SiteProbe.CreateClient(BuildConnection());
        var source = new PrometheusSource(client, PrometheusUri, TimeSpan.FromSeconds(StepSec), RequestHeaders(), TimeSpan.FromSeconds(TimeoutSec));
        try
        {
            var read = Task.Run(() => source.ReadAsync(patterns, Location, from, to, _stopping.Token)).GetAwaiter().GetResult();
            WriteVerbose($"Read {read.Values.Sum(o => o.Count)} outcome(s) of {read.Count} URL(s) from Prometheus at {shown}, {from:u} to {to:u}, at a step of {StepSec} s.");
            return read;
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        catch (HistoryReadException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "HistoryUnreadable", ErrorCategory.ReadError, shown));
            throw;
        }
    }

    // The SQLite history, read URL by URL in time order, as it streams.
    private Dictionary<string, IReadOnlyList<HistoryOutcome>> ReadHistory(IReadOnlyList<string> patterns, DateTimeOffset from, DateTimeOffset to)
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(HistoryPath);
        try
        {
            using var store = HistoryStore.OpenExisting(path, HistoryStore.LockWait);
            var read = store.Read(patterns.Count == 0 ? ["*"] : patterns, Location, from, to)
                .GroupBy(o => o.Uri, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<HistoryOutcome>)g.ToList(), StringComparer.Ordinal);
            WriteVerbose($"Read {read.Values.Sum(o => o.Count)} outcome(s) of {read.Count} URL(s) from the history '{path}', {from:u} to {to:u}.");
            return read;
        }
        catch (HistoryFileException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, e.ErrorId == HistoryFileException.Locked ? ErrorCategory.ResourceBusy : ErrorCategory.ReadError, path));
            throw;
        }
    }

    // What every query carries: the user agent, -Headers, and -Credential as Basic authentication unless -Headers has one.
    private List<KeyValuePair<string, string>> RequestHeaders()
    {
        var headers = new List<KeyValuePair<string, string>> { new("User-Agent", UserAgents.Resolve(UserAgent)) };
        headers.AddRange(HeaderList.Where(h => !h.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase)));
        if (Credential?.GetNetworkCredential() is { } credential && !headers.Any(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
        {
            var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.UserName + ":" + credential.Password)));
            headers.Add(new("Authorization", basic.ToString()));
        }

        return headers;
    }
}
