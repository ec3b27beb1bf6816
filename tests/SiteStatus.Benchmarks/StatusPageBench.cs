using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SiteStatus.History;

namespace SiteStatus.Benchmarks;

/// <summary>The status page row: the page of a fleet from its SQLite history, timed inside pwsh (the median of its runs).</summary>
internal sealed record PageRow(int Sites, long Outcomes, double Seconds, double CpuSeconds, double PeakMiB, long Bytes, bool Verified);

/// <summary>
/// The status page of a fleet: each site checked every 5 minutes for 30 days (most up, some down for a while, one in
/// fifty down now), written to a SQLite history beforehand, then `Export-SiteStatusPage -HistoryPath` timed inside a
/// pwsh of its own: reading the month, counting it with the uptime core, rendering and writing the page. Run alone
/// with `SiteStatus.Benchmarks page --pwsh EXE [--pwsh-dll DLL] --module PSD1 --out DIR [--reps N] [--quick]`.
/// </summary>
internal static class StatusPageBench
{
    public const int Sites = 1_000;

    // 30 days of a check every 5 minutes.
    private const int ChecksPerSite = 30 * 24 * 12;

    public static async Task<PageRow> RunAsync(Options options, int sites, string folder)
    {
        var history = Path.Combine(folder, "page-history.db");
        var page = Path.Combine(folder, "status.html");
        var outcomes = Write(history, sites, DateTimeOffset.UtcNow);
        var script = string.Join("; ", [
            $"Import-Module '{options.Module}'",
            $"$t = Measure-Command {{ Export-SiteStatusPage -Path '{page}' -HistoryPath '{history}' -Title 'Fleet status' }}",
            // The rows on the page: one site heading each.
            $"$rows = ([regex]::Matches([IO.File]::ReadAllText('{page}'), '<th scope=\"row\"')).Count",
            "\"$rows $rows $([int]$t.TotalMilliseconds)\""]);
        var runs = new List<Measurement>();
        for (var run = 0; run < options.Repetitions; run++)
        {
            runs.Add(await Measurement.RunAsync(options.Pwsh, options.PwshArguments("-NoProfile", "-NonInteractive", "-Command", script), TimeSpan.FromMinutes(10)));
        }

        var median = Measurement.Median(runs);
        var row = new PageRow(sites, outcomes, median.Seconds, median.CpuSeconds, median.PeakMiB, new FileInfo(page).Length, !median.TimedOut && median.Ok == sites);
        File.Delete(history);
        return row;
    }

    public static async Task<int> RunAloneAsync(Options options)
    {
        var folder = Directory.CreateTempSubdirectory("sitestatus-bench-page-");
        var row = await RunAsync(options, options.Quick ? Sites / 10 : Sites, folder.FullName);
        Console.WriteLine(Report.PageLine(row));
        folder.Delete(recursive: true);
        return 0;
    }

    // The history, written straight through the store in large transactions: the set-up, not what is measured.
    private static long Write(string path, int sites, DateTimeOffset now)
    {
        var random = new Random(21);
        var first = now.AddMinutes(-5 * ChecksPerSite);
        var batch = new List<HistoryOutcome>(ChecksPerSite);
        long written = 0;
        using var store = HistoryStore.Open(path, HistoryStore.LockWait);
        for (var site = 0; site < sites; site++)
        {
            var uri = string.Format(CultureInfo.InvariantCulture, "https://site{0}.example.com/health", site);
            // Every site has three outages of 15 to 90 minutes at random; one in fifty is down for the last 20 minutes.
            var outages = Enumerable.Range(0, 3).Select(_ => (Start: random.Next(ChecksPerSite - 100), Length: 3 + random.Next(16))).ToList();
            var downNow = site % 50 == 7;
            for (var check = 0; check < ChecksPerSite; check++)
            {
                var down = (downNow && check >= ChecksPerSite - 4) || outages.Any(o => check >= o.Start && check < o.Start + o.Length);
                batch.Add(new HistoryOutcome(uri, null, first.AddMinutes(5 * check), down ? SiteState.Down : SiteState.Up, down ? "HttpStatus" : "None", down ? 503 : 200, 40 + random.Next(400), down ? "Service Unavailable" : "OK", false));
            }

            store.Append(batch);
            written += batch.Count;
            batch.Clear();
        }

        return written;
    }
}
