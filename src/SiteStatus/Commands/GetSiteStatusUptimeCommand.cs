using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using SiteStatus.Checking;
using SiteStatus.History;

namespace SiteStatus.Commands;

/// <summary>
/// The Get-SiteStatusUptime cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SiteStatusUptime", DefaultParameterSetName = FromPrometheus)]
[OutputType(typeof(SiteUptime))]
public sealed class GetSiteStatusUptimeCommand : UptimeSourceCommandBase
{
    /// <summary>
    /// <para type="description">The URLs, or patterns of them (* any characters, ? one, ignoring case), as the results write them: a URL without * or ? is read as the checking commands read it (example.com is https://example.com/), and gets a row even when nothing was recorded for it. Default: every URL in the history.</para>
    /// </summary>
    [Parameter(Position = 0)]
    [Alias("Url")]
    [ValidateNotNullOrEmpty]
    public string[]? Uri { get; set; }

    /// <summary>
    /// <para type="description">The windows, each ending now: 24h, 7d, 30d, 90d (a bare number is days, as PowerShell reads an unquoted 7d as the number 7). One object per URL and window, in this order. Default: 24h, 7d and 30d.</para>
    /// </summary>
    [Parameter]
    [WindowTransformation]
    [ValidateSet("24h", "7d", "30d", "90d")]
    public string[] Window { get; set; } = ["24h", "7d", "30d"];

    /// <summary>
    /// <para type="description">A calendar month instead of -Window, as yyyy-MM (2026-11): from its first midnight to the next month's, in -TimeZone. The current month counts up to now.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateMonth]
    public string? Month { get; set; }

    /// <summary>
    /// <para type="description">The time zone of -Month and of the days (Days), an IANA id (Europe/Berlin) or UTC. Default: this computer's time zone. Windows PowerShell 5.1 knows Windows ids only, such as 'W. Europe Standard Time'.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateTimeZone]
    public string? TimeZone { get; set; }

    /// <summary>
    /// <para type="description">One object per URL, window and location, each location counted from its own checks alone. Without it, a URL's locations are counted together (see -Quorum).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter ByLocation { get; set; }

    /// <summary>
    /// <para type="description">Only the checks from this location (the location label of the metrics, the Location of the results); the rows name it.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Location { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (Month is not null && MyInvocation.BoundParameters.ContainsKey(nameof(Window)))
        {
            ThrowParameterError("WindowAndMonth", "-Window and -Month cannot be used together: give the windows that end now, or one calendar month.", Month);
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var now = DateTimeOffset.Now;
        var zone = TimeZone is null ? TimeZoneInfo.Local : TimeZoneId.Find(TimeZone)!;
        var windows = Month is null
            ? Window.Distinct(StringComparer.OrdinalIgnoreCase).Select(w => UptimeWindow.Last(w, now, zone)).ToList()
            : [UptimeWindow.Month(Month, zone)];
        var patterns = (Uri ?? []).Select(uri => UriPattern.AsWritten(uri, out _) ?? uri.Trim()).ToList();
        var start = windows.Min(w => w.From);
        var from = start - UptimeRules.Lookback;
        var to = windows.Max(w => w.To);
        var byUrl = ReadByUrl(patterns, Location, from, to < now ? to : now).ToDictionary(u => u.Key, u => u.Value, StringComparer.Ordinal);

        // A URL asked for by name has a row, with nothing recorded for it or not.
        var urls = byUrl.Keys.Union(patterns.Where(p => !UriPattern.HasWildcard(p)), StringComparer.Ordinal).OrderBy(u => u, StringComparer.Ordinal).ToList();
        if (urls.Count == 0)
        {
            // Nothing at all would look like a history with no URL in it.
            WriteWarning(string.Format(
                CultureInfo.InvariantCulture,
                "No URL{0}{1} was checked from {2:u} to {3:u}: no row to give.",
                patterns.Count == 0 ? string.Empty : " matching " + string.Join(", ", patterns),
                Location is null ? string.Empty : " from " + Location,
                start,
                to));
        }

        foreach (var url in urls)
        {
            var outcomes = byUrl.TryGetValue(url, out var found) ? found : [];
            foreach (var window in windows)
            {
                // Of one location, the rows are that location's, and say so.
                var rows = UptimeCalculator.ForUrl(url, outcomes, window, now, Quorum, ByLocation || Location is not null).ToList();
                if (rows.Count == 0)
                {
                    rows.Add(UptimeCalculator.Compute(url, Location, [], window, now, Quorum));
                }

                foreach (var row in rows)
                {
                    Write(row);
                }
            }
        }
    }

    // Rows by location show it: the type name SiteUptime#Location comes first, also on a row of checks made from
    // none (older history), as a table takes its columns from the first row.
    private void Write(SiteUptime row)
    {
        var shown = PSObject.AsPSObject(row);
        if (row.Location is not null || ByLocation)
        {
            shown.TypeNames.Insert(0, typeof(SiteUptime).FullName + "#Location");
        }

        WriteObject(shown);
    }
}
