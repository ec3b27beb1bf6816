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

/// <summary>Writes RESULTS.md (tables, targets, machine, date, command) and a chart of URLs per second.</summary>
internal static class Report
{
    public static string Write(
        Options options,
        IReadOnlyList<Workload> workloads,
        IReadOnlyList<Tool> tools,
        IReadOnlyDictionary<(string Workload, string Tool), Measurement> results,
        Workload million,
        Workload tenThousand,
        IReadOnlyDictionary<string, Measurement> scale,
        (double Bare, double WithModule) startup)
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
        Line("Figures are medians of {0} runs, tools alternating. Seconds and rate are the check phase for the PowerShell tools (timed inside pwsh),", options.Repetitions);
        Line("the whole process for the others; `process s` is always the whole process, start-up included. Peak memory and CPU are GNU time's, for the whole process.");
        Line("A run counts only if every URL came back 200 (`verified`).");

        foreach (var workload in workloads)
        {
            var limit = workload.LimitRate ?? workload.Count / results[(workload.Name, Tools.Bare)].Seconds;
            Line(string.Empty);
            Line("## {0}: {1}; {2:N0} URLs, {3:N0} in flight; limit {4:N0} URLs/s{5}", workload.Name, workload.Title, workload.Count, workload.Throttle, limit, workload.LimitRate is null ? " (the bare HttpClient loop's rate in this run)" : string.Empty);
            Line(string.Empty);
            Line("| tool | seconds | URLs/s | of limit | process s | peak MiB | CPU s | verified |");
            Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var tool in tools)
            {
                var m = results[(workload.Name, tool.Name)];
                var rate = workload.Count / m.Seconds;
                Line("| {0} | {1:0.00} | {2:N0} | {3:P0} | {4:0.00} | {5:N0} | {6:0.00} | {7} |", tool.Name, m.Seconds, rate, rate / limit, m.WallSeconds, m.PeakMiB, m.CpuSeconds, Verified(m, workload));
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
        Line("`pwsh -NoProfile -c exit`: {0:0} ms; with `Import-Module SiteStatus`: {1:0} ms (+{2:0} ms). Medians of 7.", startup.Bare, startup.WithModule, startup.WithModule - startup.Bare);
        Line(string.Empty);
        Line("## Targets");
        Line(string.Empty);
        Targets(text, workloads, results, large, small, million, tenThousand, startup);

        var chart = Path.Combine(options.Output, "urls-per-second.png");
        Chart(chart, workloads, tools, results);
        Line(string.Empty);
        Line("![URLs per second per tool and workload](urls-per-second.png)");
        File.WriteAllText(Path.Combine(options.Output, "RESULTS.md"), text.ToString());
        return text.ToString();
    }

    private static void Targets(
        StringBuilder text,
        IReadOnlyList<Workload> workloads,
        IReadOnlyDictionary<(string Workload, string Tool), Measurement> results,
        Measurement large,
        Measurement small,
        Workload million,
        Workload tenThousand,
        (double Bare, double WithModule) startup)
    {
        double Rate(string workload, string tool) => workloads.Single(w => w.Name == workload).Count / results[(workload, tool)].Seconds;
        double Limit(string workload) => workloads.Single(w => w.Name == workload).LimitRate ?? Rate(workload, Tools.Bare);
        void Target(string what, double value, double target, string format)
        {
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, "- {0}: {1} (target {2}): {3}", what, value.ToString(format, CultureInfo.InvariantCulture), target.ToString(format, CultureInfo.InvariantCulture), value >= target ? "met" : "**missed**"));
        }

        Target("W1 check phase, share of the limit", Rate("W1", Tools.SiteStatus) / Limit("W1"), 0.9, "P0");
        Target("W3 check phase, share of the limit", Rate("W3", Tools.SiteStatus) / Limit("W3"), 0.8, "P0");
        Target("W2 share of the bare HttpClient loop's rate", Rate("W2", Tools.SiteStatus) / Limit("W2"), 0.7, "P0");
        Target("W1 times ForEach-Object -Parallel's rate", Rate("W1", Tools.SiteStatus) / Rate("W1", Tools.ForEachParallel), 10, "0.0");
        Target("W2 times ForEach-Object -Parallel's rate", Rate("W2", Tools.SiteStatus) / Rate("W2", Tools.ForEachParallel), 10, "0.0");
        foreach (var other in new[] { Tools.Python, Tools.Curl }.Where(t => results.ContainsKey(("W1", t))))
        {
            foreach (var workload in workloads)
            {
                Target($"{workload.Name} times {other}'s rate", Rate(workload.Name, Tools.SiteStatus) / Rate(workload.Name, other), 1, "0.00");
            }
        }

        text.AppendLine(string.Format(CultureInfo.InvariantCulture, "- W4 peak working set, {0:N0} URLs over {1:N0}: {2:0.00}x (target at most 1.5x): {3}; URLs lost: {4}", million.Count, tenThousand.Count, large.PeakMiB / small.PeakMiB, large.PeakMiB / small.PeakMiB <= 1.5 ? "met" : "**missed**", million.Count - large.Ok));
        var import = startup.WithModule - startup.Bare;
        text.AppendLine(string.Format(CultureInfo.InvariantCulture, "- Module import: +{0:0} ms (target at most 150 ms): {1}", import, import <= 150 ? "met" : "**missed**"));
    }

    private static string Verified(Measurement m, Workload workload) =>
        m.TimedOut ? "timed out" : m.Answers == workload.Count && m.Ok == workload.Count ? "yes" : $"**no** ({m.Ok}/{workload.Count})";

    private static void Chart(string path, IReadOnlyList<Workload> workloads, IReadOnlyList<Tool> tools, IReadOnlyDictionary<(string Workload, string Tool), Measurement> results)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var t = 0; t < tools.Count; t++)
        {
            var bars = workloads.Select((w, i) => new Bar
            {
                Position = (i * (tools.Count + 1)) + t,
                Value = w.Count / results[(w.Name, tools[t].Name)].Seconds,
                FillColor = palette.GetColor(t),
            }).ToList();
            plot.Add.Bars(bars).LegendText = tools[t].Name;
        }

        plot.Axes.Bottom.SetTicks(
            workloads.Select((_, i) => (i * (tools.Count + 1)) + ((tools.Count - 1) / 2.0)).ToArray(),
            workloads.Select(w => $"{w.Name}: {w.Title}").ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("URLs per second (median)");
        plot.Title("Checking loopback sites at equal concurrency");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 560);
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
