using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace SiteStatus.Benchmarks;

/// <summary>One state row: a run of <see cref="Urls"/> URLs against a state file of <see cref="Entries"/> entries (none: without -StatePath); medians.</summary>
internal sealed record StateRow(string? File, int Entries, int Urls, Measurement Run)
{
    public bool Verified => !Run.TimedOut && Run.Answers == Urls && Run.Ok == Urls;
}

/// <summary>The state rows, each state file's build time, and the state files left out with why.</summary>
internal sealed record StateResults(IReadOnlyList<StateRow> Rows, IReadOnlyDictionary<string, double> BuildSeconds, IReadOnlyList<string> Skipped)
{
    public StateRow Row(string? file, int entries, int urls) => Rows.Single(r => r.File == file && r.Entries == (file is null ? 0 : entries) && r.Urls == urls);
}

/// <summary>
/// Runs against a state file (-StatePath) of many entries, as a large fleet's scheduled run meets it: 1 URL and 10,000
/// of W2's /ok against states of 10,000, 100,000 and 1,000,000 entries, and the same runs without a state. Each state
/// is built by the module itself once a benchmark run, for each state file name (its extension chooses the format):
/// distinct /ok?i=N URLs through <c>Get-Content -ReadCount 1000 | Test-SiteStatus -StatePath -Quiet</c> into one file,
/// kept after 10,000, grown to 100,000 and kept, grown to 1,000,000; each run gets a fresh copy. A run's URLs are the
/// first of the state's, so they update entries while the rest stay untouched. Timed inside pwsh; bytes written are the
/// pwsh process's (its wchar in /proc/self/io) over the pipeline; peak memory is the whole process's. Run alone with
/// `SiteStatus.Benchmarks state --pwsh EXE [--pwsh-dll DLL] --module PSD1 --out DIR [--reps N] [--quick] [--state state.json,state.db]`.
/// </summary>
internal static class StateBench
{
    public static readonly int[] Entries = [10_000, 100_000, 1_000_000];

    public static readonly int[] RunUrls = [1, 10_000];

    private const int Throttle = 64;

    /// <summary>Seconds from which a case's first run is its only one.</summary>
    public const double LongRun = 30;

    // What the pwsh process has written through write() so far: its files (the state, its temporary copy, a journal).
    private const string Written = "[long][regex]::Match([IO.File]::ReadAllText('/proc/self/io'), 'wchar: (\\d+)').Groups[1].Value";

