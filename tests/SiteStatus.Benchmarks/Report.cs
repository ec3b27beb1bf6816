using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using ScottPlot;

namespace SiteStatus.Benchmarks;

/// <summary>The medians of every tool on every workload, and on each workload's 8-URL W0 (its start-up and set-up).</summary>
internal sealed record Results(
    IReadOnlyList<Workload> Workloads,
    IReadOnlyList<Tool> Tools,
    IReadOnlyDictionary<(string Workload, string Tool), Measurement> Runs,
    IReadOnlyDictionary<(string Workload, string Tool), Measurement> StartupRuns,
    IReadOnlyDictionary<string, Workload> Zeros)
{
    public Workload Workload(string name) => Workloads.Single(w => w.Name == name);

    /// <summary>
    /// The check phase: timed inside the process where the tool times it (the PowerShell rows), else the whole
    /// process less the same tool's W0 run, which is its start-up and set-up; as the issue measured it.
    /// </summary>
    public double Seconds(string workload, string tool) =>
        Runs[(workload, tool)].CheckSeconds ?? Math.Max(0.001, Runs[(workload, tool)].WallSeconds - StartupRuns[(workload, tool)].WallSeconds);

    public double Rate(string workload, string tool) => Workload(workload).Count / Seconds(workload, tool);

    /// <summary>The best rate any tool could reach: the delay's bound, or the bare loop's rate in this run.</summary>
    public double Limit(string workload) => Workload(workload).LimitRate ?? Rate(workload, Benchmarks.Tools.Bare);

    /// <summary>
    /// CPU microseconds per URL of the whole process less its W0's (start-up and set-up); null for the warm row, whose
    /// process runs the pipeline twice.
    /// </summary>
    public double? ProcessCpuPerUrl(string workload, string tool) => tool == Benchmarks.Tools.SiteStatusWarm
        ? null
        : (Runs[(workload, tool)].CpuSeconds - StartupRuns[(workload, tool)].CpuSeconds) * 1e6 / (Workload(workload).Count - Zeros[workload].Count);

    /// <summary>CPU microseconds per URL read inside pwsh around the pipeline (the PowerShell rows); null for the others.</summary>
    public double? PwshCpuPerUrl(string workload, string tool) => Runs[(workload, tool)].CheckCpuSeconds * 1e6 / Workload(workload).Count;

    /// <summary>What a URL costs the tool: read inside pwsh for the PowerShell rows, else the whole process's less its W0's.</summary>
    public double CpuPerUrl(string workload, string tool) => PwshCpuPerUrl(workload, tool) ?? ProcessCpuPerUrl(workload, tool)!.Value;

    /// <summary>The target's CPU microseconds per URL while the bare loop ran: the server's share of each URL.</summary>
    public double ServerCpuPerUrl(string workload) => Runs[(workload, Benchmarks.Tools.Bare)].ServerCpuSeconds * 1e6 / Workload(workload).Count;

    /// <summary>
    /// On a CPU-bound workload, the rate of a tool that costs the bare loop's CPU per URL plus the floor's (PowerShell's
    /// own for one object a URL): with client and server sharing the cores, the rate goes as 1 / (client + server CPU per
    /// URL), so ceiling = bare rate × (bare + server) / (bare + floor + server).
    /// </summary>
    public double Ceiling(string workload)
    {
        var bare = CpuPerUrl(workload, Benchmarks.Tools.Bare);
        var server = ServerCpuPerUrl(workload);
        return Rate(workload, Benchmarks.Tools.Bare) * (bare + server) / (bare + CpuPerUrl(workload, Benchmarks.Tools.Floor) + server);
    }

    /// <summary>A PowerShell row's CPU per URL over the bare loop's plus the floor's: 1 is PowerShell's cost and nothing more.</summary>
    public double OverBareAndFloor(string workload, string tool) =>
        CpuPerUrl(workload, tool) / (CpuPerUrl(workload, Benchmarks.Tools.Bare) + CpuPerUrl(workload, Benchmarks.Tools.Floor));
}

