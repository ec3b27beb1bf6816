using System;
using System.Globalization;
using System.Management.Automation;

namespace SiteStatus.Commands;

/// <summary>
/// The Remove-SiteStatusHistory cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SiteStatusHistory", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemoveSiteStatusHistoryCommand : HistoryCommandBase
{
    /// <summary>
    /// <para type="description">Removes the results checked before this time (a DateTime without a zone is this machine's local time): (Get-Date).AddDays(-90) keeps 90 days.</para>
    /// </summary>
    [Parameter(Mandatory = true)]
    public DateTime Before { get; set; }

    /// <summary>
    /// <para type="description">Only the results of these URLs, each a URL or a pattern of them (* any characters, ? one), matched against the results' Uri, ignoring case. Default: every URL.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url")]
    [ValidateNotNullOrEmpty]
    public string[]? Uri { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        // A sign slipped ((Get-Date).AddDays(90) for -90) would remove every result there is.
        if (new DateTimeOffset(Before) > DateTimeOffset.Now)
        {
            ThrowParameterError("BeforeInFuture", $"-Before {Before:o} is in the future: it would remove every result. To keep 90 days, give (Get-Date).AddDays(-90); to remove every result so far, give (Get-Date).", Before);
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var before = new DateTimeOffset(Before);
        var patterns = Patterns(Uri);
        WithHistory(readOnly: false, store =>
        {
            var count = store.Count(patterns, before);
            if (ShouldProcess(store.Path, string.Format(CultureInfo.InvariantCulture, "Remove {0:N0} result(s) of {1} checked before {2:o}", count, string.Join(", ", patterns), before)))
            {
                var removed = store.Remove(patterns, before);
                WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Removed {0:N0} result(s) checked before {1:o} from '{2}'.", removed, before, store.Path));
            }
        });
    }
}
