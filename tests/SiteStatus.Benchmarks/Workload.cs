using System.IO;

namespace SiteStatus.Benchmarks;

/// <summary>A list of URLs, the concurrency to check them at, and the best rate any tool could reach (null: measured).</summary>
internal sealed record Workload(string Name, string Title, int Count, int Throttle, string Path, double? LimitRate)
{
    public string File { get; private set; } = string.Empty;

    public void Write(string folder, BenchTarget target)
    {
        File = System.IO.Path.Combine(folder, Name + ".txt");
        System.IO.File.WriteAllLines(File, target.Urls(Count, Path));
    }
}