/// <summary>Writes RESULTS.md (tables, targets, machine, date, command) and a chart of each workload's rates.</summary>
internal static class Report
{
    public static string Write(
        Options options,
        Results results,
        Workload million,
        Workload tenThousand,
        IReadOnlyDictionary<string, Measurement> scale,
        Startup startup,
        HistoryWrites history,
        SessionResults sessions,
        PageRow page,
        StateResults state)
    {
        Directory.CreateDirectory(options.Output);
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        void Line(string format, params object?[] values) => text.AppendLine(string.Format(invariant, format, values));

        Line("# Benchmark results");
        Line(string.Empty);
        Line("Made by `dotnet pwsh ./build.ps1 -Task Bench{0}` on {1:yyyy-MM-dd HH:mm} UTC.", options.Quick ? " -Quick" : string.Empty, DateTime.UtcNow);
        Line("Machine: {0}", Machine());
        Line(string.Empty);
        Line("Each tool checks the same URLs, round-robin over 127.0.0.1 to 127.0.0.8 (one Kestrel target), at the workload's concurrency.");
        Line("Figures are medians of {0} runs, tools alternating. Seconds and rate are the check phase: timed inside pwsh for the PowerShell tools, and for", options.Repetitions);
        Line("the others the whole process less the same tool's run of 8 URLs (W0: its start-up); `process s` is always the whole process, start-up included.");
        Line("Peak memory and CPU s are GNU time's, for the whole process.");
        Line("`pwsh CPU µs/URL` (the PowerShell rows) is the pwsh process's CPU over the pipeline alone, read inside pwsh before and after it");
        Line("(`[Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime`; start-up and import left out), over the URLs checked.");
        Line("`process CPU µs/URL` is user+sys of the whole process over the URLs checked, less the same tool's run of 8 URLs (W0: start-up and set-up);");
        Line("none for the warm row, whose process runs the pipeline twice. Wherever a target or ratio speaks of a tool's CPU per URL, it is the first");
        Line("of the two it has: read inside pwsh for the PowerShell rows, the whole process less W0 for the others.");
        Line("The floor row is `Get-Content | Invoke-Floor | Measure-Object StatusCode`, the plain pipeline's shape with a binary cmdlet that checks");
        Line("nothing (tests/SiteStatus.Floor: a string -InputObject from the pipeline, one small typed object written per line): PowerShell's own cost");
        Line("per URL. It makes no request, so it has no share of a limit.");
        Line("A run counts only if every URL came back 200 (`verified`).");

        foreach (var workload in results.Workloads)
        {
            var limit = results.Limit(workload.Name);
            // A CPU-bound workload is also measured against the ceiling its CPU sets.
            var cpuBound = workload.LimitRate is null;
            var ceiling = cpuBound ? results.Ceiling(workload.Name) : 0;
            Line(string.Empty);
            Line("## {0}: {1}; {2:N0} URLs, {3:N0} in flight; limit {4:N0} URLs/s{5}", workload.Name, workload.Title, workload.Count, workload.Throttle, limit, cpuBound ? " (the bare HttpClient loop's rate in this run)" : string.Empty);
            Line(string.Empty);
            if (cpuBound)
            {
                var bare = results.CpuPerUrl(workload.Name, Tools.Bare);
                var floor = results.CpuPerUrl(workload.Name, Tools.Floor);
                var server = results.ServerCpuPerUrl(workload.Name);
                Line("This workload is CPU-bound: client and loopback server share the {0} cores, so a tool's rate follows the CPU a URL costs both.", Environment.ProcessorCount);
                Line("The ceiling of a PowerShell command is the rate of a tool that costs the bare loop's CPU per URL plus the floor's:");
                Line("ceiling = bare rate × (bare + server) / (bare + floor + server), where bare is the bare loop's CPU per URL ({0:N0} µs), floor the", bare);
                Line("floor row's ({0:N0} µs) and server the target's ({1:N0} µs: this benchmark's own process CPU while the bare loop ran, over its URLs;", floor, server);
                Line("the benchmark is the Kestrel target and only waits for the tool meanwhile). Ceiling here: {0:N0} URLs/s.", ceiling);
                Line("`of ceiling` is a PowerShell row's rate over it; `CPU / (bare + floor)` its pwsh CPU per URL over bare + floor.");
                Line(string.Empty);
                Line("| tool | seconds | URLs/s | of limit | of ceiling | CPU / (bare + floor) | pwsh CPU µs/URL | process CPU µs/URL | process s | peak MiB | CPU s | verified |");
                Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            }
            else
            {
                Line("| tool | seconds | URLs/s | of limit | pwsh CPU µs/URL | process CPU µs/URL | process s | peak MiB | CPU s | verified |");
                Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            }

            foreach (var tool in results.Tools)
            {
                var m = results.Runs[(workload.Name, tool.Name)];
                var rate = results.Rate(workload.Name, tool.Name);
                var checks = tool.Name != Tools.Floor;
                var powerShell = checks && results.PwshCpuPerUrl(workload.Name, tool.Name) is not null;
                var againstCeiling = cpuBound
                    ? string.Format(invariant, " {0} | {1} |", powerShell ? (rate / ceiling).ToString("P0", invariant) : "-", powerShell ? results.OverBareAndFloor(workload.Name, tool.Name).ToString("0.00", invariant) : "-")
                    : string.Empty;
                Line(
                    "| {0} | {1:0.00} | {2:N0} | {3} |{4} {5} | {6} | {7:0.00} | {8:N0} | {9:0.00} | {10} |",
                    tool.Name,
                    results.Seconds(workload.Name, tool.Name),
                    rate,
                    checks ? (rate / limit).ToString("P0", invariant) : "-",
                    againstCeiling,
                    Micro(results.PwshCpuPerUrl(workload.Name, tool.Name)),
                    Micro(results.ProcessCpuPerUrl(workload.Name, tool.Name)),
                    m.WallSeconds,
                    m.PeakMiB,
                    m.CpuSeconds,
                    Verified(m, workload));
            }
        }

        var small = scale[tenThousand.Name];
        var large = scale[million.Name];
        Line(string.Empty);
        Line("## W4: {0:N0} URLs of /ok streamed through `Get-Content | Test-SiteStatus -ThrottleLimit 256 | Measure-Object`, once", million.Count);
        Line(string.Empty);
        Line("| URLs | seconds | URLs/s | peak MiB | CPU s | verified |");
        Line("| ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var (workload, m) in new[] { (tenThousand, small), (million, large) })
        {
            Line("| {0:N0} | {1:0.0} | {2:N0} | {3:N0} | {4:0.0} | {5} |", workload.Count, m.Seconds, workload.Count / m.Seconds, m.PeakMiB, m.CpuSeconds, Verified(m, workload));
        }

        Line(string.Empty);
        Line("Peak working set of the {0:N0}-URL run is {1:0.00}x that of the {2:N0}-URL run.", million.Count, large.PeakMiB / small.PeakMiB, tenThousand.Count);
        Line(string.Empty);
        Line("## Module import");
        Line(string.Empty);
        Line("Medians of 7, alternating. Whole process, start to exit: `pwsh -NoProfile -Command 1` {0:0} ms; `pwsh -NoProfile -Command 'Import-Module SiteStatus'` {1:0} ms (+{2:0} ms).", startup.Bare, startup.WithModule, startup.WithModule - startup.Bare);
        Line("Inside a fresh pwsh, `Measure-Command {{ Import-Module SiteStatus }}`: {0:0} ms (the import alone, without what both processes share).", startup.InProcess);
        Line(string.Empty);
        Line("## History writes");
        Line(string.Empty);
        Line("Outcomes queued to the module's history writer (`-HistoryPath`) as a run's pipeline thread queues them, and written by its writer task into a new");
        Line("SQLite file (WAL, synchronous NORMAL, a transaction per batch); from the first queued to the last committed. Median of {0}.", options.Repetitions);
        Line(string.Empty);
        Line("| outcomes | seconds | outcomes/s | bytes per outcome |");
        Line("| ---: | ---: | ---: | ---: |");
        Line("| {0:N0} | {1:0.00} | {2:N0} | {3:0} |", history.Outcomes, history.Seconds, history.Rate, history.BytesPerOutcome);
        Line(string.Empty);
        Line("## Remoting: the W2 list through PowerShell sessions over SSH on loopback");
        Line(string.Empty);
        if (sessions.Skipped is { } why)
        {
            Line("Not measured: {0}.", why);
        }
        else
        {
            Line("Made by tests/bench/Sessions.ps1: an sshd on 127.0.0.1 whose powershell subsystem is the same pwsh, `Test-SiteStatus -Session ... -Spread`");
            Line("with the workload's throttle per session; every case warmed once first (the module is copied to each session then), so these are warm runs");
            Line("in one caller process, not comparable with the cold rows above. Far side: the CPU of the sessions' pwsh processes, read over the sessions. Medians of {0}.", options.Repetitions);
            Line(string.Empty);
            Line("| case | seconds | URLs/s | of local | caller CPU µs/URL | far side CPU µs/URL | verified |");
            Line("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
            var local = sessions.Rows.Single(r => r.Sessions == 0);
            foreach (var row in sessions.Rows)
            {
                Line("| {0} | {1:0.00} | {2:N0} | {3:P0} | {4:N0} | {5} | {6} |", row.Name, row.Seconds, row.Rate, row.Rate / local.Rate, row.CallerMicroseconds, row.Sessions == 0 ? "-" : row.FarMicroseconds.ToString("N0", invariant), row.Ok == row.Urls ? "yes" : $"**no** ({row.Ok}/{row.Urls})");
            }
        }

        Line(string.Empty);
        Line("## Status page: {0:N0} sites, each with a month of 5-minute checks", page.Sites);
        Line(string.Empty);
        Line("`Export-SiteStatusPage -HistoryPath` timed inside pwsh (`Measure-Command`): reading {0:N0} outcomes from the SQLite history, counting them with the uptime core", page.Outcomes);
        Line("(24 hours, 7, 30 and 90 days, the days and incidents), rendering the page and writing it. Median of {0}; CPU and peak memory are the whole pwsh's, start-up included.", options.Repetitions);
        Line(string.Empty);
        Line("| sites | outcomes | seconds | outcomes/s | CPU s | MiB written | peak MiB | verified |");
        Line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        Line("| {0:N0} | {1:N0} | {2:0.00} | {3:N0} | {4:0.00} | {5:0.0} | {6:N0} | {7} |", page.Sites, page.Outcomes, page.Seconds, page.Outcomes / page.Seconds, page.CpuSeconds, page.Bytes / 1048576.0, page.PeakMiB, page.Verified ? "yes" : "**no**");
        StateSection(text, options, state);
        Line(string.Empty);
        Line("## Targets");
        Line(string.Empty);
        Targets(text, results, large, small, million, tenThousand, startup, sessions, state);

        var chart = Path.Combine(options.Output, "urls-per-second.png");
        Chart(chart, results);
        Line(string.Empty);
        Line("![Each tool's rate as a share of each workload's limit](urls-per-second.png)");
        File.WriteAllText(Path.Combine(options.Output, "RESULTS.md"), text.ToString());
        return text.ToString();
    }

    private static void Targets(
        StringBuilder text,
        Results results,
        Measurement large,
        Measurement small,
        Workload million,
        Workload tenThousand,
        Startup startup,
        SessionResults sessions,
        StateResults state)
    {
        double Share(string workload, string tool) => results.Rate(workload, tool) / results.Limit(workload);
        void Target(string what, double value, double target, string format, bool atMost = false)
        {
            var met = atMost ? value <= target : value >= target;
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, "- {0}: {1} (target {2}{3}): {4}", what, value.ToString(format, CultureInfo.InvariantCulture), atMost ? "at most " : string.Empty, target.ToString(format, CultureInfo.InvariantCulture), met ? "met" : "**missed**"));
        }

        Target("W2 plain pipeline: CPU per URL over the bare loop's plus the floor's", results.OverBareAndFloor("W2", Tools.SiteStatus), 1.1, "0.00", atMost: true);
        Target("W2 plain pipeline: rate over the ceiling", results.Rate("W2", Tools.SiteStatus) / results.Ceiling("W2"), 0.9, "0.00");
        Target("W2 Get-SiteStatusReport: CPU per URL over Test-SiteStatus's", results.CpuPerUrl("W2", Tools.Report) / results.CpuPerUrl("W2", Tools.SiteStatus), 1.5, "0.00", atMost: true);
        Target("W2 engine alone (no PowerShell): rate over the bare loop's", Share("W2", Tools.Engine), 0.7, "0.00");
        Target("W2 engine alone: CPU per URL over the bare loop's", results.CpuPerUrl("W2", Tools.Engine) / results.CpuPerUrl("W2", Tools.Bare), 2, "0.00", atMost: true);
        foreach (var workload in new[] { "W1", "W3" })
        {
            Target($"{workload} share of the limit, less the bare loop's", Share(workload, Tools.SiteStatus) - Share(workload, Tools.Bare), -0.05, "0.00");
        }

        Target("W1 check phase, share of the limit", Share("W1", Tools.SiteStatus), 0.9, "P0");
        Target("W3 check phase, share of the limit", Share("W3", Tools.SiteStatus), 0.8, "P0");
        Target("W1 times ForEach-Object -Parallel's rate", results.Rate("W1", Tools.SiteStatus) / results.Rate("W1", Tools.ForEachParallel), 10, "0.0");
        Target("W2 times ForEach-Object -Parallel's rate", results.Rate("W2", Tools.SiteStatus) / results.Rate("W2", Tools.ForEachParallel), 10, "0.0");
        foreach (var other in new[] { Tools.Python, Tools.Curl }.Where(t => results.Runs.ContainsKey(("W1", t))))
        {
            foreach (var workload in results.Workloads)
            {
                Target($"{workload.Name} times {other}'s rate", results.Rate(workload.Name, Tools.SiteStatus) / results.Rate(workload.Name, other), 1, "0.00");
            }
        }

        text.AppendLine(string.Format(CultureInfo.InvariantCulture, "- W4 peak working set, {0:N0} URLs over {1:N0}: {2:0.00}x (target at most 1.5x): {3}; URLs lost: {4}", million.Count, tenThousand.Count, large.PeakMiB / small.PeakMiB, large.PeakMiB / small.PeakMiB <= 1.5 ? "met" : "**missed**", million.Count - large.Ok));
        Target("Module import inside pwsh, ms", startup.InProcess, 150, "0", atMost: true);
        foreach (var file in state.BuildSeconds.Keys)
        {
            var entries = state.Rows.Where(r => r.File == file).Select(r => r.Entries).Distinct().Order().ToList();
            var (fewest, largest) = (entries[0], entries[^1]);
            var (one, many) = (state.Rows.Min(r => r.Urls), state.Rows.Max(r => r.Urls));
            Target(
                string.Format(CultureInfo.InvariantCulture, "{0}: 1 URL against {1:N0} entries, seconds added over no state", file, largest),
                state.Row(file, largest, one).Run.Seconds - state.Row(null, 0, one).Run.Seconds,
                0.5,
                "0.00",
                atMost: true);
            Target(
                string.Format(CultureInfo.InvariantCulture, "{0}: {1:N0} URLs against {2:N0} entries, time over no state's", file, many, largest),
                state.Row(file, largest, many).Run.Seconds / state.Row(null, 0, many).Run.Seconds,
                1.2,
                "0.00",
                atMost: true);
            Target(
                string.Format(CultureInfo.InvariantCulture, "{0}: 1 URL, peak memory with {1:N0} entries over with {2:N0}", file, largest, fewest),
                state.Row(file, largest, one).Run.PeakMiB / state.Row(file, fewest, one).Run.PeakMiB,
                1.1,
                "0.00",
                atMost: true);
        }

        if (sessions.Rows.Count > 0)
        {
            var local = sessions.Rows.Single(r => r.Sessions == 0);
            Target("One session's rate over the local run's", sessions.Rows.Single(r => r.Sessions == 1).Rate / local.Rate, 0.5, "0.00");
        }
    }

