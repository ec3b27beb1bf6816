using System;
using System.IO;
using System.Threading;
using SiteStatus.Checking;

namespace SiteStatus.Benchmarks;

/// <summary>
/// The module's checking core without PowerShell: one thread feeds CheckPool and takes its results, as the cmdlets'
/// pipeline thread does, over SiteProbe with the module's defaults. Run as its own process (`engine FILE T`): what the
/// engine costs next to the bare loop, apart from PowerShell's per-object cost. Prints: answers, answers with 200.
/// </summary>
internal static class EngineClient
{
    public static int Run(string urlFile, int throttle)
    {
        using var probe = new SiteProbe(new ProbeOptions { ThrottleLimit = throttle, ThrottleLimitPerHost = throttle }, CancellationToken.None);
        using var pool = new CheckPool<SiteTarget, ProbeOutcome>(throttle, probe.CheckAsync);
        var policy = CheckPolicy.Default with { Timeout = TimeSpan.FromSeconds(30) };
        var answers = 0;
        var ok = 0;
        void Take(TimeSpan wait)
        {
            while (pool.TryTake(out var done, wait))
            {
                answers++;
                ok += done.Output?.StatusCode == 200 ? 1 : 0;
                wait = TimeSpan.Zero;
            }
        }

        foreach (var line in File.ReadLines(urlFile))
        {
            while (pool.IsFull)
            {
                Take(Timeout.InfiniteTimeSpan);
            }

            pool.Start(SiteTarget.Parse(line, allowCredential: false, out _, policy)!);
            Take(TimeSpan.Zero);
        }

        while (pool.Pending > 0)
        {
            Take(Timeout.InfiniteTimeSpan);
        }

        Console.WriteLine($"{answers} {ok}");
        return 0;
    }
}
