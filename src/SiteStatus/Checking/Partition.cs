using System;
using System.Globalization;
using System.Text;

namespace SiteStatus.Checking;

/// <summary>
/// Part i of N of a fleet, by a stable hash of the host: every URL of a host falls in the same part, on every machine,
/// operating system and run (FNV-1a over the host's UTF-8, not string.GetHashCode, which .NET randomises per process).
/// N jobs given 0/N to N-1/N check the whole input exactly once, with no coordinator.
/// </summary>
internal sealed class Partition
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private Partition(int index, int count)
    {
        Index = index;
        Count = count;
    }

    public int Index { get; }

    public int Count { get; }

    /// <summary>Reads "i/N", with 0 &lt;= i &lt; N.</summary>
    /// <exception cref="FormatException">The text is not a part of a whole.</exception>
    public static Partition Parse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash > 0
            && int.TryParse(text.Substring(0, slash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(text.Substring(slash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index < count)
        {
            return new Partition(index, count);
        }

        throw new FormatException($"'{text}' is not a partition: write i/N with i from 0 to N-1, as in 0/8 (Kubernetes' JOB_COMPLETION_INDEX counts from 0).");
    }

    /// <summary>The part a key (a host, or an input that has none) falls in.</summary>
    public static int Of(string key, int count)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(key.ToLowerInvariant()))
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return (int)(hash % (ulong)count);
    }

    public bool Owns(string key) => Of(key, Count) == Index;
}
