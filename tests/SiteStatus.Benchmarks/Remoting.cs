using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace SiteStatus.Benchmarks;

/// <summary>One case of the remoting rows: a local run, or the URLs spread over some sessions.</summary>
internal sealed record SessionRow(string Name, int Sessions, int Urls, int Ok, double Seconds, double CallerCpu, double FarCpu)
{
    public double Rate => Urls / Seconds;

    public double CallerMicroseconds => CallerCpu * 1e6 / Urls;

    public double FarMicroseconds => FarCpu * 1e6 / Urls;
}

/// <summary>The remoting rows, or why there are none.</summary>
internal sealed record SessionResults(IReadOnlyList<SessionRow> Rows, string? Skipped);

/// <summary>Runs tests/bench/Sessions.ps1 (sshd on loopback, 1, 2 and 4 sessions) in a pwsh of its own and reads its JSON lines.</summary>
internal static class Remoting
{
    public static async Task<SessionResults> RunAsync(Options options, Workload workload)
    {
        if (options.SessionsScript is null)
        {
            return new SessionResults([], "not run: no --sessions script was given");
        }

        var start = new ProcessStartInfo(options.Pwsh) { RedirectStandardOutput = true };
        foreach (var argument in options.PwshArguments("-NoProfile", "-NonInteractive", "-File", options.SessionsScript, "-Module", options.Module, "-UrlFile", workload.File, "-Throttle", workload.Throttle.ToString(System.Globalization.CultureInfo.InvariantCulture), "-Repetitions", options.Repetitions.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.TrimStart().StartsWith('{')).ToList();
        if (process.ExitCode != 0 || lines.Count == 0)
        {
            return new SessionResults([], $"failed: Sessions.ps1 exited with {process.ExitCode}");
        }

        var rows = new List<SessionRow>();
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("Skipped", out var skipped))
            {
                return new SessionResults([], skipped.GetString());
            }

            rows.Add(new SessionRow(
                root.GetProperty("Name").GetString()!,
                root.GetProperty("Sessions").GetInt32(),
                root.GetProperty("Urls").GetInt32(),
                root.GetProperty("Ok").GetInt32(),
                root.GetProperty("Seconds").GetDouble(),
                root.GetProperty("CallerCpu").GetDouble(),
                root.GetProperty("FarCpu").GetDouble()));
        }

        return new SessionResults(rows, null);
    }
}
