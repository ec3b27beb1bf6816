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
/// What the commands that count uptime (Get-SiteStatusUptime, Export-SiteStatusPage) share: where the history is
/// (-PrometheusUri, -HistoryPath, or results piped in), how a URL's locations count together (-Quorum), and reading
/// it URL by URL.
/// </summary>
public abstract class UptimeSourceCommandBase : HttpCommandBase, IDisposable
{
    /// <summary>The parameter set that reads Prometheus.</summary>
    private protected const string FromPrometheus = "Prometheus";

    /// <summary>The parameter set that counts results piped in.</summary>
    private protected const string FromResults = "Results";

    /// <summary>The parameter set that reads the SQLite history.</summary>
    private protected const string FromHistory = "History";

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<HistoryOutcome> _given = [];

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
    /// <para type="description">Results of Test-SiteStatus or Get-SiteStatusReport to count instead of a history: live, deserialized, or JSON Lines read back with ConvertFrom-Json. Each needs its Timestamp (ResultWithoutTimestamp otherwise) and a Status of Up, Flaky, Degraded, Down, Partial or NotRun (InvalidResultStatus otherwise); anything else is a non-terminating error, NotASiteStatusResult.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FromResults)]
    [ValidateNotNull]
    public PSObject? InputObject { get; set; }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        // Results piped into a command given a history would each be an error of their own, and be ignored.
        if (ParameterSetName != FromResults && MyInvocation.ExpectingInput)
        {
            ThrowParameterError("ResultsWithHistory", "Pipe results in, or give -HistoryPath or -PrometheusUri: not both.", null);
        }

        if (PrometheusUri is not null && (!PrometheusUri.IsAbsoluteUri || !SiteTarget.IsHttp(PrometheusUri)))
        {
            // Its password, if it has one, is not shown.
            var shown = PrometheusUri.IsAbsoluteUri && PrometheusUri.UserInfo.Length > 0 ? SiteTarget.Mask(PrometheusUri) : PrometheusUri.OriginalString;
            ThrowParameterError("InvalidPrometheusUri", $"-PrometheusUri '{shown}' is not an absolute http or https URL: give it whole, such as http://prometheus:9090.", shown);
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName != FromResults || ResultReader.ReadOrError(this, InputObject!) is not { } record)
        {
            return;
        }

        if (record.Timestamp is not { } checkedAt)
        {
            Refuse("ResultWithoutTimestamp", $"The result for '{record.Uri}' has no Timestamp, so it cannot be counted.");
            return;
        }

        // By name only: Enum.TryParse takes any number, and names joined by commas, too.
        if (!Enum.TryParse<SiteState>(record.Status, ignoreCase: true, out var status) || !string.Equals(status.ToString(), record.Status.Trim(), StringComparison.OrdinalIgnoreCase) || !char.IsLetter(status.ToString()[0]))
        {
            Refuse("InvalidResultStatus", $"The result for '{record.Uri}' has the Status '{record.Status}', not Up, Flaky, Degraded, Down, Partial or NotRun, so it cannot be counted.");
            return;
        }

        _given.Add(new HistoryOutcome(record.Uri, record.Location, checkedAt, status, record.Failure, record.StatusCode, record.ResponseTimeMs, record.Reason, record.Maintenance));
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _stopping.Cancel();

    private void Refuse(string errorId, string message) =>
        WriteError(new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidData, InputObject));

    /// <summary>
    /// The outcomes of the URLs that match <paramref name="patterns"/> (every URL when there are none), from
    /// <paramref name="location"/> (every location when null), checked from <paramref name="from"/> to
    /// <paramref name="to"/>: URL by URL, each URL's in time order. The SQLite history is read as it is enumerated, so
    /// one URL's outcomes are held at a time; a source that cannot be read ends the command, naming it.
    /// </summary>
    private protected IEnumerable<KeyValuePair<string, IReadOnlyList<HistoryOutcome>>> ReadByUrl(IReadOnlyList<string> patterns, string? location, DateTimeOffset from, DateTimeOffset to) => ParameterSetName switch
    {
        FromResults => new OutcomeList(_given).ReadAsync(patterns, location, from, to, _stopping.Token).GetAwaiter().GetResult(),
        FromHistory => ReadHistory(patterns, location, from, to),
        _ => ReadPrometheus(patterns, location, from, to),
    };

    private IReadOnlyDictionary<string, IReadOnlyList<HistoryOutcome>> ReadPrometheus(IReadOnlyList<string> patterns, string? location, DateTimeOffset from, DateTimeOffset to)
    {
        var shown = $"{PrometheusUri!.Scheme}://{PrometheusUri.Authority}";
        using var client = SiteProbe.CreateClient(BuildConnection());
        var source = new PrometheusSource(client, PrometheusUri, TimeSpan.FromSeconds(StepSec), RequestHeaders(), TimeSpan.FromSeconds(TimeoutSec));
        try
        {
            var read = Task.Run(() => source.ReadAsync(patterns, location, from, to, _stopping.Token)).GetAwaiter().GetResult();
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

    // The SQLite history, read URL by URL in time order as it streams: each URL's outcomes are given when the next URL's begin.
    private IEnumerable<KeyValuePair<string, IReadOnlyList<HistoryOutcome>>> ReadHistory(IReadOnlyList<string> patterns, string? location, DateTimeOffset from, DateTimeOffset to)
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(HistoryPath);
        using var store = Reading(path, () => HistoryStore.OpenExisting(path, HistoryStore.LockWait, readOnly: true));
        using var outcomes = Reading(path, () => store.Read(patterns.Count == 0 ? ["*"] : patterns, location, from, to).GetEnumerator());
        var (count, urls) = (0, 0);
        var url = new List<HistoryOutcome>();
        while (Reading(path, outcomes.MoveNext))
        {
            var outcome = outcomes.Current;
            if (url.Count > 0 && !string.Equals(url[0].Uri, outcome.Uri, StringComparison.Ordinal))
            {
                yield return new(url[0].Uri, url);
                url = [];
                urls++;
            }

            url.Add(outcome);
            count++;
        }

        if (url.Count > 0)
        {
            yield return new(url[0].Uri, url);
            urls++;
        }

        WriteVerbose($"Read {count} outcome(s) of {urls} URL(s) from the history '{path}', {from:u} to {to:u}.");
    }

    // A step of reading the history; a file that cannot be read ends the command, naming it.
    private T Reading<T>(string path, Func<T> step)
    {
        try
        {
            return step();
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
