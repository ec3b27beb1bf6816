using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using SiteStatus.Pages;

namespace SiteStatus.Benchmarks;

/// <summary>The status page row: what one page of a large fleet took (the median of its runs) and how big it is.</summary>
internal sealed record PageRow(int Sites, int PointsPerSite, double RenderSeconds, double WriteSeconds, long Bytes, long AllocatedBytes);

/// <summary>
/// The status page of a fleet, as the model a month of 5-minute checks makes (each site: 90 days of which the last 30
/// have data, some partial or down, 8,640 response times, incidents): the page rendered from it and written to a file.
/// Run alone with `SiteStatus.Benchmarks page [SITES] [FILE]`.
/// </summary>
internal static class StatusPageBench
{
    public const int Sites = 1_000;

    // 30 days of a check every 5 minutes.
    private const int Points = 30 * 24 * 12;

    public static PageRow Run(int sites, string path, int repetitions)
    {
        var model = Fleet(sites);
        var runs = new List<PageRow>();
        // The first run warms the JIT; the rows are the runs after it.
        for (var run = 0; run <= repetitions; run++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var html = StatusPageHtml.Render(model);
            var rendered = clock.Elapsed.TotalSeconds;
            AtomicFile.Write(path, html);
            var written = clock.Elapsed.TotalSeconds - rendered;
            if (run > 0)
            {
                runs.Add(new PageRow(sites, Points, rendered, written, new FileInfo(path).Length, GC.GetAllocatedBytesForCurrentThread() - allocated));
            }
        }

        return runs.OrderBy(r => r.RenderSeconds + r.WriteSeconds).ElementAt(runs.Count / 2);
    }

    /// <summary>A fleet in 20 groups, the same every time: most sites up, a few down now, a few with days partly or wholly down.</summary>
    public static StatusPageModel Fleet(int sites)
    {
        var random = new Random(21);
        var now = new DateTimeOffset(2026, 12, 6, 14, 5, 0, TimeSpan.Zero);
        var groups = Enumerable.Range(0, sites).GroupBy(i => i % 20).Select(g => new StatusPageGroup($"Group {g.Key + 1}", g.Select(i => Site(i, now, random)).ToList())).ToList();
        return new StatusPageModel("Fleet status", now, groups);
    }

    private static StatusPageSite Site(int index, DateTimeOffset now, Random random)
    {
        var down = index % 50 == 7;
        var today = now.UtcDateTime.Date;
        var days = Enumerable.Range(0, 90).Select(d =>
        {
            var date = today.AddDays(d - 90);
            if (d < 60)
            {
                return new DayStatus(date, DayKind.NoData, null, null);
            }

            var roll = random.Next(100);
            return roll switch
            {
                < 3 => new DayStatus(date, DayKind.Partial, 99.3, TimeSpan.FromMinutes(10)),
                < 4 => new DayStatus(date, DayKind.Down, 0, TimeSpan.FromDays(1)),
                _ => new DayStatus(date, DayKind.Up, 100, null),
            };
        }).ToList();
        var start = now.AddMinutes(-5 * Points);
        var points = new ResponseTimePoint[Points];
        for (var i = 0; i < Points; i++)
        {
            points[i] = new ResponseTimePoint(start.AddMinutes(5 * i), 80 + random.Next(400));
        }

        var incidents = days.Where(d => d.Kind is DayKind.Partial or DayKind.Down)
            .Select(d => new PageIncident(new DateTimeOffset(d.Date, TimeSpan.Zero).AddHours(3), new DateTimeOffset(d.Date, TimeSpan.Zero).AddHours(3).Add(d.Downtime!.Value), "Service Unavailable <503>"))
            .Reverse().Take(5).ToList();
        if (down)
        {
            incidents.Insert(0, new PageIncident(now.AddMinutes(-20), null, "Connection refused"));
        }

        return new StatusPageSite(
            $"Site {index + 1}",
            $"https://site{index + 1}.example/health?from=status&page={index}",
            down ? PageStatus.Down : PageStatus.Up,
            down ? "Connection refused" : null,
            UptimeFigure.Of(down ? 98.6 : 100),
            UptimeFigure.Of(99.8),
            UptimeFigure.Of(99.95),
            days,
            new ResponseTimeSeries(points, 280, 460),
            incidents);
    }
}
