using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace SiteStatus.Commands;

/// <summary>
/// The Stop-SiteStatusMaintenance cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "SiteStatusMaintenance", SupportsShouldProcess = true)]
public sealed class StopSiteStatusMaintenanceCommand : MaintenanceCommandBase
{
    private readonly List<(string Uri, string StatePath)> _stops = [];

    /// <summary>
    /// <para type="description">The maintenance to end, by the URL or pattern it was started with (as Get-SiteStatusMaintenance writes it), ignoring case.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url")]
    [ValidateNotNullOrEmpty]
    public string[] Uri { get; set; } = [];

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (var uri in Uri)
        {
            if (AsWritten(uri) is { } pattern)
            {
                _stops.Add((pattern, StatePath!));
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        // One read and one write of each file, however many periods end.
        foreach (var file in new HashSet<string>(_stops.ConvertAll(s => s.StatePath)))
        {
            StatePath = file;
            WithState(state =>
            {
                var ended = 0;
                foreach (var (uri, _) in _stops.FindAll(s => s.StatePath == file))
                {
                    if (!state.Maintenance.Exists(m => string.Equals(m.Pattern, uri, StringComparison.OrdinalIgnoreCase)))
                    {
                        WriteError(new ErrorRecord(
                            new ArgumentException($"The state file '{FullStatePath}' has no maintenance for '{uri}'; Get-SiteStatusMaintenance lists those it has."),
                            "MaintenanceNotFound",
                            ErrorCategory.ObjectNotFound,
                            uri));
                    }
                    else if (ShouldProcess(uri, "End maintenance"))
                    {
                        ended += state.Maintenance.RemoveAll(m => string.Equals(m.Pattern, uri, StringComparison.OrdinalIgnoreCase));
                    }
                }

                return ended > 0;
            });
        }
    }
}
