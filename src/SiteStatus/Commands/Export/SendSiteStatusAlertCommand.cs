using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
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
    /// <para type="description">Results of Test-SiteStatus or Get-SiteStatusReport, live or deserialized, typically those that Changed or are a Reminder. They go in one message. Anything else is a non-terminating error, NotASiteStatusResult.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject? InputObject { get; set; }

    /// <summary>
    /// <para type="description">The webhook to post to: a Teams Workflows URL, a Slack incoming webhook, or any URL that takes JSON. Its path and query, where the secret is, never appear in errors or messages.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public Uri? WebhookUri { get; set; }

    /// <summary>
    /// <para type="description">Json (a documented generic payload; the default), TeamsWorkflow (an Adaptive Card) or Slack (blocks).</para>
    /// </summary>
    [Parameter]
    public AlertFormat Format { get; set; } = AlertFormat.Json;

    /// <summary>
    /// <para type="description">How many times to post again when the webhook answers 408, 429 or 5xx, or does not answer: after its Retry-After, or a backoff from 1 s. Default 3.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, 10)]
    public int MaximumRetryCount { get; set; } = 3;

    /// <summary>
    /// <para type="description">The state file (-StatePath) of the run whose results these are. The command records in it which alerts were delivered. From then on a confirmed change whose alert was not delivered (the webhook failed, refused it or did not answer) is reported again by every later run, Changed $true, until an alert for it is delivered: a page is never lost to a webhook that was down for one run. Use the same file as the checking command, after it in the pipeline or in a later command.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatePath { get; set; }

    /// <inheritdoc/>
    public void Dispose() => _stopping.Dispose();

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
        if (_records.Count == 0 || !ShouldProcess(WebhookSender.Mask(WebhookUri!), $"Post {_records.Count} alert(s)"))
        {
            return;
        }

        var payload = AlertPayload.Build(_records, Format, DateTimeOffset.Now);
        using var client = SiteProbe.CreateClient(BuildConnection());
        var sender = new WebhookSender(client, UserAgents.Resolve(UserAgent), TimeSpan.FromSeconds(TimeoutSec), MaximumRetryCount);
        string? problem;
        try
        {
            problem = sender.PostAsync(WebhookUri!, payload, _stopping.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }

        RecordDelivery(delivered: problem is null);
        if (problem is not null)
        {
            WriteError(new ErrorRecord(new InvalidOperationException(problem), "AlertNotSent", ErrorCategory.ConnectionError, WebhookSender.Mask(WebhookUri!)));
        }
        else
        {
            WriteVerbose($"Posted {_records.Count} alert(s) to {WebhookSender.Mask(WebhookUri!)} as {Format}.");
        }
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>With -StatePath: marks the file as tracking delivery, and the alerts of this message as delivered when they were.</summary>
    private void RecordDelivery(bool delivered)
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
            var entries = AlertDelivery.Record(state.Sites, _records.Select(r => (r.Uri, AlertPayload.KindOf(r))), delivered, now);
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
            WriteError(new ErrorRecord(e, e.ErrorId, e.ErrorId == StateFileException.Locked ? ErrorCategory.ResourceBusy : ErrorCategory.InvalidData, path));
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(e, "StateNotSaved", ErrorCategory.WriteError, path));
        }
    }
}
