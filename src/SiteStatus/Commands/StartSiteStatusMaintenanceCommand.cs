using System;
using System.Collections.Generic;
using System.Management.Automation;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>
/// The Start-SiteStatusMaintenance cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "SiteStatusMaintenance", SupportsShouldProcess = true, DefaultParameterSetName = DurationSet)]
[OutputType(typeof(SiteMaintenance))]
public sealed class StartSiteStatusMaintenanceCommand : MaintenanceCommandBase
{
    private const string DurationSet = "Duration";
    private const string UntilSet = "Until";

    private readonly List<string> _uris = [];

    /// <summary>
    /// <para type="description">The URLs to put in maintenance, each a URL as given to the checking commands or a pattern of them: * stands for any characters and ? for one (https://shop.example.com/*). Matched against the results' Uri, ignoring case.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url")]
    [ValidateNotNullOrEmpty]
    public string[] Uri { get; set; } = [];

    /// <summary>
    /// <para type="description">How many minutes from now the maintenance lasts.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = DurationSet)]
    [ValidateRange(1, 525_600)]
    public int DurationMin { get; set; }

    /// <summary>
    /// <para type="description">When the maintenance ends: a time in the future (a DateTime without a zone is this machine's local time).</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = UntilSet)]
    public DateTime Until { get; set; }

    /// <summary>
    /// <para type="description">Why, in a few words: written with the maintenance, for whoever lists it.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Reason { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (var uri in Uri)
        {
            if (AsWritten(uri) is { } pattern)
            {
                _uris.Add(pattern);
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var now = DateTimeOffset.Now;
        var end = ParameterSetName == UntilSet ? new DateTimeOffset(Until) : now.AddMinutes(DurationMin);
        if (end <= now)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-Until {end:o} has passed: give a time in the future, or -DurationMin."),
                "MaintenanceEndPassed",
                ErrorCategory.InvalidArgument,
                Until));
        }

        var started = new List<MaintenancePeriod>();
        WithState(state =>
        {
            foreach (var pattern in _uris)
            {
                if (!ShouldProcess(pattern, $"Start maintenance until {end:o}"))
                {
                    continue;
                }

                // Starting it again replaces it: the new end holds, sooner or later.
                state.Maintenance.RemoveAll(m => string.Equals(m.Pattern, pattern, StringComparison.OrdinalIgnoreCase));
                var period = new MaintenancePeriod(pattern, now, end, Reason);
                state.Maintenance.Add(period);
                started.Add(period);
            }

            return started.Count > 0;
        });

        foreach (var period in started)
        {
            WriteObject(Show(period, now));
        }
    }
}
