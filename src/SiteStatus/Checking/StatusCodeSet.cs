using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SiteStatus.Checking;

/// <summary>The status codes that count as up: codes and ranges such as 200-299, 301 or "200-399,404".</summary>
internal sealed class StatusCodeSet
{
    private readonly IReadOnlyList<(int Low, int High)> _ranges;

    private StatusCodeSet(IReadOnlyList<(int Low, int High)> ranges) => _ranges = ranges;

    /// <summary>Reads codes and ranges; each item may itself hold several, separated by commas.</summary>
    /// <exception cref="FormatException">An item is not a code from 100 to 999 or a range of them, low to high.</exception>
    public static StatusCodeSet Parse(IEnumerable<string> items)
    {
        var ranges = new List<(int Low, int High)>();
        foreach (var part in items.SelectMany(item => (item ?? string.Empty).Split(',')))
        {
            var text = part.Trim();
            var dash = text.IndexOf('-');
            var low = ParseCode(dash < 0 ? text : text.Substring(0, dash), text);
            var high = dash < 0 ? low : ParseCode(text.Substring(dash + 1), text);
            if (high < low)
            {
                throw new FormatException($"'{text}' is a range from high to low; write it low to high, e.g. {high}-{low}.");
            }

            ranges.Add((low, high));
        }

        return ranges.Count > 0 ? new StatusCodeSet(ranges) : throw new FormatException("No status code was given.");
    }

    public bool Contains(int code) => _ranges.Any(range => code >= range.Low && code <= range.High);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join(",", _ranges.Select(r => r.Low == r.High ? r.Low.ToString(CultureInfo.InvariantCulture) : $"{r.Low}-{r.High}"));

    private static int ParseCode(string text, string item) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 999
            ? code
            : throw new FormatException($"'{item}' is not a status code from 100 to 999, nor a range of them such as 200-299.");
}
