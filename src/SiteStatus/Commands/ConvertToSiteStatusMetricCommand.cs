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

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ReadInput() is { } record)
        {
            Records.Add(record);
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing() => Emit(MetricsText.Write(Records, Format));

    /// <summary>Writes the metrics text: as output here, to a file in Export-SiteStatusMetric.</summary>
    private protected virtual void Emit(string metrics) => WriteObject(metrics);
}
