using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SiteStatus.History;

/// <summary>
/// The stretch of time uptime is counted over, from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive):
/// the last 24 hours, 7, 30 or 90 days, or a calendar month in a time zone. <see cref="Zone"/> also cuts it into days.
/// </summary>
internal sealed record UptimeWindow(string Name, DateTimeOffset From, DateTimeOffset To, TimeZoneInfo Zone)
{
    private static readonly (string Name, TimeSpan Length)[] Rolling =
    [
        ("24h", TimeSpan.FromHours(24)),
        ("7d", TimeSpan.FromDays(7)),
        ("30d", TimeSpan.FromDays(30)),
        ("90d", TimeSpan.FromDays(90)),
    ];

    /// <summary>The names of the rolling windows, shortest first.</summary>
    public static IReadOnlyList<string> RollingNames { get; } = Rolling.Select(w => w.Name).ToList();

    /// <summary>The rolling window <paramref name="name"/> (24h, 7d, 30d, 90d) that ends at <paramref name="now"/>.</summary>
    public static UptimeWindow Last(string name, DateTimeOffset now, TimeZoneInfo zone)
    {
        var (known, length) = Rolling.FirstOrDefault(w => w.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        return known is null
            ? throw new ArgumentException($"'{name}' is not a window: give {string.Join(", ", RollingNames)}.", nameof(name))
            : new(known, now - length, now, zone);
    }

    /// <summary>The calendar month <paramref name="month"/> (yyyy-MM) in <paramref name="zone"/>: from its first midnight there to the next month's.</summary>
    /// <exception cref="FormatException">The text is not a month yyyy-MM.</exception>
    public static UptimeWindow Month(string month, TimeZoneInfo zone)
    {
        var first = ParseMonth(month);
        return new(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), StartOfDay(first, zone), StartOfDay(first.AddMonths(1), zone), zone);
    }

    /// <summary>The first day of the month yyyy-MM.</summary>
    /// <exception cref="FormatException">The text is not a month yyyy-MM.</exception>
    public static DateTime ParseMonth(string month) =>
        !DateTime.TryParseExact(month.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? throw new FormatException($"'{month}' is not a month: give it as yyyy-MM, such as 2026-11.")

            // A zone's midnight may lie a day either side of the calendar's, and the window ends at the next month.
            : first.Year is < 2 or > 9998 ? throw new FormatException($"'{month}' is out of range: give a month from 0002-01 to 9998-12.")
            : first;

    /// <summary>
    /// The instant <paramref name="date"/> begins in <paramref name="zone"/>: its midnight; where the clocks skip midnight,
    /// the first instant after the gap; where they repeat it, its first occurrence.
    /// </summary>
    public static DateTimeOffset StartOfDay(DateTime date, TimeZoneInfo zone)
    {
        var midnight = DateTime.SpecifyKind(date.Date, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(midnight))
        {
            return new DateTimeOffset(midnight, zone.GetAmbiguousTimeOffsets(midnight).Max());
        }

        // In a gap, midnight under the offset before it is the instant the clocks jump: the day's first instant.
        var offset = zone.IsInvalidTime(midnight) ? zone.GetUtcOffset(midnight.AddHours(-6)) : zone.GetUtcOffset(midnight);
        return new DateTimeOffset(midnight, offset);
    }

    /// <summary>The days of the window in its zone up to <paramref name="end"/>, each cut to the window: (date, from, to).</summary>
    public IEnumerable<(DateTime Date, DateTimeOffset From, DateTimeOffset To)> Days(DateTimeOffset end)
    {
        for (var day = TimeZoneInfo.ConvertTime(From, Zone).Date; ; day = day.AddDays(1))
        {
            var start = StartOfDay(day, Zone);
            if (start >= end)
            {
                yield break;
            }

            var next = StartOfDay(day.AddDays(1), Zone);
            yield return (day, start < From ? From : start, next < end ? next : end);
        }
    }
}
