using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SiteStatus.Pages;

/// <summary>
/// The status page as one self-contained HTML file: inline CSS and SVG, no script, and nothing it loads (its
/// Content-Security-Policy forbids any fetch, so even a slip of escaping could load nothing and run nothing). Each
/// group is a table whose rows are the sites (status and uptime), each followed by a row with its 90-day bar,
/// response-time sparkline and recent incidents. Every colour has a word beside it or a text of its own.
/// </summary>
internal static class StatusPageHtml
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // The day bar: each day a bar this wide with a gap of 1; the SVG stretches to the cell's width.
    private const int DayWidth = 4;

    // A reason's characters shown at most: two lines of a wide table.
    private const int ReasonLength = 200;
    private const int BarHeight = 24;
    private const int NoDataHeight = 6;

    // The sparkline's box; it draws Sparkline.Slices of the response times.
    private const int SparkWidth = 120;
    private const int SparkHeight = 28;

    /// <summary>The whole page for <paramref name="model"/>.</summary>
    public static string Render(StatusPageModel model)
    {
        var sites = model.Groups.Sum(g => g.Sites.Count);
        var html = new StringBuilder(8192 + (sites * 12_000));
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<meta name=\"color-scheme\" content=\"light dark\" />\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\" />\n")
            .Append("<title>").AppendEscaped(model.Title).Append("</title>\n<style>\n").Append(Style()).Append("</style>\n</head>\n<body>\n");
        Header(html, model, sites);
        var named = model.Groups.Where(g => g.Name is not null).ToList();
        if (named.Count > 1)
        {
            html.Append("<nav aria-label=\"Groups\"><ul>");
            for (var g = 0; g < model.Groups.Count; g++)
            {
                html.Append("<li><a href=\"#g").Append(g + 1).Append("\">").AppendEscaped(GroupName(model, g)).Append("</a></li>");
            }

            html.Append("</ul></nav>\n");
        }

        html.Append("<main>\n");
        var siteNumber = 0;
        for (var g = 0; g < model.Groups.Count; g++)
        {
            Group(html, model, g, ref siteNumber);
        }

        html.Append("</main>\n<footer><p>Made by SiteStatus.</p></footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string GroupName(StatusPageModel model, int index) =>
        model.Groups[index].Name ?? (model.Groups.Count == 1 ? "Sites" : "Other sites");

    private static void Header(StringBuilder html, StatusPageModel model, int sites)
    {
        html.Append("<header>\n<h1>").AppendEscaped(model.Title).Append("</h1>\n");
        var all = model.Groups.SelectMany(g => g.Sites).ToList();
        var worst = all.Count == 0 ? PageStatus.NoData : PageStatus.Up;
        foreach (var site in all)
        {
            worst = Severity(site.Current) > Severity(worst) ? site.Current : worst;
        }

        html.Append("<p class=\"overall ").Append(StatusClass(worst)).Append("\"><span class=\"mark\" aria-hidden=\"true\"></span>").Append(Overall(all, sites)).Append("</p>\n");
        html.Append("<p class=\"meta\">Generated <time datetime=\"").Append(Iso(model.GeneratedAt)).Append("\">").Append(When(model.GeneratedAt)).Append("</time>. Every time on this page is UTC.</p>\n");
        html.Append("<p class=\"legend\">Days: ");
        foreach (var kind in new[] { UptimeDayStatus.Up, UptimeDayStatus.PartlyDown, UptimeDayStatus.Down, UptimeDayStatus.NoData })
        {
            html.Append("<span class=\"key ").Append(DayClass(kind)).Append("\"><span class=\"swatch\" aria-hidden=\"true\"></span>").Append(DayWord(kind)).Append("</span> ");
        }

        html.Length--;
        html.Append("</p>\n</header>\n");
    }

    // How much a site's status weighs on the whole page's: the worst gives the banner its colour.
    private static int Severity(PageStatus status) => status switch
    {
        PageStatus.Up => 0,
        PageStatus.NoData => 1,
        PageStatus.Maintenance => 2,
        PageStatus.Degraded => 3,
        _ => 4,
    };

    private static string Overall(List<StatusPageSite> all, int sites)
    {
        if (sites == 0)
        {
            return "No sites.";
        }

        var down = all.Count(s => s.Current == PageStatus.Down);
        var degraded = all.Count(s => s.Current == PageStatus.Degraded);
        var maintenance = all.Count(s => s.Current == PageStatus.Maintenance);
        var noData = all.Count(s => s.Current == PageStatus.NoData);
        if (down + degraded + maintenance + noData == 0)
        {
            return sites == 1 ? "The site is up." : string.Format(Invariant, "All {0:N0} sites are up.", sites);
        }

        var parts = new List<string>();
        if (down > 0)
        {
            parts.Add(string.Format(Invariant, "{0:N0} down", down));
        }

        if (degraded > 0)
        {
            parts.Add(string.Format(Invariant, "{0:N0} degraded", degraded));
        }

        if (maintenance > 0)
        {
            parts.Add(string.Format(Invariant, "{0:N0} in maintenance", maintenance));
        }

        if (noData > 0)
        {
            parts.Add(string.Format(Invariant, "{0:N0} without data", noData));
        }

        return string.Format(Invariant, "{0:N0} of {1:N0} {2}: {3}.", sites - down - degraded - maintenance - noData, sites, sites == 1 ? "site up" : "sites up", string.Join(", ", parts));
    }

    private static void Group(StringBuilder html, StatusPageModel model, int index, ref int siteNumber)
    {
        var group = model.Groups[index];
        var name = GroupName(model, index);
        html.Append("<section aria-labelledby=\"g").Append(index + 1).Append("\">\n<h2 id=\"g").Append(index + 1).Append("\">").AppendEscaped(name).Append("</h2>\n");
        html.Append("<table class=\"sites\">\n<caption>").AppendEscaped(name).Append(": ")
            .Append(group.Sites.Count == 1 ? "1 site" : string.Format(Invariant, "{0:N0} sites", group.Sites.Count))
            .Append(", their status, uptime and last 90 days</caption>\n")
            .Append("<colgroup><col class=\"c-site\" /><col class=\"c-status\" /><col class=\"c-uptime\" span=\"3\" /></colgroup>\n")
            .Append("<thead>\n<tr><th scope=\"col\" rowspan=\"2\">Site</th><th scope=\"col\" rowspan=\"2\">Status</th><th scope=\"colgroup\" colspan=\"3\" class=\"num\">Uptime</th></tr>\n")
            .Append("<tr><th scope=\"col\" class=\"num\">24 hours</th><th scope=\"col\" class=\"num\">7 days</th><th scope=\"col\" class=\"num\">30 days</th></tr>\n</thead>\n");
        foreach (var site in group.Sites)
        {
            Site(html, site, ++siteNumber);
        }

        html.Append("</table>\n</section>\n");
    }

    private static void Site(StringBuilder html, StatusPageSite site, int number)
    {
        var id = "s" + number.ToString(Invariant);
        html.Append("<tbody>\n<tr><th scope=\"row\" id=\"").Append(id).Append("\">");
        if (IsWebAddress(site.Uri))
        {
            html.Append("<a href=\"").AppendEscaped(site.Uri).Append("\" rel=\"nofollow noopener noreferrer\">").AppendEscaped(site.Name).Append("</a>");
        }
        else
        {
            html.AppendEscaped(site.Name);
        }

        html.Append("</th><td class=\"status ").Append(StatusClass(site.Current)).Append("\"><span class=\"mark\" aria-hidden=\"true\"></span>").Append(StatusWord(site.Current));
        if (site.CurrentReason is not null)
        {
            html.Append("<span class=\"why\">").AppendEscaped(Shortened(site.CurrentReason)).Append("</span>");
        }

        html.Append("</td>");
        var periods = new[] { ("24 hours", site.Uptime24Hours), ("7 days", site.Uptime7Days), ("30 days", site.Uptime30Days) };
        foreach (var (_, figure) in periods)
        {
            Uptime(html, figure, id);
        }

        html.Append("</tr>\n<tr class=\"history\"><td colspan=\"5\" headers=\"").Append(id).Append("\">\n");
        if (site.Name != site.Uri)
        {
            html.Append("<p class=\"url\">").AppendEscaped(site.Uri).Append("</p>\n");
        }

        NoFigureReasons(html, periods, id);

        html.Append("<div class=\"charts\">");
        Days(html, site, id);
        ResponseTimes(html, site);
        html.Append("</div>\n");
        Incidents(html, site);
        html.Append("</td></tr>\n</tbody>\n");
    }

    // A period without a figure says so in its cell, and why in the row below (a sentence would crowd the column).
    private static void Uptime(StringBuilder html, SiteUptime figure, string id)
    {
        if (figure.UptimePercent is { } percent)
        {
            html.Append("<td class=\"num\">").Append(Percent(percent, "0.00")).Append("</td>");
        }
        else
        {
            html.Append("<td class=\"num none\" aria-describedby=\"").Append(id).Append("-why\">No figure</td>");
        }
    }

    // Why each period without a figure has none, the periods with the same reason together.
    private static void NoFigureReasons(StringBuilder html, (string Period, SiteUptime Figure)[] periods, string id)
    {
        var reasons = periods.Where(p => p.Figure.UptimePercent is null).GroupBy(p => p.Figure.Note ?? "Nothing is known of it.").ToList();
        if (reasons.Count == 0)
        {
            return;
        }

        html.Append("<p class=\"note\" id=\"").Append(id).Append("-why\">");
        foreach (var reason in reasons)
        {
            var names = reason.Select(p => p.Period).ToList();
            var joined = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];
            html.Append(reason == reasons[0] ? string.Empty : " ").Append("No uptime for ").Append(joined).Append(": ").AppendEscaped(reason.Key);
        }

        html.Append("</p>\n");
    }

    private static void Days(StringBuilder html, StatusPageSite site, string id)
    {
        var days = site.Days;
        var summary = DaysSummary(days);
        html.Append("<div class=\"days\"><svg viewBox=\"0 0 ").Append(Math.Max(1, (days.Count * (DayWidth + 1)) - 1)).Append(' ').Append(BarHeight)
            .Append("\" preserveAspectRatio=\"none\" role=\"img\" aria-labelledby=\"").Append(id).Append("-days\"><title>").Append(summary).Append("</title>");
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var height = day.Status == UptimeDayStatus.NoData ? NoDataHeight : BarHeight;
            html.Append("<rect x=\"").Append(i * (DayWidth + 1)).Append("\" y=\"").Append(BarHeight - height).Append("\" width=\"").Append(DayWidth)
                .Append("\" height=\"").Append(height).Append("\" class=\"").Append(DayClass(day.Status)).Append("\"><title>");
            DayTitle(html, day);
            html.Append("</title></rect>");
        }

        html.Append("</svg><p id=\"").Append(id).Append("-days\" class=\"note\">").Append(summary).Append("</p></div>");
    }

    private static string DaysSummary(IReadOnlyList<SiteUptimeDay> days)
    {
        var counts = new[] { UptimeDayStatus.Up, UptimeDayStatus.PartlyDown, UptimeDayStatus.Down, UptimeDayStatus.NoData }
            .Select(kind => (Kind: kind, Count: days.Count(d => d.Status == kind)))
            .Where(c => c.Count > 0)
            .Select(c => string.Format(Invariant, "{0} {1}", c.Count, DayWord(c.Kind).ToLowerInvariant()));
        return string.Format(Invariant, "Last {0} days: {1}", days.Count, string.Join(", ", counts));
    }

    private static void DayTitle(StringBuilder html, SiteUptimeDay day)
    {
        html.Append(day.Date.ToString("yyyy-MM-dd", Invariant)).Append(": ").Append(DayWord(day.Status).ToLowerInvariant());
        if (day.UptimePercent is { } percent)
        {
            html.Append(", ").Append(Percent(percent)).Append(" up");
        }

        if (day.Downtime > TimeSpan.Zero)
        {
            html.Append(", down ").Append(Duration(day.Downtime));
        }
    }

    private static void ResponseTimes(StringBuilder html, StatusPageSite site)
    {
        var figures = ResponseFigures(site.Uptime30Days);
        html.Append("<div class=\"spark\">");
        var points = Sparkline.Slices(site.ResponseTimes);
        if (points.Count > 0)
        {
            var first = points[0].At;
            var span = (points[points.Count - 1].At - first).Ticks;
            var highest = points.Max(p => p.Milliseconds);
            var label = "Response time, last 30 days: " + figures;
            html.Append("<svg viewBox=\"0 0 ").Append(SparkWidth).Append(' ').Append(SparkHeight).Append("\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"").Append(label).Append("\"><title>").Append(label).Append("</title><polyline points=\"");
            foreach (var (at, milliseconds) in points)
            {
                var x = span == 0 ? SparkWidth / 2.0 : SparkWidth * (double)(at - first).Ticks / span;
                var y = SparkHeight - 1 - ((SparkHeight - 2) * (highest <= 0 ? 0 : milliseconds / highest));
                html.Append(x.ToString("0.#", Invariant)).Append(',').Append(y.ToString("0.#", Invariant)).Append(' ');
            }

            html.Length--;
            html.Append("\" vector-effect=\"non-scaling-stroke\"/></svg>");
        }

        html.Append("<p class=\"note\">Response time, last 30 days: ").Append(figures).Append("</p></div>");
    }

    private static string ResponseFigures(SiteUptime month) =>
        month.MeanResponseTimeMs is { } mean && month.P95ResponseTimeMs is { } p95
            ? string.Format(Invariant, "mean {0}, 95th percentile {1}", Milliseconds(mean), Milliseconds(p95))
            : "no data";

    private static void Incidents(StringBuilder html, StatusPageSite site)
    {
        if (site.Incidents.Count == 0)
        {
            html.Append("<p class=\"note\">No recent incidents.</p>\n");
            return;
        }

        html.Append("<table class=\"incidents\"><caption>Recent incidents of ").AppendEscaped(site.Name)
            .Append("</caption>\n<thead><tr><th scope=\"col\">Start</th><th scope=\"col\">End</th><th scope=\"col\">Reason</th></tr></thead>\n<tbody>\n");
        foreach (var incident in site.Incidents)
        {
            html.Append("<tr><td>").Append(Time(incident.Start)).Append("</td><td>");
            if (incident.End is { } end)
            {
                html.Append(Time(end)).Append(" <span class=\"took\">(").Append(Duration(end - incident.Start)).Append(")</span>");
            }
            else
            {
                html.Append("ongoing");
            }

            html.Append("</td><td>").AppendEscaped(Shortened(incident.Reason ?? incident.Failure)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static bool IsWebAddress(string uri) =>
        System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && (parsed.Scheme == System.Uri.UriSchemeHttp || parsed.Scheme == System.Uri.UriSchemeHttps);

    private static string StatusWord(PageStatus status) => status switch
    {
        PageStatus.Up => "Up",
        PageStatus.Degraded => "Degraded",
        PageStatus.Down => "Down",
        PageStatus.Maintenance => "Maintenance",
        _ => "No data",
    };

    private static string StatusClass(PageStatus status) => status switch
    {
        PageStatus.Up => "st-up",
        PageStatus.Degraded => "st-partial",
        PageStatus.Down => "st-down",
        PageStatus.Maintenance => "st-maintenance",
        _ => "st-nodata",
    };

    private static string DayWord(UptimeDayStatus kind) => kind switch
    {
        UptimeDayStatus.Up => "Up",
        UptimeDayStatus.PartlyDown => "Partial",
        UptimeDayStatus.Down => "Down",
        _ => "No data",
    };

    private static string DayClass(UptimeDayStatus kind) => kind switch
    {
        UptimeDayStatus.Up => "d-up",
        UptimeDayStatus.PartlyDown => "d-partial",
        UptimeDayStatus.Down => "d-down",
        _ => "d-nodata",
    };

    // Cut, never rounded, to two places: 99.999 % is 99.99 %, so 100 % means no check was down.
    // Cut, never rounded up to 100; in the table two decimals always, so that figures line up and 99.9 is not read as
    // less exact than 99.74.
    private static string Percent(double percent, string format = "0.##") =>
        (Math.Floor(percent * 100) / 100).ToString(format, Invariant) + " %";

    // A reason is a line: a server's page-long one is cut, so that one site cannot make the page long.
    private static string Shortened(string reason) =>
        reason.Length <= ReasonLength ? reason
        : reason.Substring(0, char.IsHighSurrogate(reason[ReasonLength - 1]) ? ReasonLength - 1 : ReasonLength).TrimEnd() + "…";

    private static string Milliseconds(double milliseconds) =>
        milliseconds.ToString(milliseconds < 10 ? "0.#" : "0", Invariant) + " ms";

    // Two units at most, the larger first, the smaller left out when it is 0: 1 d 3 h, 2 h, 36 min, 40 s.
    private static string Duration(TimeSpan duration) => duration switch
    {
        { TotalDays: >= 1 } => Units((int)duration.TotalDays, "d", duration.Hours, "h"),
        { TotalHours: >= 1 } => Units(duration.Hours, "h", duration.Minutes, "min"),
        { TotalMinutes: >= 1 } => Units(duration.Minutes, "min", duration.Seconds, "s"),
        _ => string.Format(Invariant, "{0} s", Math.Max(0, duration.Seconds)),
    };

    private static string Units(int large, string largeUnit, int small, string smallUnit) => small == 0
        ? string.Format(Invariant, "{0} {1}", large, largeUnit)
        : string.Format(Invariant, "{0} {1} {2} {3}", large, largeUnit, small, smallUnit);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Invariant);

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Invariant);

    private static string Time(DateTimeOffset at) => "<time datetime=\"" + Iso(at) + "\">" + When(at) + "</time>";

    private static string Style() =>
        ":root{" + PagePalette.Light.CustomProperties() + "}\n" +
        "@media (prefers-color-scheme: dark){:root{" + PagePalette.Dark.CustomProperties() + "}}\n" +
        """
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--text);font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
        header,nav,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
        h1{font-size:1.75rem;margin:1.25rem 0 .5rem;overflow-wrap:anywhere}
        h2{font-size:1.3rem;margin:2rem 0 .5rem}
        a{color:var(--link)}
        .meta,.legend,.note,.url,.why,.none,footer,caption{color:var(--muted)}
        .meta,.legend{margin:.25rem 0;font-size:.9rem}
        .overall{font-size:1.15rem;font-weight:600;margin:.5rem 0}
        .key{white-space:nowrap;margin-right:.75rem}
        .swatch{display:inline-block;width:.6rem;height:1rem;margin-right:.3rem;vertical-align:-.15rem;background:currentColor;border-radius:1px}
        .key.d-nodata .swatch{height:.3rem;vertical-align:0}
        .key{color:var(--text)}
        .key.d-up .swatch{background:var(--up)}.key.d-partial .swatch{background:var(--partial)}.key.d-down .swatch{background:var(--down)}.key.d-nodata .swatch{background:var(--nodata)}
        .mark{display:inline-block;width:.7em;height:.7em;border-radius:50%;margin-right:.35em;background:currentColor}
        .st-up{color:var(--up)}.st-partial{color:var(--partial)}.st-down{color:var(--down)}.st-maintenance{color:var(--maintenance)}.st-nodata{color:var(--muted)}
        .st-nodata .mark{background:var(--nodata)}
        nav ul{list-style:none;margin:.5rem 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
        table{border-collapse:collapse;width:100%}
        table.sites{table-layout:fixed}
        .c-site{width:34%}.c-status{width:24%}.c-uptime{width:14%}
        caption{text-align:left;font-size:.9rem;padding-bottom:.25rem}
        th,td{text-align:left;vertical-align:top;padding:.45rem .5rem}
        thead th{font-size:.85rem;font-weight:600;color:var(--muted);border-bottom:1px solid var(--border);vertical-align:bottom}
        .num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
        td.none{font-weight:400}
        tbody th{font-weight:600;overflow-wrap:break-word}
        tbody th a{text-decoration:none}tbody th a:hover{text-decoration:underline}
        .url{margin:0 0 .25rem;font-size:.85rem;overflow-wrap:anywhere}
        .status{font-weight:600;white-space:nowrap}
        .why{display:block;font-weight:400;font-size:.85rem;white-space:normal;overflow-wrap:anywhere}
        tbody{border-top:1px solid var(--border)}
        thead+tbody{border-top:0}
        tr.history td{padding-top:0}
        .charts{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;align-items:flex-end}
        .days{flex:1 1 20rem;min-width:0}
        .days svg{display:block;width:100%;height:24px}
        .spark svg{display:block;width:120px;height:28px}
        .spark polyline{fill:none;stroke:var(--link);stroke-width:1.5}
        .d-up{fill:var(--up)}.d-partial{fill:var(--partial)}.d-down{fill:var(--down)}.d-nodata{fill:var(--nodata)}
        .note{margin:.2rem 0;font-size:.85rem}
        table.incidents{margin:.5rem 0 .25rem;font-size:.85rem}
        table.incidents caption{font-size:.85rem}
        table.incidents th,table.incidents td{padding:.2rem .5rem .2rem 0}
        table.incidents tbody{border:0}
        table.incidents time{white-space:nowrap}
        table.incidents td:last-child{overflow-wrap:anywhere}
        footer{margin:2rem auto;font-size:.85rem}
        @media (max-width:40rem){header,nav,main,footer{padding:0 .5rem}table{font-size:.8rem}th,td{padding:.35rem .2rem}.status,td.none,thead .num{white-space:normal}.c-site{width:30%}.c-status{width:25%}.c-uptime{width:15%}h1{font-size:1.4rem}.took{display:block}}

        """;
}
