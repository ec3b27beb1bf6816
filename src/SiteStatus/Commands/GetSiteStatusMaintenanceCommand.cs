using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace SiteStatus.Commands;

/// <summary>
/// The Get-SiteStatusMaintenance cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SiteStatusMaintenance")]
[OutputType(typeof(SiteMaintenance))]
public sealed class GetSiteStatusMaintenanceCommand : MaintenanceCommandBase
{
    private readonly List<string> _urls = [];

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
        if (Uri is not null)
        {
            foreach (var uri in Uri)
            {
                if (AsWritten(uri) is { } url)
                {
                    _urls.Add(url);
                }
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        // Reading a file that does not exist makes none: there is no maintenance in it.
        if (!File.Exists(FullStatePath))
        {
            return;
        }

        var now = DateTimeOffset.Now;
        var filtered = MyInvocation.BoundParameters.ContainsKey(nameof(Uri)) || _urls.Count > 0;
        WithState(state =>
        {
            // Each maintenance once, however many of the URLs it covers.
            foreach (var period in state.Maintenance.Where(m => m.End > now && (!filtered || _urls.Exists(url => m.Covers(url, now)))))
            {
                WriteObject(Show(period, now));
            }

            return false;
        });
    }
}
