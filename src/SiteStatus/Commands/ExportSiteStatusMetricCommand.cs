using System.Management.Automation;

namespace SiteStatus.Commands;

/// <summary>
/// The Export-SiteStatusMetric cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsData.Export, "SiteStatusMetric", SupportsShouldProcess = true)]
[OutputType(typeof(System.IO.FileInfo))]
public sealed class ExportSiteStatusMetricCommand : ConvertToSiteStatusMetricCommand
{
    /// <summary>
    /// <para type="description">The file to write, such as /var/lib/node_exporter/textfile_collector/sites.prom. It is replaced atomically (a temporary file in the same folder, then a rename), as UTF-8 without a BOM with LF line ends, so the collector never reads half a file. Its folder must exist: it is never created (MetricsFolderNotFound).</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>
    /// <para type="description">Writes the file's FileInfo to the pipeline.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private static readonly OutputFile Metrics = new("MetricsNotWritten", "MetricsFolderNotFound", "sites.prom");

    private protected override void Emit(string metrics)
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path!);
        if (!ShouldProcess(path, "Write metrics"))
        {
            return;
        }

        Metrics.Write(this, path, metrics);
        if (PassThru)
        {
            OutputFile.PassThru(this, path);
        }
    }
}
