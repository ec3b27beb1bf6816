using System;
using System.Collections.Generic;
using System.Linq;

namespace SiteStatus;

/// <summary>Gathers reports one at a time into a summary, keeping only what the summary shows.</summary>
internal sealed class SummaryBuilder(DateTimeOffset startedAt)
{
    private const int SlowestShown = 5;

    private readonly List<double> _responseTimes = [];
    private readonly List<SiteStatusReport> _slowest = [];
    private readonly Dictionary<FailureKind, List<SiteStatusReport>> _failures = [];
    private readonly List<SiteStatusReport> _expiring = [];
    private readonly List<SiteStatusReport> _wentDown = [];
    private readonly List<SiteStatusReport> _recovered = [];
    private readonly List<SiteAvailability> _availability = [];
    private int _up;
    private int _degraded;
    private int _down;
    private int _notRun;
    private int _flaky;

    /// <param name="report">One site's report.</param>
    /// <param name="expiryWarningDays">The site's own warning days: a sites file may set them per site.</param>
    public void Add(SiteStatusReport report, int expiryWarningDays)
    {
        switch (report.Status)
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
                if (!_failures.TryGetValue(report.Failure, out var group))
                {
                    _failures[report.Failure] = group = [];
                }

                group.Add(report);
                break;
        }

        if (report.StatusCode is not null)
        {
            _responseTimes.Add(report.ResponseTimeMs);
        }

        if (report.Certificate is { } certificate && certificate.DaysUntilExpiry < expiryWarningDays)
        {
            _expiring.Add(report);
        }

        if (report.State is { } state)
        {
            if (state.Changed)
            {
                (state.ConfirmedStatus == SiteState.Down ? _wentDown : _recovered).Add(report);
            }

            _availability.Add(new SiteAvailability(report.Uri, state.AvailabilityPercent, state.Checks));
        }

        KeepIfSlowest(report);
    }

    public SiteStatusSummary Build(DateTimeOffset now) => new(
        _up,
        _degraded,
        _flaky,
        _down,
        _notRun,
        Statistics(_responseTimes),
        _slowest,
        _failures.OrderByDescending(g => g.Value.Count).ThenBy(g => g.Key).Select(g => new FailureGroup(g.Key, g.Value)).ToList(),
        _expiring,
        startedAt,
        now - startedAt,
        _wentDown,
        _recovered,
        _availability);

    /// <summary>The value below which the share <paramref name="p"/> of the sorted values lies, interpolating between ranks.</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (rank - lower));
    }

    private static ResponseTimeStatistics? Statistics(List<double> times)
    {
        if (times.Count == 0)
        {
            return null;
        }

        times.Sort();
        return new ResponseTimeStatistics(times[0], Percentile(times, 0.5), Percentile(times, 0.95), times[times.Count - 1]);
    }

    private void KeepIfSlowest(SiteStatusReport report)
    {
        var index = _slowest.FindIndex(kept => report.ResponseTimeMs > kept.ResponseTimeMs);
        if (index < 0 && _slowest.Count < SlowestShown)
        {
            _slowest.Add(report);
        }
        else if (index >= 0)
        {
            _slowest.Insert(index, report);
            if (_slowest.Count > SlowestShown)
            {
                _slowest.RemoveAt(SlowestShown);
            }
        }
    }
}
