using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SiteStatus.State;

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

    /// <summary>How many of the last <paramref name="last"/> outcomes kept were up (or, with <paramref name="up"/> false, down).</summary>
    public int CountLast(int last, bool up)
    {
        var found = 0;
        for (var i = _runs.Count - 1; i >= 0 && last > 0; i--)
        {
            var taken = Math.Min(last, _runs[i].Count);
            found += _runs[i].Up == up ? taken : 0;
            last -= taken;
        }

        return found;
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
