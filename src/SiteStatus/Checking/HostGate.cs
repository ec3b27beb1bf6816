using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SiteStatus.Checking;

/// <summary>
/// At most a given number of checks of one host at a time, as browsers limit their connections per host; checks of
/// other hosts go on. An entry lives only while some check of its host holds or waits for it, so a million
/// distinct hosts cost nothing once done.
/// </summary>
internal sealed class HostGate(int limitPerHost)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for a place for <paramref name="host"/>; dispose the lease to give it back.</summary>
    public async Task<IDisposable> EnterAsync(string host, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(host, out entry!))
            {
                _entries[host] = entry = new Entry(host, limitPerHost);
            }

            entry.Users++;
        }

        try
        {
            await entry.Places.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(entry, release: false);
            throw;
        }

        return new Lease(this, entry);
    }

    private void Leave(Entry entry, bool release)
    {
        if (release)
        {
            entry.Places.Release();
        }

        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(entry.Host);
                entry.Places.Dispose();
            }
        }
    }

    private sealed class Entry(string host, int places)
    {
        public string Host { get; } = host;

        public SemaphoreSlim Places { get; } = new(places, places);

        public int Users { get; set; }
    }

    private sealed class Lease(HostGate gate, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Leave(entry, release: true);
            }
        }
    }
}
