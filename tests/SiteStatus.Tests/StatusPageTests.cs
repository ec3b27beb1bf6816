using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SiteStatus.Pages;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>Status page models built by hand: one site of every kind, and text that must stay text.</summary>
internal static class StatusPageSamples
{
    public static readonly DateTimeOffset Now = new(2026, 12, 6, 14, 5, 0, TimeSpan.Zero);

    public const string Script = "<script>alert('x')</script>";

    public static StatusPageModel Varied() => new("Example & Co's <sites>", Now,
    [
        new("Shop & checkout", [
            Site("Shop", "https://shop.example/", PageStatus.Up, null, 99.999, 99.5, 98.25, Days(90, up: 60, partial: 1, down: 1), [
                Incident("https://shop.example/", Now.AddDays(-3).AddHours(-2), Now.AddDays(-3).AddHours(-1).AddMinutes(-55), "Service Unavailable"),
            ]),
            Site("Checkout", "https://shop.example/checkout?a=1&b=\"2\"", PageStatus.Down, "Reason with " + Script, 75, 96.4, 99, Days(90, up: 20, partial: 0, down: 1), [
                Incident("https://shop.example/checkout?a=1&b=\"2\"", Now.AddMinutes(-35), null, "Reason with " + Script),
            ]),
        ]),
        new("API", [
            Site("https://api.example/health", "https://api.example/health", PageStatus.Degraded, "Answered in 2400 ms, slower than 1000 ms.", 100, 100, 100, Days(90, up: 90, partial: 0, down: 0), [
                Incident("https://api.example/health", Now.AddDays(-40), Now.AddDays(-40).AddSeconds(40), null),
            ]),
            Site("Reports", "https://reports.example/", PageStatus.Maintenance, "Database upgrade", null, 100, 99.9, Days(90, up: 5, partial: 0, down: 0), []),
            Site("Not a link", "javascript:alert(1)", PageStatus.NoData, null, null, null, null, Days(90, up: 0, partial: 0, down: 0), []),
        ]),
    ]);

    public const string TooLittle = "Too little data: 12% of the window is known up or down; at least 50% is needed.";

    /// <summary>A site with the uptime core's figures as given; a null uptime is no figure, with its note.</summary>
    public static StatusPageSite Site(string name, string uri, PageStatus current, string? reason, double? day, double? week, double? month, IReadOnlyList<SiteUptimeDay> days, IReadOnlyList<SiteIncident> incidents)
    {
        var times = Times(current == PageStatus.NoData ? 0 : 8640);
        return new(name, uri, current, reason, Uptime(uri, "24h", day, null), Uptime(uri, "7d", week, null), Uptime(uri, "30d", month, times.Count == 0 ? null : (250, 390)), days, times, incidents);
    }

    public static SiteUptime Uptime(string uri, string window, double? percent, (double Mean, double P95)? times) => new(uri, null, window, Now.AddDays(-30), Now)
    {
        UptimePercent = percent,
        Note = percent is null ? TooLittle : null,
        MeanResponseTimeMs = times?.Mean,
        P95ResponseTimeMs = times?.P95,
    };

    public static SiteIncident Incident(string uri, DateTimeOffset start, DateTimeOffset? end, string? reason) =>
        new(uri, start, end, (end ?? Now) - start, (end ?? Now) - start, "HttpStatus", reason, []);

    /// <summary>90 days ending today: no data first, then the partial and down days, then up days.</summary>
    public static IReadOnlyList<SiteUptimeDay> Days(int count, int up, int partial, int down)
    {
        var first = Now.UtcDateTime.Date.AddDays(1 - count);
        var kinds = Enumerable.Repeat(UptimeDayStatus.NoData, count - up - partial - down)
            .Concat(Enumerable.Repeat(UptimeDayStatus.PartlyDown, partial))
            .Concat(Enumerable.Repeat(UptimeDayStatus.Down, down))
            .Concat(Enumerable.Repeat(UptimeDayStatus.Up, up));
        return kinds.Select((kind, i) => kind switch
        {
            UptimeDayStatus.Up => new SiteUptimeDay(first.AddDays(i), kind, 100, TimeSpan.Zero, 100),
            UptimeDayStatus.PartlyDown => new SiteUptimeDay(first.AddDays(i), kind, 97.5, TimeSpan.FromMinutes(36), 100),
            UptimeDayStatus.Down => new SiteUptimeDay(first.AddDays(i), kind, 0, TimeSpan.FromDays(1), 100),
            _ => new SiteUptimeDay(first.AddDays(i), kind, null, TimeSpan.Zero, 0),
        }).ToList();
    }

