using System;
using System.Management.Automation;

namespace SiteStatus.Commands;

/// <summary>
/// The Get-SiteStatusHistory cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SiteStatusHistory", DefaultParameterSetName = RangeSet)]
[OutputType(typeof(SiteHistoryEntry))]
public sealed class GetSiteStatusHistoryCommand : HistoryCommandBase
{
    private const string RangeSet = "Range";
    private const string LastSet = "Last";

    /// <summary>
    /// <para type="description">Only these URLs, each a URL as given to the checking commands or a pattern of them: * stands for any characters and ? for one (https://shop.example.com/*), matched against the results' Uri, ignoring case. Default: every URL.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url")]
    [ValidateNotNullOrEmpty]
    public string[]? Uri { get; set; }

    /// <summary>
    /// <para type="description">Only the results checked from this location (its name, ignoring case). Default: every location, and the results of runs without one.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Location { get; set; }

    /// <summary>
    /// <para type="description">Only the results checked at or after this time (a DateTime without a zone is this machine's local time). Default: from the first.</para>
    /// </summary>
    [Parameter(ParameterSetName = RangeSet)]
    public DateTime? After { get; set; }

    /// <summary>
    /// <para type="description">Only the results checked before this time. Default: up to the last.</para>
    /// </summary>
    [Parameter(ParameterSetName = RangeSet)]
    public DateTime? Before { get; set; }

    /// <summary>
    /// <para type="description">Only the results checked within this time before now: -Last 1:00:00 for the last hour, -Last 7.00:00:00 or (New-TimeSpan -Days 7) for the last week.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = LastSet)]
    public TimeSpan Last { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        // Ranges that can hold nothing would give nothing, and look like a history with nothing in it.
        if (ParameterSetName == LastSet && Last <= TimeSpan.Zero)
        {
            ThrowParameterError("EmptyTimeRange", $"-Last {Last} holds no time: give how far back to look, such as 1:00:00 for the last hour.", Last);
        }

        if (After is { } after && Before is { } before && new DateTimeOffset(after) >= new DateTimeOffset(before))
        {
            ThrowParameterError("EmptyTimeRange", $"-After {after:o} is not before -Before {before:o}: no result is checked in between.", after);
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var from = ParameterSetName == LastSet ? DateTimeOffset.Now - Last : After is { } after ? new DateTimeOffset(after) : DateTimeOffset.MinValue;
        var to = Before is { } before ? new DateTimeOffset(before) : DateTimeOffset.MaxValue;
        WithHistory(readOnly: true, store =>
        {
            foreach (var outcome in store.Read(Patterns(Uri), Location, from, to))
            {
                WriteObject(new SiteHistoryEntry(outcome));
            }
        });
    }
}
