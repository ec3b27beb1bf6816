using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SiteStatus.Checking;
using SiteStatus.Checking.Settings;
using SiteStatus.Locations;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>
/// The Get-SiteStatusReport cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SiteStatusReport")]
[OutputType(typeof(SiteStatusReport), typeof(SiteStatusSummary))]
public sealed class GetSiteStatusReportCommand : SiteCheckCommandBase
{
    private readonly SortedDictionary<string, SummaryBuilder> _locationSummaries = new(StringComparer.OrdinalIgnoreCase);
    private SummaryBuilder? _summary;
    private DateTimeOffset _startedAt;

    /// <summary>
    /// <para type="description">Warn (and report Degraded) when the certificate expires within this many days. Default 14.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, CheckSettings.MaximumCertificateDays)]
    public int CertificateExpiryWarningDays { get; set; } = CheckSettings.DefaultCertificateExpiryWarningDays;

    /// <summary>
    /// <para type="description">Warn (and report Degraded) when a site takes longer than this many milliseconds to answer. Default: no threshold.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? SlowThresholdMs { get; set; }

    /// <summary>
    /// <para type="description">Warn (and report Degraded) when the site's domain registration expires within this many days; it asks the registry as -MinimumDomainDays does (see there), and fills the report's Domain, DomainExpires, DomainDaysLeft and, when the expiry is not known, DomainReason. Default: no warning and no lookup.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, CheckSettings.MaximumDomainDays)]
    public int? DomainExpiryWarningDays { get; set; }

    /// <summary>
    /// <para type="description">Writes one SiteStatusSummary after all checks instead of a report per site. With -Session it sums up the reports of every location, and its Locations hold each location's own summary.</para>
    /// </summary>
    [Parameter]
    [NotSentToLocations]
    public SwitchParameter Summary { get; set; }

    private protected override bool Diagnose => true;

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (Summary)
        {
            _startedAt = DateTimeOffset.Now;
            _summary = new SummaryBuilder(_startedAt);
        }

        base.BeginProcessing();
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        base.EndProcessing();
        if (_summary is not null)
        {
            var now = DateTimeOffset.Now;
            WriteObject(_summary.Build(now, _locationSummaries.Values.Select(location => location.Build(now)).ToList()));
        }
    }

    private protected override void WriteRemoteResult(PSObject result, StateChange? state)
    {
        // A report from a session is its Deserialized form: the summary reads it by property name.
        if (_summary is null || ResultReader.Read(result) is not { } record)
        {
            base.WriteRemoteResult(result, state);
            return;
        }

        var entry = new SummaryEntry(
            record.Uri,
            Enum.TryParse<SiteState>(record.Status, out var status) ? status : SiteState.Down,
            Enum.TryParse<FailureKind>(record.Failure, out var failure) ? failure : FailureKind.None,
            record.StatusCode,
            record.ResponseTimeMs,
            record.Certificate?.DaysUntilExpiry,
            state);
        AddToSummary(result, entry, record.Location, CertificateExpiryWarningDays);
    }

    // With -Session, every report also counts in its location's own summary.
    private void AddToSummary(PSObject report, SummaryEntry entry, string? location, int expiryWarningDays)
    {
        _summary!.Add(report, entry, expiryWarningDays);
        if (Session is not null && location is not null)
        {
            if (!_locationSummaries.TryGetValue(location, out var own))
            {
                _locationSummaries[location] = own = new SummaryBuilder(_startedAt, location);
            }

            own.Add(report, entry, expiryWarningDays);
        }
    }

    private protected override SiteState HistoryStatus(ProbeOutcome outcome)
    {
        var status = base.HistoryStatus(outcome);
        return status == SiteState.Up && SiteStatusReport.FindWarnings(outcome, outcome.Details!, outcome.Target.Policy).Count > 0
            ? SiteState.Degraded
            : status;
    }

    private protected override void WriteOutcome(ProbeOutcome outcome, StateChange? state)
    {
        var details = outcome.Details!;
        var policy = outcome.Target.Policy;
        var report = new SiteStatusReport(outcome, details, SiteStatusReport.FindWarnings(outcome, details, policy), state);
        if (_summary is not null)
        {
            AddToSummary(PSObject.AsPSObject(report), SummaryEntry.Of(report), report.Location, policy.CertificateExpiryWarningDays);
        }
        else
        {
            WriteResult(WithStateView(report));
        }
    }
}
