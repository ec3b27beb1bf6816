using System;
using System.Management.Automation;
using SiteStatus.Export;

namespace SiteStatus.Commands;

/// <summary>
/// The ConvertTo-SiteStatusMetric cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "SiteStatusMetric")]
[OutputType(typeof(string))]
public class ConvertToSiteStatusMetricCommand : ResultInputCommandBase
{
    /// <summary>
    /// <para type="description">Prometheus (the text exposition format, the default) or OpenMetrics.</para>
    /// </summary>
    [Parameter]
    public MetricsFormat Format { get; set; } = MetricsFormat.Prometheus;

    /// <summary>
    /// <para type="description">Writes every result, not only the last of each URL and location, each sample with its check time (Timestamp) as its timestamp: OpenMetrics for promtool tsdb create-blocks-from openmetrics, which fills Prometheus with the history of saved results. A result without a Timestamp is a non-terminating error, ResultWithoutTimestamp. Always OpenMetrics: with -Format Prometheus it is a parameter error.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Backfill { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (Backfill && Format == MetricsFormat.Prometheus && MyInvocation.BoundParameters.ContainsKey(nameof(Format)))
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-Backfill writes OpenMetrics, the format promtool tsdb create-blocks-from openmetrics reads: leave out -Format Prometheus."),
                "BackfillNeedsOpenMetrics",
                ErrorCategory.InvalidArgument,
                Format));
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ReadInput() is not { } record)
        {
            return;
        }

        if (Backfill && record.Timestamp is null)
        {
            WriteError(new ErrorRecord(
                new ArgumentException($"The result for '{record.Uri}' has no Timestamp, so it cannot be backfilled: a sample needs the time it was checked."),
                "ResultWithoutTimestamp",
                ErrorCategory.InvalidData,
                InputObject));
            return;
        }

        Records.Add(record);
    }

    /// <inheritdoc/>
    protected override void EndProcessing() => Emit(Backfill ? MetricsText.Backfill(Records) : MetricsText.Write(Records, Format));

    /// <summary>Writes the metrics text: as output here, to a file in Export-SiteStatusMetric.</summary>
    private protected virtual void Emit(string metrics) => WriteObject(metrics);
}
