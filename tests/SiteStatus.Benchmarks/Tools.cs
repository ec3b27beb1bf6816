using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace SiteStatus.Benchmarks;

/// <summary>pwsh start-up in milliseconds: bare, with the module imported, and the import alone timed inside pwsh.</summary>
internal sealed record Startup(double Bare, double WithModule, double InProcess);

/// <summary>One tool under test: how to start it on a workload, and how long to let it run.</summary>
internal sealed record Tool(string Name, Func<Workload, (string Executable, string[] Arguments)> Command, Func<Workload, TimeSpan> Limit);

/// <summary>The tools compared, each at the workload's concurrency, each printing "answers ok [checkMilliseconds]".</summary>
internal static class Tools
{
    public const string SiteStatus = "Test-SiteStatus";
    public const string Report = "Get-SiteStatusReport";
    public const string SiteStatusBatched = "Test-SiteStatus, batched input, -Quiet";
    public const string SiteStatusWarm = "Test-SiteStatus, warm (second run in one pwsh)";
    public const string Floor = "floor: a do-nothing binary cmdlet";
    public const string ForEachParallel = "ForEach-Object -Parallel + IWR";
    public const string Engine = "SiteStatus engine, no PowerShell";
    public const string Bare = "bare HttpClient loop";
    public const string Python = "Python ThreadPoolExecutor";
    public const string Curl = "curl --parallel";

    // curl refuses more than 300 transfers at once.
    private const int CurlMaximum = 300;

    private const string PythonTutorial = """
        import sys
        from concurrent.futures import ThreadPoolExecutor
        from urllib.request import urlopen
        from urllib.error import HTTPError

        def get_website_status(url):
            try:
                with urlopen(url, timeout=30) as connection:
                    return connection.getcode()
            except HTTPError as e:
                return e.code
            except Exception:
                return None

        urls = [line.strip() for line in open(sys.argv[1]) if line.strip()]
        with ThreadPoolExecutor(int(sys.argv[2])) as executor:
            codes = list(executor.map(get_website_status, urls))
        print(len(codes), sum(1 for code in codes if code == 200))
        """;

    public static List<Tool> Available(Options options, string folder)
    {
        var self = Environment.ProcessPath!;
        var selfDll = typeof(Tools).Assembly.Location;

        // This benchmark's own process in one of its client modes.
        (string, string[]) Self(string mode, Workload w) =>
            (self, Path.GetExtension(self) == ".dll" || Path.GetFileNameWithoutExtension(self) == "dotnet" ? [selfDll, mode, w.File, Num(w.Throttle)] : [mode, w.File, Num(w.Throttle)]);
        // The plain pipeline of a command that writes an object with a StatusCode per line; run once before in the same
        // pwsh for the warm row.
        (string, string[]) Plain(string import, string command, Workload w, bool warm = false)
        {
            var pipeline = $"Get-Content '{w.File}' | {command} | Measure-Object StatusCode -Minimum -Maximum";
            return (options.Pwsh, options.PwshArguments("-NoProfile", "-NonInteractive", "-Command", PwshScript(
                $"Import-Module '{import}'" + (warm ? $"; $null = {pipeline}" : string.Empty), pipeline, AllStatus200)));
        }

        var tools = new List<Tool>
        {
            new(SiteStatus, w => Plain(options.Module, $"Test-SiteStatus {Throttles(w)}", w), w => TimeSpan.FromMinutes(10)),
            new(Report, w => Plain(options.Module, $"Get-SiteStatusReport {Throttles(w)}", w), w => TimeSpan.FromMinutes(10)),

            // The plain pipeline once PowerShell's code and the module's are compiled: the same pipeline run before in the
            // same pwsh. No 8-URL run can stand for its first run, so its only CPU figure is the one read inside pwsh.
            new(SiteStatusWarm, w => Plain(options.Module, $"Test-SiteStatus {Throttles(w)}", w, warm: true), w => TimeSpan.FromMinutes(10)),

            // The same engine with PowerShell's per-object costs cut: lines bound a thousand at a time, booleans out.
            new(SiteStatusBatched, w => (options.Pwsh, options.PwshArguments("-NoProfile", "-NonInteractive", "-Command", PwshScript(
                $"Import-Module '{options.Module}'",
                $"Get-Content '{w.File}' -ReadCount 1000 | Test-SiteStatus {Throttles(w)} -Quiet | Measure-Object -Sum",
                "$($m.Sum)"))),
                w => TimeSpan.FromMinutes(10)),
            // PowerShell's own cost of that pipeline: the same shape, with a cmdlet that checks nothing.
            new(Floor, w => Plain(Path.Combine(AppContext.BaseDirectory, "SiteStatus.Floor.dll"), "Invoke-Floor", w), w => TimeSpan.FromMinutes(5)),
            new(ForEachParallel, w => (options.Pwsh, options.PwshArguments("-NoProfile", "-NonInteractive", "-Command", PwshScript(
                "$ProgressPreference = 'SilentlyContinue'",
                $"Get-Content '{w.File}' | ForEach-Object -Parallel {{ $ProgressPreference = 'SilentlyContinue'; (Invoke-WebRequest $_ -SkipHttpErrorCheck -TimeoutSec 30).StatusCode }} -ThrottleLimit {w.Throttle} | Measure-Object -Minimum -Maximum",
                AllStatus200))),
                w => TimeSpan.FromMinutes(5)),
            new(Engine, w => Self("engine", w), w => TimeSpan.FromMinutes(5)),
            new(Bare, w => Self("bare", w), w => TimeSpan.FromMinutes(5)),
        };

        if (Exists("python3"))
        {
            var script = Path.Combine(folder, "tutorial.py");
            File.WriteAllText(script, PythonTutorial);
            tools.Add(new(Python, w => ("python3", [script, w.File, Num(w.Throttle)]), w => TimeSpan.FromMinutes(5)));
        }

        if (Exists("curl"))
        {
            tools.Add(new(Curl, w => ("/bin/sh", ["-c", $"curl -s --parallel --parallel-immediate --parallel-max {Math.Min(w.Throttle, CurlMaximum)} -w '%{{http_code}}\\n' -K '{CurlConfig(w)}' | awk '{{n++}} $1 == 200 {{ok++}} END {{print n, ok + 0}}'"]), w => TimeSpan.FromMinutes(5)));
        }

        return tools;
    }

