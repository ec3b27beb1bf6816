using System.Management.Automation;
using SiteStatus.Export;

namespace SiteStatus.Commands;

/// <summary>
/// The ConvertTo-SiteStatusJsonLine cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
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
