using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using SiteStatus.Checking;
using SiteStatus.Export;

namespace SiteStatus.Commands;

/// <summary>
/// <para type="synopsis">Posts the results piped in as one alert message to Teams (Workflows), Slack or any webhook.</para>
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
}
