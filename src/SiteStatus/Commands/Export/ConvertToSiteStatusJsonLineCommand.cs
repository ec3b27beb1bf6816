using System.Management.Automation;
using SiteStatus.Export;

namespace SiteStatus.Commands;

/// <summary>
/// <para type="synopsis">Turns each result into one line of compact JSON, for log shippers (Loki, Elastic, Splunk) and jq.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "SiteStatusJsonLine")]
[OutputType(typeof(string))]
public sealed class ConvertToSiteStatusJsonLineCommand : ResultInputCommandBase
{
    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ReadInput() is { } record)
        {
            WriteObject(JsonLines.Write(record));
        }
    }
}
