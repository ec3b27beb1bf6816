using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace SiteStatus.Domains;

/// <summary>
/// When a site's domain registration expires, for the checks of one run: the host's registrable domain (the Public
/// Suffix List), its registry's RDAP server (the site's -RdapServer, else the bootstrap file), and the answer, from the
/// cache while it stands, else from the server, asked once per domain however many sites share it. Thread-safe.
/// </summary>
internal sealed class DomainLookup : IDisposable
{
    private readonly RdapBootstrap? _bootstrap;
    private readonly Func<DateTimeOffset> _clock;
    private readonly Lazy<RdapClient> _client;
    private readonly ConcurrentDictionary<(string Domain, Uri Server), Lazy<Task<DomainExpiry>>> _asking = new();

    /// <param name="bootstrap">Which server answers for which top-level domain; null: the shipped file, read when first needed.</param>
    /// <param name="cache">The answers kept, in memory or in a file.</param>
    /// <param name="client">The RDAP client, made when the first registry is asked.</param>
    /// <param name="clock">Now: when an answer is fresh, and when it was given.</param>
    public DomainLookup(RdapBootstrap? bootstrap, DomainCache cache, Func<RdapClient> client, Func<DateTimeOffset> clock)
    {
        _bootstrap = bootstrap;
        Cache = cache;
        _client = new Lazy<RdapClient>(client, LazyThreadSafetyMode.ExecutionAndPublication);
        _clock = clock;
    }

    public DomainCache Cache { get; }

    /// <summary>
    /// The expiry of <paramref name="host"/>'s domain, or why it is unknown. Never throws for anything a registry does;
    /// throws only when <paramref name="stopping"/> fires.
    /// </summary>
    /// <param name="host">The site's host, in ASCII (Uri.IdnHost).</param>
    /// <param name="rdapServer">The site's own RDAP server (-RdapServer), over the bootstrap file.</param>
    /// <param name="timeout">The bound on asking the server (the site's -TimeoutSec).</param>
    /// <param name="runDeadline">Fires when the whole run must end.</param>
    /// <param name="stopping">Fires when the run is stopped.</param>
    public Task<DomainExpiry> LookUpAsync(string host, Uri? rdapServer, TimeSpan timeout, CancellationToken runDeadline, CancellationToken stopping)
    {
        var now = _clock();
        if (PublicSuffixList.Shipped.RegistrableDomain(host, out var notADomain) is not { } domain)
        {
            return Task.FromResult(DomainExpiry.NotKnown(null, notADomain, null, now));
        }

        var bootstrap = _bootstrap ?? RdapBootstrap.Shipped;
        var server = rdapServer ?? bootstrap.ServerFor(domain);
        if (server is null)
        {
            var file = bootstrap.Source == RdapBootstrap.ShippedSource ? "the RDAP bootstrap file shipped with the module" : $"the RDAP bootstrap file '{bootstrap.Source}'";
            return Task.FromResult(DomainExpiry.NotKnown(domain, $"{file} names no RDAP server for .{domain.Substring(domain.LastIndexOf('.') + 1)}: give one with -RdapServer", null, now));
        }

        if (Cache.Fresh(domain, server, now) is { } kept)
        {
            return Task.FromResult(kept);
        }

        // Sites of one domain share one question; the answer then stands in the cache.
        var asking = _asking.GetOrAdd((domain, server), key => new Lazy<Task<DomainExpiry>>(() => AskAsync(key.Domain, key.Server, timeout, runDeadline, stopping)));
        return asking.Value;
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }

    private async Task<DomainExpiry> AskAsync(string domain, Uri server, TimeSpan timeout, CancellationToken runDeadline, CancellationToken stopping)
    {
        try
        {
            var (expires, reason) = await _client.Value.ExpirationAsync(server, domain, timeout, runDeadline, stopping).ConfigureAwait(false);
            var answer = expires is null
                ? DomainExpiry.NotKnown(domain, reason, server, _clock())
                : new DomainExpiry { Domain = domain, Expires = expires, Server = server, CheckedAt = _clock() };
            if (!runDeadline.IsCancellationRequested)
            {
                Cache.Put(answer);
            }

            return answer;
        }
        finally
        {
            // From now on the cache answers, until the answer is due for a refresh and the domain is asked again.
            _asking.TryRemove((domain, server), out _);
        }
    }
}
