using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using SiteStatus.History;

namespace SiteStatus.Benchmarks;

/// <summary>What one measurement of history writes found.</summary>
internal sealed record HistoryWrites(int Outcomes, double Seconds, double BytesPerOutcome)
{
    public double Rate => Outcomes / Seconds;
}

/// <summary>
/// History writes (-HistoryPath): outcomes queued to the module's HistoryWriter as a run's pipeline thread queues them,
/// written into a new SQLite file by its writer task, timed from the first outcome queued until the last is committed.
/// 1,000 URLs, each checked in turn, with a reason of a result's length. Run on its own as `history N FOLDER`.
/// </summary>
internal static class HistoryClient
{
    public static HistoryWrites Measure(int count, string folder)
    {
        var path = Path.Combine(folder, $"history-{Guid.NewGuid():N}.db");
        var start = DateTimeOffset.Now;
        var outcomes = new HistoryOutcome[count];
        for (var i = 0; i < count; i++)
        {
            var up = i % 10 != 0;
            outcomes[i] = new HistoryOutcome(
                $"https://site{i % 1000}.example.com/health",
                null,
                start.AddMilliseconds(i),
                up ? SiteState.Up : SiteState.Down,
                up ? "None" : "HttpStatus",
                up ? 200 : 503,
                12.5 + (i % 97),
                up ? "OK" : "Service Unavailable",
                false);
        }

        double seconds;
        using (var writer = new HistoryWriter(HistoryStore.Open(path, HistoryStore.LockWait)))
        {
            var clock = Stopwatch.StartNew();
            foreach (var outcome in outcomes)
            {
                writer.Add(outcome);
            }

            writer.Complete();
            seconds = clock.Elapsed.TotalSeconds;
            var fault = writer.TakeFault();
            if (fault is not null || writer.Written != count)
            {
                throw new InvalidOperationException($"The history took {writer.Written} of {count} outcomes.", fault);
            }
        }

        var bytes = new FileInfo(path).Length;
        File.Delete(path);
        return new HistoryWrites(count, seconds, (double)bytes / count);
    }

    public static int Run(int count, string folder)
    {
        var result = Measure(count, folder);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} outcomes in {1:0.000} s: {2:N0} outcomes/s, {3:0} bytes each", result.Outcomes, result.Seconds, result.Rate, result.BytesPerOutcome));
        return 0;
    }
}