    private static void StateSection(StringBuilder text, Options options, StateResults state)
    {
        var invariant = CultureInfo.InvariantCulture;
        void Line(string format, params object?[] values) => text.AppendLine(string.Format(invariant, format, values));
        Line(string.Empty);
        Line("## State file (-StatePath): runs against large states");
        Line(string.Empty);
        Line("`Get-Content | Test-SiteStatus -ThrottleLimit 64 -StatePath FILE | Measure-Object StatusCode` on W2's /ok target: 1 URL and {0:N0}, against state files", state.Rows.Max(r => r.Urls));
        Line("of each size, and the same runs without -StatePath. Each state file name is given to the benchmark (`--state`; its extension chooses the");
        Line("format), and each state is built by the module itself once a benchmark run: distinct `/ok?i=N` URLs through `Get-Content -ReadCount 1000 |");
        Line("Test-SiteStatus -StatePath FILE -Quiet` into one file, copied aside at each size and grown to the next; every measured run gets a fresh copy.");
        Line("A run's URLs are the state's first, so they update entries while the others stay untouched. Seconds are timed inside pwsh; bytes written");
        Line("are what the pwsh process wrote to files over the pipeline (its `wchar` in /proc/self/io: the state, its temporary copy or journal);");
        Line("peak memory is GNU time's, for the whole process. Medians of {0}, but a case whose first run took {1:0} s or more runs once;", options.Repetitions, StateBench.LongRun);
        Line("`added s` and `over no state` compare seconds with the same run's without -StatePath.");
        Line("The targets: the issue's \"1 URL against a 1,000,000-entry state in under 0.5 s\" is taken as the seconds the state adds to that run");
        Line("(`added s`), since pwsh and the first check cost the same with no state; the largest state's {0:N0}-URL run at most 1.2 times the same", state.Rows.Max(r => r.Urls));
        Line("run without state; and memory not growing with untouched entries: the 1-URL run's peak with the largest state at most 1.1 times its");
        Line("peak with the smallest (a tenth for noise).");
        foreach (var why in state.Skipped)
        {
            Line(string.Empty);
            Line("Left out: {0}.", why);
        }

        foreach (var file in state.BuildSeconds.Keys)
        {
            Line(string.Empty);
            Line("`{0}`: its states built in {1:0.0} s.", file, state.BuildSeconds[file]);
        }

        Line(string.Empty);
        Line("| state | entries | URLs | seconds | added s | over no state | bytes written | peak MiB | verified |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var row in state.Rows)
        {
            var none = state.Row(null, 0, row.Urls).Run.Seconds;
            Line(
                "| {0} | {1} | {2:N0} | {3:0.000} | {4} | {5} | {6:N0} | {7:N0} | {8} |",
                row.File ?? "none",
                row.File is null ? "-" : row.Entries.ToString("N0", invariant),
                row.Urls,
                row.Run.Seconds,
                row.File is null ? "-" : (row.Run.Seconds - none).ToString("0.000", invariant),
                row.File is null ? "-" : (row.Run.Seconds / none).ToString("0.00", invariant),
                row.Run.BytesWritten,
                row.Run.PeakMiB,
                row.Verified ? "yes" : "**no**");
        }
    }

    /// <summary>The status page row in one line, as the benchmark prints it.</summary>
    public static string PageLine(PageRow page) => string.Format(
        CultureInfo.InvariantCulture,
        "status page: {0:N0} sites, {1:N0} outcomes: {2:0.00} s ({3:N0} outcomes/s), {4:0.00} CPU s, {5:0.0} MiB written, {6:N0} MiB peak, {7}",
        page.Sites,
        page.Outcomes,
        page.Seconds,
        page.Outcomes / page.Seconds,
        page.CpuSeconds,
        page.Bytes / 1048576.0,
        page.PeakMiB,
        page.Verified ? "every site on the page" : "NOT every site on the page");

    private static string Micro(double? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    private static string Verified(Measurement m, Workload workload) =>
        m.TimedOut ? "timed out" : m.Answers == workload.Count && m.Ok == workload.Count ? "yes" : $"**no** ({m.Ok}/{workload.Count})";

    // Each workload on one scale: a tool's rate as a share of that workload's limit, so W1 and W3 (hundreds of URLs a
    // second) read as well as W2 (tens of thousands).
    private static void Chart(string path, Results results)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        // The floor makes no request: it has no share of a limit.
        var tools = results.Tools.Where(t => t.Name != Benchmarks.Tools.Floor).ToList();
        var workloads = results.Workloads;
        for (var t = 0; t < tools.Count; t++)
        {
            var bars = workloads.Select((w, i) => new Bar
            {
                Position = (i * (tools.Count + 1)) + t,
                Value = 100 * results.Rate(w.Name, tools[t].Name) / results.Limit(w.Name),
                FillColor = palette.GetColor(t),
            }).ToList();
            plot.Add.Bars(bars).LegendText = tools[t].Name;
        }

        plot.Axes.Bottom.SetTicks(
            workloads.Select((_, i) => (i * (tools.Count + 1)) + ((tools.Count - 1) / 2.0)).ToArray(),
            workloads.Select(w => string.Format(CultureInfo.InvariantCulture, "{0}: {1}\nlimit {2:N0} URLs/s", w.Name, w.Title, results.Limit(w.Name))).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsY(0, 115);
        plot.YLabel("% of the workload's limit (median check-phase rate)");
        plot.Title("Checking loopback sites at equal concurrency");
        // Beside the bars, not over them: every bar of every workload stays visible.
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1300, 620);
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Format(CultureInfo.InvariantCulture, "{0} cores ({1}), {2:0} GiB, {3}, .NET {4}, {5}", Environment.ProcessorCount, cpu ?? "unknown CPU", memory, RuntimeInformation.OSDescription, Environment.Version, Versions());
    }

    private static string Versions()
    {
        static string? Of(string command, string argument)
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(command, argument) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
                process.WaitForExit();
                return output.Split('\n')[0].Trim();
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }

        return string.Join(", ", new[] { Of("python3", "--version"), Of("curl", "--version")?.Split(' ').Take(2).Aggregate((a, b) => a + " " + b) }.Where(v => v is not null));
    }
}
