using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace SiteStatus.Benchmarks;

/// <summary>
/// One run of one tool: what GNU time saw of the process, and what the tool said it got; <see cref="CheckCpuSeconds"/> is
/// the CPU of the check phase alone where the tool measures it inside its process (the PowerShell rows), and
/// <see cref="BytesWritten"/> what the process wrote to files meanwhile where it reads that (the state rows).
/// <see cref="ServerCpuSeconds"/> is this benchmark's own CPU while the tool ran: the loopback target's, as the
/// benchmark only waits for the tool meanwhile.
/// </summary>
internal sealed record Measurement(
    double WallSeconds,
    double CpuSeconds,
    double PeakMiB,
    long Answers,
    long Ok,
    double? CheckSeconds,
    bool TimedOut,
    double? CheckCpuSeconds = null,
    double? BytesWritten = null,
    double ServerCpuSeconds = 0)
{
    /// <summary>The seconds the rate is taken from: the check phase where the tool measures it, else the whole process.</summary>
    public double Seconds => CheckSeconds ?? WallSeconds;

    public static Measurement Median(IReadOnlyList<Measurement> runs)
    {
        static double Mid(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        return new Measurement(
            Mid(runs.Select(r => r.WallSeconds)),
            Mid(runs.Select(r => r.CpuSeconds)),
            Mid(runs.Select(r => r.PeakMiB)),
            runs.Min(r => r.Answers),
            runs.Min(r => r.Ok),
            runs.All(r => r.CheckSeconds is not null) ? Mid(runs.Select(r => r.CheckSeconds!.Value)) : null,
            runs.Any(r => r.TimedOut),
            runs.All(r => r.CheckCpuSeconds is not null) ? Mid(runs.Select(r => r.CheckCpuSeconds!.Value)) : null,
            runs.All(r => r.BytesWritten is not null) ? Mid(runs.Select(r => r.BytesWritten!.Value)) : null,
            Mid(runs.Select(r => r.ServerCpuSeconds)));
    }

    /// <summary>Runs a command under /usr/bin/time; its last output line must read "answers ok [checkMilliseconds [checkCpuMilliseconds [bytesWritten]]]".</summary>
    public static async Task<Measurement> RunAsync(string executable, IEnumerable<string> arguments, TimeSpan limit)
    {
        var timeFile = Path.GetTempFileName();
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-f", "%e %U %S %M", "-o", timeFile, executable }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var serverCpu = Environment.CpuUsage.TotalTime;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var timedOut = !process.WaitForExit(limit);
        if (timedOut)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        serverCpu = Environment.CpuUsage.TotalTime - serverCpu;
        var last = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Split(' ') ?? [];
        var time = File.ReadAllText(timeFile).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Split(' ') ?? [];
        File.Delete(timeFile);
        if (timedOut || last.Length < 2 || time.Length < 4 || !long.TryParse(last[0], CultureInfo.InvariantCulture, out var answers) || !long.TryParse(last[1], CultureInfo.InvariantCulture, out var ok))
        {
            Console.Error.WriteLine($"  {Path.GetFileName(executable)}: {(timedOut ? "timed out" : "no result")} {string.Join(' ', last)} {await errors}".TrimEnd());
            return new Measurement(limit.TotalSeconds, 0, 0, 0, 0, null, true);
        }

        static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
        return new Measurement(
            Number(time[0]),
            Number(time[1]) + Number(time[2]),
            Number(time[3]) / 1024,
            answers,
            ok,
            last.Length > 2 ? Number(last[2]) / 1000 : null,
            false,
            last.Length > 3 ? Number(last[3]) / 1000 : null,
            last.Length > 4 ? Number(last[4]) : null,
            serverCpu.TotalSeconds);
    }
}
