using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace SiteStatus.Checking.Maintenance;

/// <summary>
/// A recurring maintenance window, written <c>&lt;days&gt; &lt;HH:mm&gt; &lt;duration&gt; [&lt;time zone&gt;]</c>:
/// <c>Sun 02:00 2h Europe/Berlin</c>, <c>Mon-Fri 23:30 1h30m UTC</c>, <c>Daily 03:00 45m</c>. It starts on each listed
/// weekday at that wall-clock time in its zone and lasts the duration in elapsed time, across midnight and the week's
/// end. A start the clocks skip (spring forward) is the first instant after the gap; a start they repeat (fall back)
/// is its first occurrence. Immutable; <see cref="IsActive"/> is a pure function of the instant.
/// </summary>
internal sealed class MaintenanceWindow
{
    public const string Syntax = "<days> <HH:mm> <duration> [<time zone>]";

    /// <summary>The longest window: a week, so that a weekly window never overlaps its next start.</summary>
    public static readonly TimeSpan MaximumDuration = TimeSpan.FromDays(7);

    // In DayOfWeek's order, so a day's index is its DayOfWeek.
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    // Three parts, then the zone as the rest of the text: a Windows zone id (Windows PowerShell 5.1) has spaces.
    private static readonly Regex Parts = new(@"^\s*(\S+)\s+(\S+)\s+(\S+)(?:\s+(\S.*?))?\s*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly Regex TimeOfDay = new(@"^([01][0-9]|2[0-3]):([0-5][0-9])$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly Regex Lasting = new(@"^(?:([0-9]{1,6})h)?(?:([0-9]{1,6})m)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    private readonly bool[] _days;

    private MaintenanceWindow(bool[] days, TimeSpan start, TimeSpan duration, TimeZoneInfo zone)
    {
        _days = days;
        Start = start;
        Duration = duration;
        Zone = zone;
    }

    /// <summary>The wall-clock time of day the window starts, in <see cref="Zone"/>.</summary>
    public TimeSpan Start { get; }

    /// <summary>How long the window lasts, in elapsed time.</summary>
    public TimeSpan Duration { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>Reads one window.</summary>
    /// <exception cref="FormatException">The text is not a window; the message names the part that is wrong.</exception>
    public static MaintenanceWindow Parse(string text)
    {
        var parts = Parts.Match(text);
        if (!parts.Success)
        {
            throw Refused(text, $"write {Syntax}, as in 'Sun 02:00 2h Europe/Berlin' or 'Mon-Fri 23:30 1h30m'");
        }

        // Read in the order written, so the message names the first part that is wrong.
        var days = ReadDays(text, parts.Groups[1].Value);
        var start = ReadStart(text, parts.Groups[2].Value);
        var duration = ReadDuration(text, parts.Groups[3].Value);
        return new MaintenanceWindow(days, start, duration, parts.Groups[4].Success ? ReadZone(text, parts.Groups[4].Value) : TimeZoneInfo.Utc);
    }

    /// <summary>Whether <paramref name="instant"/> falls in the window: at or after one of its starts, and before that start plus the duration.</summary>
    public bool IsActive(DateTimeOffset instant)
    {
        var today = TimeZoneInfo.ConvertTime(instant, Zone).Date;

        // A window on now started at most a week ago, and a clock change moves a start by an hour or so: 8 days back suffice.
        for (var back = 0; back <= 8; back++)
        {
            var day = today.AddDays(-back);
            if (!_days[(int)day.DayOfWeek])
            {
                continue;
            }

            var start = StartOn(day);
            if (start <= instant && instant < start + Duration)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The instant the window starts on <paramref name="day"/> (a date in <see cref="Zone"/>).</summary>
    private DateTimeOffset StartOn(DateTime day)
    {
        var local = DateTime.SpecifyKind(day.Date + Start, DateTimeKind.Unspecified);
        if (Zone.IsAmbiguousTime(local))
        {
            // The clocks go back over it: its first occurrence is the one under the larger (summer) offset.
            return new DateTimeOffset(local, Zone.GetAmbiguousTimeOffsets(local).Max());
        }

        return Zone.IsInvalidTime(local) ? AfterGap(local) : new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    private static FormatException Refused(string text, string why) => new($"'{text.Trim()}' is not a maintenance window: {why}.");

    private static bool[] ReadDays(string text, string days)
    {
        var set = new bool[7];
        if (days.Equals("Daily", StringComparison.OrdinalIgnoreCase))
        {
            return [true, true, true, true, true, true, true];
        }

        foreach (var item in days.Split(','))
        {
            var range = item.Split('-');
            if (range.Length > 2 || DayOf(range[0]) is not { } first || DayOf(range[range.Length - 1]) is not { } last)
            {
                throw Refused(text, $"the days '{days}' are not Mon, Tue, Wed, Thu, Fri, Sat or Sun, in a list (Sat,Sun) or a range (Mon-Fri, Fri-Mon), nor Daily");
            }

            // A range runs forward through the week: Fri-Mon is Fri, Sat, Sun, Mon.
            for (var day = first; ; day = (day + 1) % 7)
            {
                set[day] = true;
                if (day == last)
                {
                    break;
                }
            }
        }

        return set;
    }

    private static int? DayOf(string name)
    {
        var index = Array.FindIndex(DayNames, day => day.Equals(name, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : index;
    }

    private static TimeSpan ReadStart(string text, string time)
    {
        var match = TimeOfDay.Match(time);
        return match.Success
            ? new TimeSpan(Number(match.Groups[1]), Number(match.Groups[2]), 0)
            : throw Refused(text, $"the start '{time}' is not a 24-hour time HH:mm, from 00:00 to 23:59");
    }

    private static TimeSpan ReadDuration(string text, string duration)
    {
        var match = Lasting.Match(duration);
        if (!match.Success)
        {
            throw Refused(text, $"the duration '{duration}' is not <n>h, <n>m or <n>h<n>m, as in 2h, 45m or 1h30m");
        }

        var length = TimeSpan.FromHours(Number(match.Groups[1])) + TimeSpan.FromMinutes(Number(match.Groups[2]));
        return length > TimeSpan.Zero && length <= MaximumDuration
            ? length
            : throw Refused(text, $"the duration '{duration}' must be more than 0 and at most 168h (7 days)");
    }

    private static int Number(Group group) => group.Success ? int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    private static TimeZoneInfo ReadZone(string text, string id) =>
        TimeZoneId.Find(id) ?? throw Refused(text, $"this system knows no time zone '{id}': {TimeZoneId.Expected}");

    /// <summary>
    /// The first instant after the gap the clocks skip <paramref name="local"/> in: when they jumped. The offsets a day
    /// either side are those before and after the jump, and the jump lies between the instants <paramref name="local"/>
    /// names under each; time zone rules change on whole seconds, so a search by seconds finds it exactly.
    /// </summary>
    private DateTimeOffset AfterGap(DateTime local)
    {
        var before = Zone.GetUtcOffset(local.AddDays(-1));
        var earliest = DateTime.SpecifyKind(local - Zone.GetUtcOffset(local.AddDays(1)), DateTimeKind.Utc);
        var latest = DateTime.SpecifyKind(local - before, DateTimeKind.Utc);
        while (latest - earliest > TimeSpan.FromSeconds(1))
        {
            var middle = earliest.AddSeconds(Math.Floor((latest - earliest).TotalSeconds / 2));
            if (Zone.GetUtcOffset(middle) == before)
            {
                earliest = middle;
            }
            else
            {
                latest = middle;
            }
        }

        return new DateTimeOffset(latest);
    }
}