    /// <summary>Every 5 minutes back from now, 100 to 400 ms in waves.</summary>
    public static IReadOnlyList<ResponseTimePoint> Times(int count) =>
        Enumerable.Range(0, count).Select(i => new ResponseTimePoint(Now.AddMinutes(-5 * (count - i)), 250 + (150 * Math.Sin(i / 200.0)))).ToList();
}

/// <summary>The status page's HTML as a pure function of its model: escaping, accessibility markup, nothing loaded.</summary>
public sealed class StatusPageTests
{
    private static readonly string Html = StatusPageHtml.Render(StatusPageSamples.Varied());

    // The page is polyglot markup: well-formed XML as well as HTML, so its structure can be read here as the browser
    // tests (tests/Pester/StatusPage.Tests.ps1) read it from Chromium's DOM.
    private static XElement Page(string html) => XElement.Parse(html[html.IndexOf("<html", StringComparison.Ordinal)..], LoadOptions.PreserveWhitespace);

    private static readonly XElement Root = Page(Html);

    [Fact]
    public void Text_WithMarkup_IsEscaped_Everywhere()
    {
        Assert.DoesNotContain("<script", Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Reason with &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", Html, StringComparison.Ordinal);
        Assert.Contains("<title>Example &amp; Co&#39;s &lt;sites&gt;</title>", Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://shop.example/checkout?a=1&amp;b=&quot;2&quot;\"", Html, StringComparison.Ordinal);
        // Read back, each text is itself: the reason in the status cell and in the incident, the URL, the names.
        Assert.Contains(Root.Descendants("span"), e => (string?)e.Attribute("class") == "why" && e.Value == "Reason with " + StatusPageSamples.Script);
        Assert.Contains(Root.Descendants("td"), e => e.Value == "Reason with " + StatusPageSamples.Script);
        Assert.Contains(Root.Descendants("h1"), e => e.Value == "Example & Co's <sites>");
        Assert.Contains(Root.Descendants("h2"), e => e.Value == "Shop & checkout");
        Assert.Contains(Root.Descendants("a"), e => (string?)e.Attribute("href") == "https://shop.example/checkout?a=1&b=\"2\"" && e.Value == "Checkout");
    }

    [Theory]
    [InlineData("a\u0000b\u001bc\u007fd", "a\ufffdb\ufffdc\ufffdd")]
    [InlineData("tab\tline\nreturn\r", "tab\tline\nreturn\r")]
    [InlineData("<&>\"'", "&lt;&amp;&gt;&quot;&#39;")]
    [InlineData("plain ünïcödé 中文 😀", "plain ünïcödé 中文 😀")]
    public void Escaping_ReplacesWhatHtmlCannotHold(string text, string expected)
    {
        Assert.Equal(expected, new System.Text.StringBuilder().AppendEscaped(text).ToString());
    }

    [Fact]
    public void OnlyWebAddresses_AreLinks_AndNothingIsLoaded()
    {
        // Links to the sites are <a href> only (followed on a click, never loaded); a URL that is not http or https
        // is text.
        var links = Root.Descendants("a").Select(a => (string)a.Attribute("href")!).ToList();
        Assert.All(links.Where(h => !h.StartsWith('#')), h => Assert.Matches("^https?://", h));
        Assert.DoesNotContain(links, h => h.StartsWith("javascript:", StringComparison.Ordinal));
        Assert.Contains(Root.Descendants("th"), th => th.Value == "Not a link" && !th.Descendants("a").Any());

        // Nothing that fetches: no attribute but a link's href holds a URL, no element that loads, no CSS url() or @import.
        var attributes = Root.DescendantsAndSelf().Attributes().ToList();
        Assert.DoesNotContain(attributes, a => a.Name.LocalName is "src" or "srcset" or "data" or "action" or "poster" or "background" or "style");
        Assert.DoesNotContain(attributes, a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Name.LocalName == "href" && a.Parent!.Name.LocalName != "a");
        Assert.DoesNotContain(Root.DescendantsAndSelf(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe" or "object" or "embed" or "image" or "use" or "base" or "form" or "audio" or "video" or "source");
        var style = Root.Descendants("style").Single().Value;
        Assert.DoesNotContain("url(", style, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", style, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@font-face", style, StringComparison.OrdinalIgnoreCase);

        // Every http(s):// in the file is a site's URL, whole, as a link or as its text.
        var sites = StatusPageSamples.Varied().Groups.SelectMany(g => g.Sites).Select(s => s.Uri).ToList();
        var found = Regex.Matches(Html, "https?://[^\"<\\s]*").Select(m => System.Net.WebUtility.HtmlDecode(m.Value)).ToList();
        Assert.NotEmpty(found);
        Assert.All(found, uri => Assert.Contains(uri, sites));

        // And the browser is told so: the page's policy forbids every fetch but its own inline style.
        var policy = Root.Descendants("meta").Single(m => (string?)m.Attribute("http-equiv") == "Content-Security-Policy");
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", (string)policy.Attribute("content")!);
    }

    [Fact]
    public void Page_HasLandmarks_Language_AndHeadings()
    {
        Assert.Equal("en", (string?)Root.Attribute("lang"));
        var body = Root.Element("body")!;
        Assert.Equal(["header", "nav", "main", "footer"], body.Elements().Select(e => e.Name.LocalName));
        Assert.Single(Root.Descendants("h1"));
        Assert.Equal(["Shop & checkout", "API"], Root.Descendants("h2").Select(h => h.Value));
        Assert.All(Root.Descendants("section"), s => Assert.Equal((string?)s.Attribute("aria-labelledby"), (string?)s.Element("h2")!.Attribute("id")));
        Assert.Equal(["#g1", "#g2"], Root.Element("body")!.Element("nav")!.Descendants("a").Select(a => (string)a.Attribute("href")!));
        Assert.NotNull(Root.Descendants("meta").SingleOrDefault(m => (string?)m.Attribute("name") == "viewport"));
    }

    [Fact]
    public void Tables_HaveCaptions_AndEveryHeaderItsScope()
    {
        var tables = Root.Descendants("table").ToList();
        Assert.Equal(2 + 3, tables.Count); // a table per group, and the incidents of the three sites that had any
        Assert.All(tables, t => Assert.False(string.IsNullOrWhiteSpace(t.Element("caption")?.Value)));
        Assert.All(Root.Descendants("th"), th => Assert.Matches("^(col|row|colgroup)$", (string?)th.Attribute("scope")));

        // Each site is a row headed by its name; its history row is tied to that header.
        var groupTable = tables[0];
        var siteRows = groupTable.Elements("tbody").Select(b => b.Elements("tr").ToList()).ToList();
        Assert.Equal(2, siteRows.Count);
        foreach (var rows in siteRows)
        {
            var header = rows[0].Element("th")!;
            Assert.Equal("row", (string?)header.Attribute("scope"));
            Assert.Equal((string?)header.Attribute("id"), (string?)rows[1].Element("td")!.Attribute("headers"));
            Assert.Equal(5, rows[0].Elements().Count());
        }
    }

    [Fact]
    public void EveryColour_HasAWordBesideIt()
    {
        // A status mark is followed by its word in the same cell; a legend key holds its word; each day bar and the
        // sparkline are images with a text.
        foreach (var mark in Root.Descendants("span").Where(s => (string?)s.Attribute("class") is "mark" or "swatch"))
        {
            Assert.Equal("true", (string?)mark.Attribute("aria-hidden"));
            Assert.Matches("^(Up|Down|Degraded|Maintenance|No data|Partial|All |\\d)", mark.Parent!.Value);
        }

        Assert.Equal(["Up", "Down", "Degraded", "Maintenance", "No data"],
            Root.Descendants("td").Where(td => ((string?)td.Attribute("class"))?.StartsWith("status", StringComparison.Ordinal) == true).Select(td => ((XText)td.Nodes().OfType<XText>().First()).Value));
        var svgs = Root.Descendants("svg").ToList();
        Assert.Equal(5 + 4, svgs.Count); // a day bar for every site, a sparkline for each with response times
        foreach (var svg in svgs)
        {
            Assert.Equal("img", (string?)svg.Attribute("role"));
            var title = svg.Elements().First();
            Assert.Equal("title", title.Name);
            Assert.False(string.IsNullOrWhiteSpace(title.Value));
            var name = (string?)svg.Attribute("aria-label") ?? Root.Descendants().Single(e => (string?)e.Attribute("id") == (string?)svg.Attribute("aria-labelledby")).Value;
            Assert.Equal(title.Value, name);
        }

        var rects = Root.Descendants("rect").ToList();
        Assert.Equal(5 * 90, rects.Count);
        Assert.All(rects, r => Assert.Matches("^2026-\\d\\d-\\d\\d: (up|partial|down|no data)", r.Element("title")!.Value));
    }

    [Fact]
    public void Days_AreNinety_OldestFirst_EachWithItsDateAndFigures()
    {
        var shop = Root.Descendants("svg").First();
        var titles = shop.Elements("rect").Select(r => r.Element("title")!.Value).ToList();

        Assert.Equal(90, titles.Count);
        Assert.Equal("2026-09-08: no data", titles[0]);
        Assert.Equal("2026-10-06: partial, 97.5 % up, down 36 min", titles[28]);
        Assert.Equal("2026-10-07: down, 0 % up, down 1 d", titles[29]);
        Assert.Equal("2026-12-06: up, 100 % up", titles[89]);
        Assert.Equal("Last 90 days: 60 up, 1 partial, 1 down, 28 no data", shop.Element("title")!.Value);
        Assert.Equal(["d-nodata", "d-partial", "d-down", "d-up"], shop.Elements("rect").Select(r => (string)r.Attribute("class")!).Distinct());
    }

    [Fact]
    public void Uptime_IsCutNotRounded_AndNoFigureShowsWhy()
    {
        var cells = Root.Descendants("tbody").Where(b => (string?)b.Parent!.Attribute("class") == "sites")
            .Select(b => b.Element("tr")!.Elements("td").Skip(1).Select(td => td.Value).ToList()).ToList();

        Assert.Equal(["99.99 %", "99.50 %", "98.25 %"], cells[0]);
        Assert.Equal(["75.00 %", "96.40 %", "99.00 %"], cells[1]);
        Assert.Equal(["100.00 %", "100.00 %", "100.00 %"], cells[2]);
        Assert.Equal(["No figure", "100.00 %", "99.90 %"], cells[3]);
        Assert.Equal(["No figure", "No figure", "No figure"], cells[4]);

        // Why, in the row below, tied to each cell without a figure.
        const string Why = "Too little data: 12% of the window is known up or down; at least 50% is needed.";
        var reasons = Root.Descendants("p").Where(p => ((string?)p.Attribute("id"))?.EndsWith("-why", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(["No uptime for 24 hours: " + Why, "No uptime for 24 hours, 7 days and 30 days: " + Why], reasons.Select(p => p.Value));
        Assert.All(Root.Descendants("td").Where(td => td.Value == "No figure"), td => Assert.Contains((string?)td.Attribute("aria-describedby"), reasons.Select(p => (string?)p.Attribute("id"))));
    }

    [Fact]
    public void Sparkline_DrawsAMonthOfChecks_AsSixtySlices()
    {
        var spark = Root.Descendants("svg").Single(s => s.Element("polyline") is not null && s.Ancestors("tbody").First().Element("tr")!.Element("th")!.Value.StartsWith("Shop", StringComparison.Ordinal));
        var points = ((string)spark.Element("polyline")!.Attribute("points")!).Split(' ');

        Assert.Equal(60, points.Length);
        Assert.All(points, p => Assert.Matches("^\\d+(\\.\\d)?,\\d+(\\.\\d)?$", p));
        Assert.Equal("Response time, last 30 days: mean 250 ms, 95th percentile 390 ms", (string?)spark.Attribute("aria-label"));
        Assert.Contains(Root.Descendants("p"), p => p.Value == "Response time, last 30 days: no data");
    }

    [Fact]
    public void Incidents_ShowStartEndAndReason_AnOpenOneAsOngoing()
    {
        var incidents = Root.Descendants("table").Where(t => (string?)t.Attribute("class") == "incidents")
            .Select(t => t.Element("tbody")!.Elements("tr").Select(tr => tr.Elements("td").Select(td => td.Value).ToList()).Single()).ToList();

        Assert.Equal(["2026-12-03 12:05", "2026-12-03 12:10 (5 min)", "Service Unavailable"], incidents[0]);
        Assert.Equal(["2026-12-06 13:30", "ongoing", "Reason with " + StatusPageSamples.Script], incidents[1]);
        Assert.Equal(["2026-10-27 14:05", "2026-10-27 14:05 (40 s)", "HttpStatus"], incidents[2]); // Prometheus keeps no reason: the failure kind
        Assert.Contains(Root.Descendants("p"), p => p.Value == "No recent incidents.");
        Assert.Contains(Root.Descendants("time"), t => (string?)t.Attribute("datetime") == "2026-12-03T12:05:00Z");
    }

    [Fact]
    public void Banner_CountsTheSites_ByStatus()
    {
        var banner = Root.Descendants("p").Single(p => ((string?)p.Attribute("class"))?.StartsWith("overall", StringComparison.Ordinal) == true);
        Assert.Equal("1 of 5 sites up: 1 down, 1 degraded, 1 in maintenance, 1 without data.", banner.Value);
        Assert.Equal("overall st-down", (string?)banner.Attribute("class"));

        var allUp = StatusPageHtml.Render(new StatusPageModel("t", StatusPageSamples.Now, [new(null, [StatusPageSamples.Site("a", "https://a.example/", PageStatus.Up, null, 100, 100, 100, [], [])])]));
        Assert.Contains("<p class=\"overall st-up\"><span class=\"mark\" aria-hidden=\"true\"></span>The site is up.</p>", allUp, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"g1\">Sites</h2>", allUp, StringComparison.Ordinal);
        Assert.DoesNotContain("<nav", allUp, StringComparison.Ordinal);
    }

    [Fact]
    public void AServersPageLongReason_IsCutToTwoHundredCharacters_InTheStatusAndTheIncidents()
    {
        var reason = "<" + new string('x', 5_998) + ">";
        var site = StatusPageSamples.Site("a", "https://a.example/", PageStatus.Down, reason, 90, 90, 90, [], [StatusPageSamples.Incident("https://a.example/", StatusPageSamples.Now.AddMinutes(-5), null, reason)]);
        var html = StatusPageHtml.Render(new StatusPageModel("t", StatusPageSamples.Now, [new(null, [site])]));
        var shown = "&lt;" + new string('x', 199) + "…";

        Assert.Equal(2, Regex.Count(html, Regex.Escape(shown)));
        Assert.DoesNotContain(new string('x', 200), html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Colours_HaveEnoughContrast_InBothSchemes(string scheme)
    {
        var palette = scheme == "dark" ? PagePalette.Dark : PagePalette.Light;

        Assert.All(palette.TextColours, c => Assert.True(Contrast(c.Colour, palette.Background) >= 4.5, $"{scheme} {c.Property} {c.Colour}: {Contrast(c.Colour, palette.Background):0.00}:1"));
        Assert.All(palette.MarkColours, c => Assert.True(Contrast(c.Colour, palette.Background) >= 3, $"{scheme} {c.Property} {c.Colour}: {Contrast(c.Colour, palette.Background):0.00}:1"));
        // The page uses these colours, in its light scheme first and its dark one under prefers-color-scheme: dark.
        var style = Root.Descendants("style").Single().Value;
        var declarations = scheme == "dark" ? style[style.IndexOf("prefers-color-scheme: dark", StringComparison.Ordinal)..] : style;
        Assert.Contains("--bg:" + palette.Background + ";", declarations, StringComparison.Ordinal);
        Assert.All(palette.MarkColours, c => Assert.Contains(c.Property + ":" + c.Colour + ";", declarations, StringComparison.Ordinal));
    }

    public static TheoryData<string> Schemes() => ["light", "dark"];

    [Fact]
    public void Contrast_IsWcags()
    {
        Assert.Equal(21, Contrast("#000000", "#ffffff"), 2);
        Assert.Equal(1, Contrast("#777777", "#777777"), 2);
        Assert.Equal(4.48, Contrast("#777777", "#ffffff"), 2);
    }

    // WCAG 2.2's contrast ratio of two sRGB colours.
    private static double Contrast(string a, string b)
    {
        static double Luminance(string hex)
        {
            double Channel(int at)
            {
                var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
                return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }

            return (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
        }

        var (x, y) = (Luminance(a), Luminance(b));
        return (Math.Max(x, y) + 0.05) / (Math.Min(x, y) + 0.05);
    }
}