    // The first bytes of every SQLite database file.
    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    public static async Task<StateResults> RunAsync(Options options, BenchTarget target, int scale, string folder)
    {
        var entries = Entries.Select(e => e / scale).ToArray();
        var runUrls = RunUrls.Select(u => Math.Max(1, u / scale)).ToArray();
        var root = Directory.CreateDirectory(Path.Combine(folder, "state")).FullName;
        var urls = Enumerable.Range(0, entries[^1]).Select(i => target.Url(i, $"/ok?i={i}")).ToList();
        var runFiles = runUrls.ToDictionary(n => n, n => Write(Path.Combine(root, $"run-{n}.txt"), urls.Take(n)));

        var built = new Dictionary<(string File, int Entries), string>();
        var buildSeconds = new Dictionary<string, double>();
        var skipped = new List<string>();
        foreach (var file in options.StateFiles)
        {
            Console.WriteLine($"State {file}: building {string.Join(", ", entries.Select(e => e.ToString("N0", CultureInfo.InvariantCulture)))} entries");
            var building = Path.Combine(Directory.CreateDirectory(Path.Combine(root, "build-" + file)).FullName, file);
            var seconds = 0.0;
            var from = 0;
            foreach (var size in entries)
            {
                var part = Write(Path.Combine(root, $"part-{size}.txt"), urls.Skip(from).Take(size - from));
                var run = await Measurement.RunAsync(options.Pwsh, options.PwshArguments("-NoProfile", "-NonInteractive", "-Command", Tools.PwshScript(
                    $"Import-Module '{options.Module}'",
                    $"Get-Content '{part}' -ReadCount 1000 | Test-SiteStatus -ThrottleLimit 256 -ThrottleLimitPerHost 256 -TimeoutSec 30 -StatePath '{building}' -Quiet | Measure-Object -Sum",
                    "$($m.Sum)")), TimeSpan.FromMinutes(30));
                seconds += run.WallSeconds;
                if (run.TimedOut || run.Ok != size - from || !File.Exists(building))
                {
                    skipped.Add($"{file}: the run that builds its state failed ({run.Ok:N0} of {size - from:N0} URLs up)");
                    break;
                }

                if (Path.GetExtension(file) == ".db" && !IsSqlite(building))
                {
                    skipped.Add($"{file}: this module wrote no SQLite file for a .db path (it has no SQLite state)");
                    break;
                }

                built[(file, size)] = Snapshot(building, Path.Combine(root, $"{file}-{size}"));
                from = size;
            }

            if (built.ContainsKey((file, entries[^1])))
            {
                buildSeconds[file] = seconds;
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  built in {0:0.0} s", seconds));
            }
        }

        // The cases: without a state, then every built state; alternating the order each repetition.
        var cases = runUrls.Select(n => (File: (string?)null, Entries: 0, Urls: n)).ToList();
        foreach (var file in options.StateFiles.Where(buildSeconds.ContainsKey))
        {
            cases.AddRange(entries.SelectMany(size => runUrls.Select(n => ((string?)file, size, n))));
        }

        var runs = cases.ToDictionary(c => c, _ => new List<Measurement>());
        for (var repetition = 0; repetition < options.Repetitions; repetition++)
        {
            // A case whose first run was long runs once: its noise is small against it, and a million-entry JSON state
            // takes minutes a run.
            foreach (var c in (repetition % 2 == 0 ? cases : cases.AsEnumerable().Reverse()).Where(c => repetition == 0 || runs[c][0].Seconds < LongRun))
            {
                string? statePath = null;
                if (c.File is not null)
                {
                    var run = Path.Combine(root, "run");
                    if (Directory.Exists(run))
                    {
                        Directory.Delete(run, recursive: true);
                    }

                    Snapshot(built[(c.File, c.Entries)], run);
                    statePath = Path.Combine(run, c.File);
                }

                var measured = await Measurement.RunAsync(options.Pwsh, options.PwshArguments("-NoProfile", "-NonInteractive", "-Command", Tools.PwshScript(
                    $"Import-Module '{options.Module}'; $w = {Written}",
                    $"Get-Content '{runFiles[c.Urls]}' | Test-SiteStatus -ThrottleLimit {Throttle} -ThrottleLimitPerHost {Throttle} -TimeoutSec 30{(statePath is null ? string.Empty : $" -StatePath '{statePath}'")} | Measure-Object StatusCode -Minimum -Maximum",
                    Tools.AllStatus200,
                    $" $({Written} - $w)")), TimeSpan.FromMinutes(10));
                runs[c].Add(measured);
                Console.WriteLine("  " + Line(new StateRow(c.File, c.Entries, c.Urls, measured)));
            }
        }

        return new StateResults(cases.Select(c => new StateRow(c.File, c.Entries, c.Urls, Measurement.Median(runs[c]))).ToList(), buildSeconds, skipped);
    }

    public static async Task<int> RunAloneAsync(Options options)
    {
        await using var target = await BenchTarget.StartAsync();
        var folder = Directory.CreateTempSubdirectory("sitestatus-bench-state-");
        var results = await RunAsync(options, target, options.Quick ? 10 : 1, folder.FullName);
        Console.WriteLine($"Medians of {options.Repetitions}:");
        foreach (var row in results.Rows)
        {
            Console.WriteLine(Line(row));
        }

        foreach (var why in results.Skipped)
        {
            Console.WriteLine("skipped " + why);
        }

        folder.Delete(recursive: true);
        return 0;
    }

    /// <summary>One row in one line, as the benchmark prints it.</summary>
    public static string Line(StateRow row) => string.Format(
        CultureInfo.InvariantCulture,
        "{0,-10} {1,9:N0} entries {2,6:N0} URLs: {3,6:0.000} s  {4,12:N0} bytes written  {5,5:0} MiB peak  {6}",
        row.File ?? "no state",
        row.Entries,
        row.Urls,
        row.Run.Seconds,
        row.Run.BytesWritten,
        row.Run.PeakMiB,
        row.Verified ? "verified" : "NOT verified");

    private static string Write(string path, IEnumerable<string> lines)
    {
        File.WriteAllLines(path, lines);
        return path;
    }

    // The state file and whatever the module keeps beside it (its lock, a database's journal), copied into a folder of its own.
    private static string Snapshot(string state, string into)
    {
        Directory.CreateDirectory(into);
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(state)!))
        {
            File.Copy(file, Path.Combine(into, Path.GetFileName(file)), overwrite: true);
        }

        return Path.Combine(into, Path.GetFileName(state));
    }

    private static bool IsSqlite(string path)
    {
        var head = new byte[SqliteHeader.Length];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.AsSpan().SequenceEqual(SqliteHeader);
    }
}
