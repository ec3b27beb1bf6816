#if NET8_0_OR_GREATER
using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace SiteStatus.Checking;

/// <summary>
/// -AllAddresses: a URL checked at every address of its host. The host is resolved once (A and AAAA records, of one
/// family with -IPv4 or -IPv6; an address in the URL is its one address), then each address is checked at once as a
/// check of its own (retries, redirects, conditions), connecting there while the request keeps the host name for the
/// Host header and SNI. A redirect to the same host stays at that address; a redirect to another host resolves it as
/// usual. Each address waits for a place of its host (-ThrottleLimitPerHost).
/// </summary>
internal sealed partial class SiteProbe
{
    /// <summary>The most addresses of one host checked: a host with more is checked at the first ones, in the resolver's order, and the reason says so.</summary>
    public const int MaximumAddresses = 16;

    private async Task<ProbeOutcome> EveryAddressAsync(SiteTarget target, CancellationToken stopping)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var uri = target.RequestUri;
        var timeout = target.Policy.Timeout;
        IPAddress[] addresses;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping, _runDeadline))
        {
            deadline.CancelAfter(timeout);
            try
            {
                addresses = await ResolveAsync(uri, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_runDeadline.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                var cut = Unresolved(target, started, clock, FailureKind.Timeout, "The run's deadline (-TotalTimeoutSec) passed before this check finished.", null);
                cut.CutByRunDeadline = true;
                return cut;
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return Unresolved(target, started, clock, FailureKind.Timeout, $"Timed out: '{uri.Host}' did not resolve within {timeout.TotalSeconds:0.###} s (-TimeoutSec).", null);
            }
            catch (Exception exception) when (exception is SocketException or NoAddressException)
            {
                var (kind, reason) = FailureClassifier.Classify(exception, uri);
                return Unresolved(target, started, clock, kind, reason, exception);
            }
        }

        var checkedAt = addresses.Take(MaximumAddresses).ToList();
        var pins = checkedAt.Select(address => new AddressPin(uri.IdnHost, address));
        var outcomes = await Task.WhenAll(pins.Select(pin => GatedAsync(_addressHosts, target, pin, stopping))).ConfigureAwait(false);
        return AddressVerdict.Combine(target, started, clock.Elapsed, addresses.Length, checkedAt.Zip(outcomes).ToList());
    }

    /// <summary>Every address of the URL's host of the family asked for, each once, in the resolver's order.</summary>
    /// <exception cref="NoAddressException">It has none of that family.</exception>
    private async Task<IPAddress[]> ResolveAsync(Uri uri, CancellationToken cancellationToken)
    {
        var found = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? [IPAddress.Parse(uri.DnsSafeHost)]
            : await _options.ResolveHost(uri.IdnHost, cancellationToken).ConfigureAwait(false);
        var family = _options.AddressFamily;
        var addresses = found.Where(a => family == AddressFamily.Unspecified || a.AddressFamily == family).Distinct().ToArray();
        return addresses.Length > 0
            ? addresses
            : throw new NoAddressException(family == AddressFamily.Unspecified
                ? $"'{uri.Host}' has no address."
                : $"'{uri.Host}' has no {(family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")} address.");
    }

    /// <summary>The outcome of a check that ended before any address was checked: the host did not resolve.</summary>
    private ProbeOutcome Unresolved(SiteTarget target, DateTimeOffset started, Stopwatch clock, FailureKind failure, string reason, Exception? error)
    {
        var elapsed = clock.Elapsed;
        return new()
        {
            Target = target,
            Started = started,
            Elapsed = elapsed,
            FinalUri = target.RequestUri,
            Failure = failure,
            Reason = reason,
            Maintenance = target.Policy.InMaintenance(started),
            Error = error,
            Details = _options.Diagnose ? new ProbeTrace(clock).Complete(target.RequestUri, elapsed) : null,
        };
    }
}
#endif
