using System.Collections.Generic;
using System.Management.Automation;
using SiteStatus.Export;

namespace SiteStatus.Commands;

/// <summary>What the commands that turn results into metrics, lines or alerts share: reading them from the pipeline.</summary>
public abstract class ResultInputCommandBase : PSCmdlet
{
    /// <summary>
    /// <para type="description">Results of Test-SiteStatus or Get-SiteStatusReport, live or deserialized (from Start-Job or Invoke-Command). Anything else is a non-terminating error, NotASiteStatusResult.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject? InputObject { get; set; }

    /// <summary>The records read so far, for the commands that write them all at the end.</summary>
    private protected List<ProbeRecord> Records { get; } = [];

    /// <summary>The current input as a record; null, with an error written, when it is not a result.</summary>
    private protected ProbeRecord? ReadInput() => ResultReader.ReadOrError(this, InputObject!);
}
