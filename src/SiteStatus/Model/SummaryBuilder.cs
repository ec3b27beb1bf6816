using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using SiteStatus.State;

namespace SiteStatus;

/// <summary>What a summary counts of one report: read from a report made here, or from one a session sent back.</summary>
internal readonly record struct SummaryEntry(string Uri, SiteState Status, FailureKind Failure, int? StatusCode, double ResponseTimeMs, int? CertificateDays, StateChange? State)
{
    public static SummaryEntry Of(SiteStatusReport report) =>
        new(report.Uri, report.Status, report.Failure, report.StatusCode, report.ResponseTimeMs, report.Certificate?.DaysUntilExpiry, report.State);
}

/// <summary>Gathers reports one at a time into a summary, keeping only what the summary shows.</summary>
internal sealed class SummaryBuilder(DateTimeOffset startedAt, string? location = null)
{
    private const int SlowestShown = 5;

    private readonly List<double> _responseTimes = [];
    private readonly List<(PSObject Report, double ResponseTimeMs)> _slowest = [];
    private readonly Dictionary<FailureKind, List<PSObject>> _failures = [];
    private readonly List<PSObject> _expiring = [];
    private readonly List<PSObject> _wentDown = [];
    private readonly List<PSObject> _recovered = [];
    private readonly List<SiteAvailability> _availability = [];
    private int _up;
    private int _degraded;
    private int _down;
    private int _notRun;
    private int _flaky;

    /// <param name="report">One site's report, as the summary's lists show it.</param>
    /// <param name="entry">What the summary counts of it.</param>
    /// <param name="expiryWarningDays">The site's own warning days: a sites file may set them per site.</param>
    public void Add(PSObject report, SummaryEntry entry, int expiryWarningDays)
    {
        switch (entry.Status)
        {
            case SiteState.Up:
                _up++;
                break;
            case SiteState.Degraded:
                _degraded++;
                break;
            case SiteState.Flaky:
                _flaky++;
                break;
            case SiteState.NotRun:
                _notRun++;
                break;
            default:
                _down++;
                if (!_failures.TryGetValue(entry.Failure, out var group))
                {
                    _failures[entry.Failure] = group = [];
                }

                group.Add(report);
                break;
        }

        if (entry.State is { } state)
        {
            if (state.Changed)
            {
                (state.ConfirmedStatus == SiteState.Down ? _wentDown : _recovered).Add(report);
            }

            _availability.Add(new SiteAvailability(entry.Uri, state.AvailabilityPercent, state.Checks));
        }

        // A check that did not run measured nothing: its 0 ms is no response time, and it is not among the slowest.
        if (entry.Status == SiteState.NotRun)
        {
            return;
        }

        if (entry.StatusCode is not null)
        {
            _responseTimes.Add(entry.ResponseTimeMs);
        }

        if (entry.CertificateDays < expiryWarningDays)
        {
            _expiring.Add(report);
        }

        KeepIfSlowest(report, entry.ResponseTimeMs);
    }

    /// <param name="now">When the run ended.</param>
    /// <param name="locations">With -Session, each location's own summary; empty otherwise.</param>
    public SiteStatusSummary Build(DateTimeOffset now, IReadOnlyList<SiteStatusSummary>? locations = null) => new(
        _up,
        _degraded,
        _flaky,
        _down,
        _notRun,
        Statistics(_responseTimes),
        new(_slowest.Select(s => s.Report).ToList(), ", ", ReportText.Slow),
        new(_failures.OrderByDescending(g => g.Value.Count).ThenBy(g => g.Key).Select(g => new FailureGroup(g.Key, g.Value)).ToList(), ", "),
        new(_expiring, ", ", ReportText.Expiring),
        startedAt,
        now - startedAt,
        new(_wentDown, ", ", ReportText.Failed),
        new(_recovered, ", ", ReportText.Uri),
        new(_availability, ", "),
        location,
        new((locations ?? []).ToList(), "; ", ReportText.Location));

    private static ResponseTimeStatistics? Statistics(List<double> times)
    {
        if (times.Count == 0)
        {
            return null;
        }

        times.Sort();
        return new ResponseTimeStatistics(times[0], ResponseTimeStatistics.Percentile(times, 0.5), ResponseTimeStatistics.Percentile(times, 0.95), times[times.Count - 1]);
    }

    private void KeepIfSlowest(PSObject report, double responseTimeMs)
    {
        var index = _slowest.FindIndex(kept => responseTimeMs > kept.ResponseTimeMs);
        if (index < 0 && _slowest.Count < SlowestShown)
        {
            _slowest.Add((report, responseTimeMs));
        }
        else if (index >= 0)
        {
            _slowest.Insert(index, (report, responseTimeMs));
            if (_slowest.Count > SlowestShown)
            {
                _slowest.RemoveAt(SlowestShown);
            }
        }
    }
}

/// <summary>
/// The short texts of a summary's items, as its list view shows them and as its lists read in a CSV cell. Reports are
/// read by property name, so a live report and a Deserialized one from a session read the same.
/// </summary>
internal static class ReportText
{
    public static string Uri(PSObject report) => Convert.ToString(Value(report, "Uri"), CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>"URL (123 ms)".</summary>
    public static string Slow(PSObject report) => Format("{0} ({1:0} ms)", Uri(report), Value(report, "ResponseTimeMs"));

    /// <summary>"URL (9 days)".</summary>
    public static string Expiring(PSObject report) => Format("{0} ({1} days)", Uri(report), Value(Value(report, "Certificate"), "DaysUntilExpiry"));

    /// <summary>"URL (Timeout)".</summary>
    public static string Failed(PSObject report) => Format("{0} ({1})", Uri(report), Value(report, "Failure"));

    /// <summary>"location: 2 up, 1 down of 3 (66.67%)".</summary>
    public static string Location(SiteStatusSummary summary) => Format(
        "{0}: {1} up, {2} down of {3} ({4}%)", summary.Location, summary.Up + summary.Degraded + summary.Flaky, summary.Down, summary.Total, summary.AvailabilityPercent);

    private static string Format(string format, params object?[] values) => string.Format(CultureInfo.InvariantCulture, format, values);

    private static object? Value(object? owner, string name) =>
        owner is null ? null : PSObject.AsPSObject(owner).Properties[name]?.Value is { } value ? (value is PSObject wrapped ? wrapped.BaseObject : value) : null;
}
