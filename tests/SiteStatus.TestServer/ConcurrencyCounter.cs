using System;
using System.Threading;

namespace SiteStatus.TestServer;

/// <summary>Counts requests in progress and remembers the most there ever were at once.</summary>
public sealed class ConcurrencyCounter
{
    private int _now;
    private int _max;

    public int Max => Volatile.Read(ref _max);

    public IDisposable Enter()
    {
        var now = Interlocked.Increment(ref _now);
        int seen;
        do
        {
            seen = Volatile.Read(ref _max);
        }
        while (now > seen && Interlocked.CompareExchange(ref _max, now, seen) != seen);

        return new Exit(this);
    }

    private sealed class Exit(ConcurrencyCounter counter) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref counter._now);
    }
}
