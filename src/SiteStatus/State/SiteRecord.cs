using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SiteStatus.State;

/// <summary>What the state file remembers of one URL between runs.</summary>
internal sealed class SiteRecord
{
    /// <summary>Up or Down, after the thresholds.</summary>
    public SiteState Confirmed { get; set; } = SiteState.Up;

    /// <summary>When <see cref="Confirmed"/> began.</summary>
    public DateTimeOffset Since { get; set; }

    public int ConsecutiveFailures { get; set; }

    public int ConsecutiveSuccesses { get; set; }

    /// <summary>When the current run of failures (or of successes) began: a confirmed change dates from there, not from the run that confirmed it.</summary>
    public DateTimeOffset? StreakStarted { get; set; }

    /// <summary>When a run last checked the URL; a URL unseen for 30 days is dropped.</summary>
    public DateTimeOffset LastSeen { get; set; }

    /// <summary>When the last Down alert (the transition, or a reminder) was reported.</summary>
    public DateTimeOffset? LastAlert { get; set; }

    /// <summary>
    /// With delivery tracked (<see cref="StateStore.DeliveryTracked"/>): the alert reported but not yet delivered
    /// (<see cref="AlertKind"/>), which later runs report again until Send-SiteStatusAlert -StatePath delivers it; null when none waits.
    /// </summary>
    public string? PendingAlert { get; set; }

    public OutcomeHistory History { get; set; } = new();
}

/// <summary>
/// The last outcomes of a URL, up or down, oldest first, kept as runs ("1437U3D": 1437 up, then 3 down), so a site
/// that is always up costs a few bytes however long the window.
/// </summary>
internal sealed class OutcomeHistory
{
    /// <summary>A day of checks once a minute.</summary>
    public const int Window = 1_440;

    private readonly List<(bool Up, int Count)> _runs = [];

    public int Count { get; private set; }

    public int UpCount { get; private set; }

    /// <summary>Up outcomes among those kept, in percent; null when none is kept.</summary>
    public double? AvailabilityPercent => Count == 0 ? null : Math.Round(100.0 * UpCount / Count, 2);

    /// <exception cref="FormatException">The text is not runs of a count and U or D.</exception>
    public static OutcomeHistory Parse(string text)
    {
        var history = new OutcomeHistory();
        var count = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9' && digits < 9)
            {
                count = (count * 10) + (c - '0');
                digits++;
            }
            else if (c is 'U' or 'D' && digits > 0)
            {
                history.Add(c == 'U', count);
                count = 0;
                digits = 0;
            }
            else
            {
                throw new FormatException($"history is '{text}', not runs of a count and U or D such as 1437U3D");
            }
        }

        return digits == 0 ? history : throw new FormatException($"history '{text}' ends in a count with no U or D");
    }

    public void Add(bool up, int count = 1)
    {
        if (_runs.Count > 0 && _runs[_runs.Count - 1].Up == up)
        {
            _runs[_runs.Count - 1] = (up, _runs[_runs.Count - 1].Count + count);
        }
        else
        {
            _runs.Add((up, count));
        }

        Count += count;
        UpCount += up ? count : 0;

        // Forget the oldest beyond the window.
        while (Count > Window)
        {
            var (oldestUp, oldest) = _runs[0];
            var drop = Math.Min(oldest, Count - Window);
            Count -= drop;
            UpCount -= oldestUp ? drop : 0;
            if (drop == oldest)
            {
                _runs.RemoveAt(0);
            }
            else
            {
                _runs[0] = (oldestUp, oldest - drop);
            }
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (up, count) in _runs)
        {
            text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(up ? 'U' : 'D');
        }

        return text.ToString();
    }
}
