using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using SiteStatus.Benchmarks;

// build.ps1 -Task Bench runs: SiteStatus.Benchmarks run --pwsh EXE [--pwsh-dll DLL] --module PSD1 --out DIR [--reps N] [--quick]
// and the benchmark runs itself as the bare client: SiteStatus.Benchmarks bare FILE T
if (args is ["bare", var file, var throttle])
{
    return await BareClient.RunAsync(file, int.Parse(throttle, CultureInfo.InvariantCulture));
}

var options = Options.Parse(args);
await using var target = await BenchTarget.StartAsync();
var work = Directory.CreateTempSubdirectory("sitestatus-bench-");
var scale = options.Quick ? 10 : 1;
var workloads = new List<Workload>
{
    new("W1", "latency-bound: 50 ms delay", 2_000 / scale, 100, "/delay/50", 100 / 0.050),
    new("W2", "CPU-bound: /ok", 20_000 / scale, 64, "/ok", null),
    new("W3", "wide: 1,000 ms delay", 2_000 / scale, 1_000, "/delay/1000", 1_000 / 1.0),
};
foreach (var workload in workloads)
{
    workload.Write(work.FullName, target);
}

var tools = Tools.Available(options, work.FullName);
var results = new Dictionary<(string Workload, string Tool), Measurement>();
foreach (var workload in workloads)
{
    Console.WriteLine($"{workload.Name} {workload.Title}: {workload.Count} URLs at {workload.Throttle} in flight, {options.Repetitions} runs each");
    var runs = tools.ToDictionary(t => t.Name, _ => new List<Measurement>());
    for (var repetition = 0; repetition < options.Repetitions; repetition++)
    {
        // Alternate the order, so no tool always runs on a warmer or cooler machine.
        foreach (var tool in repetition % 2 == 0 ? tools : tools.AsEnumerable().Reverse())
        {
            var (executable, arguments) = tool.Command(workload);
            var run = await Measurement.RunAsync(executable, arguments, tool.Limit(workload));
            runs[tool.Name].Add(run);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-28} {1,7:0.00} s  {2,8:0} URLs/s  {3,6:0} MiB  {4}/{5} OK", tool.Name, run.Seconds, workload.Count / run.Seconds, run.PeakMiB, run.Ok, workload.Count));
            if (run.TimedOut)
            {
                break;
            }
        }
    }

    foreach (var tool in tools)
    {
        results[(workload.Name, tool.Name)] = Measurement.Median(runs[tool.Name]);
    }
}

// W4: a million URLs streamed through the module once, and 10,000 for the memory it should stay flat against.
var million = new Workload("W4", "scale: /ok streamed from a file", 1_000_000 / scale, 256, "/ok", null);
var tenThousand = new Workload("W4-10k", "the same, 10,000 URLs", 10_000 / scale, 256, "/ok", null);
million.Write(work.FullName, target);
tenThousand.Write(work.FullName, target);
var moduleTool = tools.Single(t => t.Name == Tools.SiteStatus);
Console.WriteLine($"W4: {million.Count} and {tenThousand.Count} URLs through Test-SiteStatus -ThrottleLimit 256");
var scaleRuns = new Dictionary<string, Measurement>();
foreach (var workload in new[] { tenThousand, million })
{
    var (executable, arguments) = moduleTool.Command(workload);
    scaleRuns[workload.Name] = await Measurement.RunAsync(executable, arguments, TimeSpan.FromMinutes(30));
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-8} {1,8:0.0} s  {2,8:0} URLs/s  {3,6:0} MiB  {4}/{5} OK", workload.Name, scaleRuns[workload.Name].Seconds, workload.Count / scaleRuns[workload.Name].Seconds, scaleRuns[workload.Name].PeakMiB, scaleRuns[workload.Name].Ok, workload.Count));
}

var startup = await Tools.MeasureImportAsync(options);
Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "pwsh start-up: {0:0} ms bare, {1:0} ms with Import-Module SiteStatus", startup.Bare, startup.WithModule));

var report = Report.Write(options, workloads, tools, results, million, tenThousand, scaleRuns, startup);
Console.WriteLine(report);
work.Delete(recursive: true);
return 0;