    /// <summary>
    /// Import time, medians of 7, measured two ways: a whole process, <c>pwsh -NoProfile -Command 1</c> against
    /// <c>pwsh -NoProfile -Command 'Import-Module ...'</c> (start to exit, as a scheduled job pays it); and inside a fresh
    /// pwsh, <c>Measure-Command { Import-Module ... }</c>, which leaves out what both processes share.
    /// </summary>
    public static async Task<Startup> MeasureImportAsync(Options options)
    {
        async Task<(double Wall, string Output)> Run(string command)
        {
            var start = new ProcessStartInfo(options.Pwsh) { RedirectStandardOutput = true };
            foreach (var argument in options.PwshArguments("-NoProfile", "-NonInteractive", "-Command", command))
            {
                start.ArgumentList.Add(argument);
            }

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (clock.Elapsed.TotalMilliseconds, output.Trim());
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        var bare = new List<double>();
        var withModule = new List<double>();
        var inside = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            // Alternated, so neither always runs with a warmer disk cache.
            bare.Add((await Run("1")).Wall);
            withModule.Add((await Run($"Import-Module '{options.Module}'")).Wall);
            inside.Add(double.Parse((await Run($"[int](Measure-Command {{ Import-Module '{options.Module}' }}).TotalMilliseconds")).Output, CultureInfo.InvariantCulture));
        }

        return new Startup(Median(bare), Median(withModule), Median(inside));
    }

    /// <summary>From Measure-Object over status codes: every answer was 200, or none counts.</summary>
    public const string AllStatus200 = "$(if ($m.Minimum -eq 200 -and $m.Maximum -eq 200) { $m.Count } else { 0 })";

    /// <summary>The workload's concurrency, as Test-SiteStatus and Get-SiteStatusReport take it.</summary>
    public static string Throttles(Workload w) => $"-ThrottleLimit {w.Throttle} -ThrottleLimitPerHost {w.Throttle} -TimeoutSec 30";

    /// <summary>
    /// The check phase timed inside pwsh, and the process's CPU over it, so start-up and module import are told apart
    /// from checking; <paramref name="more"/> adds fields to the last line. Prints "count ok milliseconds cpuMilliseconds [more]".
    /// </summary>
    public static string PwshScript(string setup, string pipeline, string okCount, string more = "") =>
        $"{setup}; $m = $null; $cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime; $t = Measure-Command {{ $m = {pipeline} }}; " +
        "$used = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - $cpu; " +
        $"\"$($m.Count) {okCount} $([int]$t.TotalMilliseconds) $([int]$used.TotalMilliseconds){more}\"";

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string CurlConfig(Workload workload)
    {
        var config = Path.ChangeExtension(workload.File, ".curl");
        if (!File.Exists(config))
        {
            File.WriteAllLines(config, File.ReadLines(workload.File).SelectMany(url => new[] { $"url = \"{url}\"", "output = \"/dev/null\"" }));
        }

        return config;
    }

    private static bool Exists(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, command)));
}
