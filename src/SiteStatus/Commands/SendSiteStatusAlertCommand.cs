using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Checking;
using SiteStatus.Export;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>
/// The Send-SiteStatusAlert cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "SiteStatusAlert", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class SendSiteStatusAlertCommand : HttpCommandBase, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<ProbeRecord> _records = [];

    /// <summary>
    /// <para type="description">Results of Test-SiteStatus or Get-SiteStatusReport, live or deserialized, typically those that Changed or are a Reminder. They go in one message. A result in maintenance (Maintenance $true: its check started inside a maintenance window of its site) is not posted, and -Verbose names it; when every result is, nothing is posted. A Partial result (-AllAddresses: down at some addresses of the host) is posted as a Down alert when it has no state. Anything else is a non-terminating error, NotASiteStatusResult.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject? InputObject { get; set; }

    /// <summary>
    /// <para type="description">The webhook to post to, whole, starting with https://: a Teams Workflows URL, a Slack incoming webhook, or any URL that takes JSON. Anything else is a parameter error, InvalidWebhookUri. Its path and query, where the secret is, never appear in errors or messages, even where the webhook's answer repeats them.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    [WebhookUriTransformation]
    public Uri? WebhookUri { get; set; }

    /// <summary>
    /// <para type="description">Json (a documented generic payload; the default), TeamsWorkflow (an Adaptive Card) or Slack (blocks).</para>
    /// </summary>
    [Parameter]
    public AlertFormat Format { get; set; } = AlertFormat.Json;

    /// <summary>
    /// <para type="description">How many times to post again when the message certainly did not arrive (the name did not resolve, the connection was refused, TLS failed, or no connection within -TimeoutSec) or the webhook answers 408, 429 or 5xx: after its Retry-After, or a backoff from 1 s. A post that may have arrived (no answer within -TimeoutSec, the connection closed after sending) is never repeated. Default 3.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, 10)]
    public int MaximumRetryCount { get; set; } = 3;

    /// <summary>
    /// <para type="description">The state file (-StatePath) of the run whose results these are. The command records in it which alerts were delivered. From then on a confirmed change whose alert was not delivered (the webhook failed, refused it or did not answer in time) is reported again by every later run, Changed $true, until an alert for it is delivered: a page is never lost to a webhook that was down for one run. Use the same file as the checking command (JSON or SQLite, as it has it), after it in the pipeline or in a later command.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatePath { get; set; }

    /// <inheritdoc/>
    public void Dispose() => _stopping.Dispose();

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (StatePath is not null && Directory.Exists(SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath)))
        {
            // Refused before anything is posted: an alert whose delivery cannot be recorded would be posted again next run.
            ThrowParameterError("StateUnreadable", $"-StatePath '{StatePath}' is a folder; give the state file of the checking command, such as {Path.Combine(StatePath, "state.json")}.", StatePath);
        }

        if (!WebhookUri!.IsAbsoluteUri || !SiteTarget.IsHttp(WebhookUri))
        {
            var shown = MaskedWebhook.Mask(WebhookUri);
            var host = WebhookUri.IsAbsoluteUri ? WebhookUri.Host : shown.Split('/')[0];
            var example = host.Length > 0 ? $" (https://{host}/…)" : string.Empty;
            ThrowParameterError(
                "InvalidWebhookUri",
                $"The webhook '{shown}' is not an absolute http or https URL: give it whole, as Teams or Slack show it, starting with https://{example}.",
                shown);
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ResultReader.ReadOrError(this, InputObject!) is { } record)
        {
            _records.Add(record);
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var shown = MaskedWebhook.Mask(WebhookUri!);

        // A site in its maintenance window may be down on purpose: its result pages no one.
        var alerts = _records.Where(r => !r.Maintenance).ToList();
        if (alerts.Count < _records.Count)
        {
            var resting = string.Join(", ", _records.Where(r => r.Maintenance).Select(r => r.Location is null ? r.Uri : $"{r.Uri} from {r.Location}"));
            WriteVerbose(alerts.Count == 0
                ? $"Posting nothing: all {_records.Count} result(s) are in maintenance: {resting}."
                : $"Not posting {_records.Count - alerts.Count} result(s) in maintenance: {resting}.");
        }

        if (alerts.Count == 0 || !ShouldProcess(shown, $"Post {alerts.Count} alert(s)"))
        {
            return;
        }

        var payload = AlertPayload.Build(alerts, Format, DateTimeOffset.Now);
        using var client = SiteProbe.CreateClient(BuildConnection());
        var sender = new WebhookSender(client, UserAgents.Resolve(UserAgent), TimeSpan.FromSeconds(TimeoutSec), MaximumRetryCount);
        var result = Post(sender, payload);
        RecordDelivery(alerts, result.Delivery == Delivery.Delivered);
        switch (result.Delivery)
        {
            case Delivery.Delivered:
                WriteVerbose($"Posted {alerts.Count} alert(s) to {shown} as {Format}.");
                break;
            case Delivery.NotDelivered:
                WriteError(new ErrorRecord(new InvalidOperationException(result.Problem), "AlertNotSent", ErrorCategory.ConnectionError, shown));
                break;
            default:
                WriteError(new ErrorRecord(new InvalidOperationException(result.Problem), "AlertDeliveryUnknown", ErrorCategory.ConnectionError, shown));
                break;
        }
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>
    /// With -StatePath: marks the file as tracking delivery, and the alerts of this message as delivered when they were.
    /// An alert that may have arrived (no answer in time) counts as not delivered: the next run posts it again, with the
    /// same id in the Json format, rather than risk a page that never arrives. Results not posted (in maintenance) are
    /// not recorded either way.
    /// </summary>
    private void RecordDelivery(IReadOnlyList<ProbeRecord> alerts, bool delivered)
    {
        if (StatePath is null)
        {
            return;
        }

        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath);
        try
        {
            using var state = StateStore.Open(path, _stopping.Token);
            state.DeliveryTracked = true;
            var now = DateTimeOffset.Now;
            var entries = AlertDelivery.Record(state, alerts.Select(r => (r.Uri, r.Location, AlertPayload.KindOf(r))), delivered, now);
            state.Save(now);
            WriteVerbose(delivered
                ? $"Recorded in '{path}' that the alerts of {entries} site(s) were delivered."
                : $"Recorded in '{path}' that the alerts of {entries} site(s) were not delivered: the next run reports them again.");
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        catch (StateFileException e)
        {
            WriteError(new ErrorRecord(e, e.ErrorId, StateErrors.Category(e), path));
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(e, "StateNotSaved", ErrorCategory.WriteError, path));
        }
    }

    /// <summary>Posts on the thread pool, writing what each failed attempt leaves to say here, on the pipeline thread, as it comes.</summary>
    private WebhookResult Post(WebhookSender sender, string payload)
    {
        using var notes = new BlockingCollection<AttemptNote>();
        using var post = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var posting = Task.Run(async () =>
        {
            try
            {
                return await sender.PostAsync(WebhookUri!, payload, notes.Add, post.Token).ConfigureAwait(false);
            }
            finally
            {
                notes.CompleteAdding();
            }
        });
        try
        {
            foreach (var note in notes.GetConsumingEnumerable())
            {
                if (note.Verbose is { } verbose)
                {
                    WriteVerbose(verbose);
                }

                if (note.Debug is { } debug)
                {
                    WriteDebug(debug);
                }
            }

            return posting.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            // However the writing here ended (a stop, a preference of Stop), the post ends before its notes go away;
            // the command itself is not stopped by that, so the state file can still be written.
            post.Cancel();
            Task.WhenAny(posting).GetAwaiter().GetResult();
        }
    }
}
