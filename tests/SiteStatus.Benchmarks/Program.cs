using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using SiteStatus.Benchmarks;

// build.ps1 -Task Bench runs: SiteStatus.Benchmarks run --pwsh EXE [--pwsh-dll DLL] --module PSD1 --out DIR [--sessions PS1] [--reps N] [--quick]
// and the benchmark runs itself as the bare client and as the module's engine: SiteStatus.Benchmarks bare|engine FILE T;
// its history row alone: SiteStatus.Benchmarks history N FOLDER; its status page row alone: SiteStatus.Benchmarks page and the options of run;
// its state rows alone: SiteStatus.Benchmarks state and the options of run [--state state.json,state.db]
if (args is ["bare", var file, var throttle])
{
    return await BareClient.RunAsync(file, int.Parse(throttle, CultureInfo.InvariantCulture));
}

if (args is ["engine", var urls, var limit])
{
    return EngineClient.Run(urls, int.Parse(limit, CultureInfo.InvariantCulture));
}

if (args is ["history", var outcomes, var folder])
{
    return HistoryClient.Run(int.Parse(outcomes, CultureInfo.InvariantCulture), folder);
}

if (args is ["page", ..])
{
    return await StatusPageBench.RunAloneAsync(Options.Parse(args));
}

if (args is ["state", ..])
{
    return await StateBench.RunAloneAsync(Options.Parse(args));
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
// Each workload's W0: 8 URLs of /ok at the same concurrency, no delay. A tool's time and CPU on it are its start-up
// and set-up, so CPU per URL is (CPU on the workload - CPU on its W0) / (URLs - 8), and a tool timed from outside
// has (time on the workload - time on its W0) as its check phase.
var zeros = workloads.ToDictionary(w => w.Name, w => new Workload(w.Name + "-W0", "start-up only", 8, w.Throttle, "/ok", null));
foreach (var workload in workloads)
{
    workload.Write(work.FullName, target);
    zeros[workload.Name].Write(work.FullName, target);
}

var tools = Tools.Available(options, work.FullName);
var results = new Dictionary<(string Workload, string Tool), Measurement>();
var startupRuns = new Dictionary<(string Workload, string Tool), Measurement>();
foreach (var workload in workloads)
{
    Console.WriteLine($"{workload.Name} {workload.Title}: {workload.Count} URLs at {workload.Throttle} in flight, {options.Repetitions} runs each");
    var runs = tools.ToDictionary(t => t.Name, _ => new List<Measurement>());
    var zeroRuns = tools.ToDictionary(t => t.Name, _ => new List<Measurement>());
    for (var repetition = 0; repetition < options.Repetitions; repetition++)
    {
        // Alternate the order, so no tool always runs on a warmer or cooler machine.
        foreach (var tool in repetition % 2 == 0 ? tools : tools.AsEnumerable().Reverse())
        {
            var (executable, arguments) = tool.Command(workload);
            var run = await Measurement.RunAsync(executable, arguments, tool.Limit(workload));
            runs[tool.Name].Add(run);
            var (zeroExecutable, zeroArguments) = tool.Command(zeros[workload.Name]);
            zeroRuns[tool.Name].Add(await Measurement.RunAsync(zeroExecutable, zeroArguments, tool.Limit(workload)));
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
        startupRuns[(workload.Name, tool.Name)] = Measurement.Median(zeroRuns[tool.Name]);
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
Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "pwsh start-up: {0:0} ms with -Command 1, {1:0} ms with Import-Module SiteStatus; the import alone inside pwsh {2:0} ms", startup.Bare, startup.WithModule, startup.InProcess));

// History: outcomes written to a SQLite history (-HistoryPath) through the module's writer.
var historyRuns = Enumerable.Range(0, options.Repetitions).Select(_ => HistoryClient.Measure(200_000 / scale, work.FullName)).ToList();
var history = historyRuns.OrderBy(r => r.Rate).ElementAt(historyRuns.Count / 2);
Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "History: {0:N0} outcomes in {1:0.00} s: {2:N0} outcomes/s, {3:0} bytes each", history.Outcomes, history.Seconds, history.Rate, history.BytesPerOutcome));

// Remoting: the W2 list through sessions over SSH on loopback, against a local run in the same caller.
var sessions = await Remoting.RunAsync(options, workloads.Single(w => w.Name == "W2"));
foreach (var row in sessions.Rows)
{
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-22} {1,7:0.00} s  {2,8:0} URLs/s  caller {3:0} us/URL  far side {4:0} us/URL  {5}/{6} OK", row.Name, row.Seconds, row.Rate, row.CallerMicroseconds, row.FarMicroseconds, row.Ok, row.Urls));
}

// The status page of 1,000 sites (a tenth with --quick) from a month of their history.
var page = await StatusPageBench.RunAsync(options, StatusPageBench.Sites / scale, work.FullName);
Console.WriteLine("  " + Report.PageLine(page));

// Runs against state files of up to a million entries (a hundred thousand with --quick), and without one.
var state = await StateBench.RunAsync(options, target, scale, work.FullName);

var report = Report.Write(options, new Results(workloads, tools, results, startupRuns, zeros), million, tenThousand, scaleRuns, startup, history, sessions, page, state);
Console.WriteLine(report);
work.Delete(recursive: true);
return 0;
