using System;
using System.Management.Automation;
using SiteStatus.Checking;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>
/// <para type="synopsis">Diagnoses websites, many at once: phase timings, the TLS certificate, the redirect chain; or, with -Summary, how the whole fleet fared.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SiteStatusReport")]
[OutputType(typeof(SiteStatusReport), typeof(SiteStatusSummary))]
public sealed class GetSiteStatusReportCommand : SiteCheckCommandBase
{
    private SummaryBuilder? _summary;

    /// <summary>
    /// <para type="description">Warn (and report Degraded) when the certificate expires within this many days. Default 14.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, 36_500)]
    public int CertificateExpiryWarningDays { get; set; } = 14;

    /// <summary>
    /// <para type="description">Warn (and report Degraded) when a site takes longer than this many milliseconds to answer. Default: no threshold.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? SlowThresholdMs { get; set; }

    /// <summary>
    /// <para type="description">Writes one SiteStatusSummary after all checks instead of a report per site.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    private protected override bool Diagnose => true;

    private protected override CheckPolicy BuildPolicy() =>
        base.BuildPolicy() with { CertificateExpiryWarningDays = CertificateExpiryWarningDays, SlowThresholdMs = SlowThresholdMs };

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (Summary)
        {
            _summary = new SummaryBuilder(DateTimeOffset.Now);
        }

        base.BeginProcessing();
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        base.EndProcessing();
        if (_summary is not null)
        {
            WriteObject(_summary.Build(DateTimeOffset.Now));
        }
    }

    private protected override void WriteOutcome(ProbeOutcome outcome, StateChange? state)
    {
        var details = outcome.Details!;
        var policy = outcome.Target.Policy;
        var report = new SiteStatusReport(outcome, details, SiteStatusReport.FindWarnings(outcome, details, policy.CertificateExpiryWarningDays, policy.SlowThresholdMs), state);
        if (_summary is not null)
        {
            _summary.Add(report, policy.CertificateExpiryWarningDays);
        }
        else
        {
            WriteResult(report);
        }
    }
}
