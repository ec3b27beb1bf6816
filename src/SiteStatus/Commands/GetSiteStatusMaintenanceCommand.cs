using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SiteStatus.Checking;

namespace SiteStatus.Commands;

/// <summary>
/// The Get-SiteStatusMaintenance cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SiteStatusMaintenance")]
[OutputType(typeof(SiteMaintenance))]
public sealed class GetSiteStatusMaintenanceCommand : MaintenanceCommandBase
{
    /// <summary>
    /// <para type="description">Only the maintenance that covers these URLs now. Default: every one not yet over.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [Alias("Url")]
    [ValidateNotNullOrEmpty]
    public string[]? Uri { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        // Reading a file that does not exist makes none: there is no maintenance in it.
        if (!File.Exists(FullStatePath))
        {
            return;
        }

        var now = DateTimeOffset.Now;
        WithState(state =>
        {
            var urls = Uri?.Select(UriPattern.AsWritten).ToList();
            foreach (var period in state.Maintenance.Where(m => m.End > now && (urls is null || urls.Any(url => m.Covers(url, now)))))
            {
                WriteObject(Show(period, now));
            }

            return false;
        });
    }
}
