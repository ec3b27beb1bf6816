using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Checking.Conditions;
using SiteStatus.Domains;
#if NET8_0_OR_GREATER
using System.Net.Sockets;
#endif

namespace SiteStatus.Checking;

/// <summary>
/// Checks one URL at a time, many at once: follows redirects itself (so every hop is checked to be http or https),
/// reads headers only unless a content match or a challenge needs the start of the body, bounds each attempt by one
/// timeout, and retries transient failures. Thread-safe; one per invocation.
/// </summary>
/// <remarks>
/// A status check shares one pooled handler across all checks. A diagnosis gives each attempt its own handler,
/// so that its callbacks see only that attempt's connections and every site is measured from a fresh connection, as curl does.
/// </remarks>
internal sealed partial class SiteProbe : IDisposable
{
    private static readonly string[] ServerBoundHeaders = ["Authorization", "Cookie", "Proxy-Authorization"];

    private readonly ProbeOptions _options;
    private readonly CancellationToken _runDeadline;
    private readonly HostGate? _hosts;
    private readonly HttpClient? _shared;
#if NET8_0_OR_GREATER
    private readonly HostGate _addressHosts;
#endif

    /// <param name="options">How every check is made.</param>
    /// <param name="runDeadline">Fires when the whole run must end: checks in flight then end as Timeout, waiting ones as NotRun.</param>
    public SiteProbe(ProbeOptions options, CancellationToken runDeadline)
    {
        _options = options;
        _runDeadline = runDeadline;
        // A per-host limit at or above the throttle limit can never bind: no gate, no cost.
        _hosts = options.ThrottleLimitPerHost < options.ThrottleLimit ? new HostGate(options.ThrottleLimitPerHost) : null;
#if NET8_0_OR_GREATER
        // An -AllAddresses check is one check of the pool that connects to many addresses at once: each address waits
        // for a place of its host, so neither limit is ever passed by one URL's addresses.
        _addressHosts = _hosts ?? new HostGate(options.ThrottleLimit);
#endif
        _shared = options.Diagnose ? null : CreateClient(options, trace: null);
    }

    /// <summary>The answer for a target left unchecked: by the run's deadline, unless <paramref name="reason"/> says why else.</summary>
    public ProbeOutcome NotRun(SiteTarget target, string? reason = null)
    {
        var now = DateTimeOffset.Now;
        return new()
        {
            Target = target,
            Started = now,
            Elapsed = TimeSpan.Zero,
            FinalUri = target.RequestUri,
            Failure = FailureKind.NotRun,
            Reason = reason ?? "Not checked: the run's deadline (-TotalTimeoutSec) passed first.",
            Attempts = 0,
            Maintenance = target.Policy.InMaintenance(now),
            Details = _options.Diagnose ? new ProbeTrace(new Stopwatch()).Complete(target.RequestUri, TimeSpan.Zero) : null,
        };
    }

    /// <summary>Checks one target. Never throws for anything the site or network does; throws only when <paramref name="stopping"/> fires.</summary>
    public Task<ProbeOutcome> CheckAsync(SiteTarget target, CancellationToken stopping) =>
#if NET8_0_OR_GREATER
        target.Policy.AllAddresses ? EveryAddressAsync(target, stopping) :
#endif
        _hosts is null ? RetryAsync(target, null, stopping) : GatedAsync(_hosts, target, null, stopping);

    /// <summary>The check (at <paramref name="pin"/>'s address, when given) once a place for its host is free (-ThrottleLimitPerHost).</summary>
    private async Task<ProbeOutcome> GatedAsync(HostGate hosts, SiteTarget target, AddressPin? pin, CancellationToken stopping)
    {
        IDisposable place;
        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping, _runDeadline))
        {
            try
            {
                place = await hosts.EnterAsync(target.RequestUri.IdnHost, waiting.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return NotRun(target);
            }
        }

        using (place)
        {
            return await RetryAsync(target, pin, stopping).ConfigureAwait(false);
        }
    }

    /// <summary>The last attempt's outcome, with the site's domain expiry once it is known, and the conditions judged once the check is over.</summary>
    private static async Task<ProbeOutcome> JudgedAfterAsync(ProbeOutcome outcome, CheckPolicy policy, Task<DomainExpiry>? domain)
    {
        if (domain is not null)
        {
            outcome.Domain = await domain.ConfigureAwait(false);
        }

        if (ResponseJudge.JudgeAfter(outcome, policy) is { } judgement)
        {
            (outcome.Failure, outcome.Reason, outcome.Conditions) = (judgement.Failure, judgement.Reason, judgement.Conditions);
        }

        return outcome;
    }

    /// <summary>The first attempt and any retries of transient failures, then the conditions judged after the check.</summary>
    private async Task<ProbeOutcome> RetryAsync(SiteTarget target, AddressPin? pin, CancellationToken stopping)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var policy = target.Policy;

        // The registry is asked beside the attempts, so its answer costs the check no time of its own.
        var domain = policy.LooksUpDomain && _options.Domains is { } domains
            ? domains.LookUpAsync(target.RequestUri.IdnHost, policy.RdapServer, policy.Timeout, _runDeadline, stopping)
            : null;

        // Retries and their waits stay within what the attempts alone could have taken.
        var budget = TimeSpan.FromTicks(policy.Timeout.Ticks * (policy.MaximumRetryCount + 1));
        Random? jitter = null;
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await AttemptAsync(target, pin, started, clock, attempt, stopping).ConfigureAwait(false);
            if (attempt > policy.MaximumRetryCount || !RetryPolicy.IsTransient(outcome.Failure, outcome.StatusCode))
            {
                return await JudgedAfterAsync(outcome, policy, domain).ConfigureAwait(false);
            }

            var wait = outcome.RetryAfter ?? RetryPolicy.Backoff(policy.RetryInterval, attempt, jitter ??= new Random());
            var left = budget - clock.Elapsed - policy.Timeout;
            if (wait > left)
            {
                outcome.Reason += outcome.RetryAfter is not null
                    ? $"; not retried: the server asked to wait {wait.TotalSeconds:0.#} s (Retry-After), and the check had {Math.Max(0, left.TotalSeconds):0} s left."
                    : $"; not retried: the next wait ({wait.TotalSeconds:0.#} s) would outlast the check's time.";
                return await JudgedAfterAsync(outcome, policy, domain).ConfigureAwait(false);
            }

            if (!await WaitAsync(wait, stopping).ConfigureAwait(false))
            {
                return await JudgedAfterAsync(outcome, policy, domain).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _shared?.Dispose();

    private static bool IsRedirect(int code) => code is 300 or 301 or 302 or 303 or 307 or 308;

    // Credentials go to the server they were given for: same scheme, host and port. A redirect elsewhere loses them.
    private static bool IsSameServer(Uri hop, Uri first) =>
        hop.Scheme == first.Scheme && string.Equals(hop.IdnHost, first.IdnHost, StringComparison.OrdinalIgnoreCase) && hop.Port == first.Port;

    private static AuthenticationHeaderValue BasicAuthentication(NetworkCredential credential) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.UserName + ":" + credential.Password)));

    /// <summary>
    /// A client that connects as <paramref name="options"/> say and follows no redirect by itself; <paramref name="trace"/>
    /// watches its connections, and with <paramref name="pin"/> it connects to that address for the pinned host.
    /// </summary>
    internal static HttpClient CreateClient(ProbeOptions options, ProbeTrace? trace = null, AddressPin? pin = null) =>
        new(CreateHandler(options, trace, pin), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Waits between attempts; false when the run's deadline ends the wait.</summary>
    private async Task<bool> WaitAsync(TimeSpan wait, CancellationToken stopping)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping, _runDeadline);
        try
        {
            await Task.Delay(wait, waiting.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>One attempt: the request and every redirect, bounded by the timeout; at <paramref name="pin"/>'s address when given.</summary>
    private async Task<ProbeOutcome> AttemptAsync(SiteTarget target, AddressPin? pin, DateTimeOffset started, Stopwatch clock, int attempt, CancellationToken stopping)
    {
        var policy = target.Policy;

        // A check that must see the certificate gets a connection of its own, as a diagnosis does: a shared one hides it.
        // So does a check at one address: a pooled connection to the host may be to another of its addresses.
        var trace = _options.Diagnose || policy.SeesCertificate || pin is not null ? new ProbeTrace(clock) { SkipCertificateCheck = _options.SkipCertificateCheck } : null;
        using var own = trace is null ? null : CreateClient(_options, trace, pin);
        var client = own ?? _shared ?? throw new InvalidOperationException("A status check has a shared client.");
        var uri = target.RequestUri;
        var method = policy.UseHead && !policy.ReadsBody ? HttpMethod.Head : HttpMethod.Get;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping, _runDeadline);
        deadline.CancelAfter(policy.Timeout);

        int? statusCode = null;
        string? httpVersion = null;
        ProbeOutcome Outcome(int? code, FailureKind failure, string reason, TimeSpan? retryAfter = null, IReadOnlyList<ConditionOutcome>? conditions = null)
        {
            var elapsed = clock.Elapsed;
            return new ProbeOutcome
            {
                Target = target,
                Started = started,
                Elapsed = elapsed,
                FinalUri = uri,
                StatusCode = code,
                HttpVersion = httpVersion,
                Failure = failure,
                Reason = reason,
                Attempts = attempt,
                Method = method.Method,
                RetryAfter = retryAfter,
                Conditions = conditions ?? [],
                Maintenance = policy.InMaintenance(started),
                Details = trace?.Complete(uri, elapsed),
            };
        }

        try
        {
            var redirects = 0;
            while (true)
            {
                statusCode = null;
                httpVersion = null;
                trace?.BeginHop(uri);
                using var request = CreateRequest(method, uri, target, policy);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                trace?.EndHop(uri, response);
                var code = (int)response.StatusCode;
                statusCode = code;
                httpVersion = HttpVersions.Name(response.Version);

                if (method == HttpMethod.Head && code is 405 or 501)
                {
                    // The server will not answer HEAD: ask again with GET, once.
                    method = HttpMethod.Get;
                    continue;
                }

                var location = response.Headers.Location;
                if (location is not null && IsRedirect(code) && policy.MaximumRedirection > 0)
                {
                    var next = new Uri(uri, location);
                    if (redirects == policy.MaximumRedirection)
                    {
                        return Outcome(code, FailureKind.TooManyRedirects, $"Stopped after {redirects} redirects; the next was to {SiteTarget.Mask(next)}.");
                    }

                    if (!SiteTarget.IsHttp(next))
                    {
                        return Outcome(code, FailureKind.InvalidResponse, $"Refused to follow a redirect to the scheme '{next.Scheme}'.");
                    }

                    uri = next;
                    redirects++;
                    continue;
                }

                var judgement = await ResponseJudge.JudgeAsync(response, code, policy, deadline.Token).ConfigureAwait(false);
                var retryAfter = policy.MaximumRetryCount > 0 ? RetryPolicy.RetryAfter(response, DateTimeOffset.UtcNow) : null;
                return Outcome(code, judgement.Failure, judgement.Reason, retryAfter, judgement.Conditions);
            }
        }
        catch (OperationCanceledException) when (_runDeadline.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            var cut = Outcome(null, FailureKind.Timeout, "The run's deadline (-TotalTimeoutSec) passed before this check finished.");
            cut.CutByRunDeadline = true;
            return cut;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return Outcome(null, FailureKind.Timeout, $"Timed out: no complete answer from {uri.Host} port {uri.Port} within {policy.Timeout.TotalSeconds:0.###} s (-TimeoutSec).");
        }
#pragma warning disable CA1031 // Whatever a server or the network makes the request, reading or judging throw, the answer is a result.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var (kind, reason) = FailureClassifier.Classify(exception, uri, IsPriorKnowledge(policy, uri));
            var outcome = Outcome(statusCode, kind, kind == FailureKind.Tls && trace?.CertificateRejection is { } rejection ? rejection : reason);
            outcome.Error = exception;
            return outcome;
        }
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, SiteTarget target, CheckPolicy policy)
    {
        var request = new HttpRequestMessage(method, uri);
        var sameServer = IsSameServer(uri, target.RequestUri);
        request.Headers.TryAddWithoutValidation("User-Agent", policy.UserAgent);
        foreach (var header in policy.Headers)
        {
            if (sameServer || !IsServerBound(header.Key))
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        if (sameServer && (target.Credential ?? _options.Credential) is { } credential)
        {
            request.Headers.Authorization = BasicAuthentication(credential);
        }

#if NET8_0_OR_GREATER
        // The server lowers the version only where it picks it: over https, by ALPN, from 2 to 1.1. Where nothing lets
        // it pick, the version is spoken directly and a server that cannot is Down: 2 over plain http (h2c with prior
        // knowledge), and 3, whose only other way in is an Alt-Svc header that a single check does not wait for. QUIC is
        // always encrypted, so a plain http URL is asked over 1.1.
        var plain = uri.Scheme == Uri.UriSchemeHttp;
        request.Version = plain && policy.HttpVersion.Major == 3 ? System.Net.HttpVersion.Version11 : policy.HttpVersion;
        request.VersionPolicy = IsPriorKnowledge(policy, uri) || (!plain && policy.HttpVersion.Major == 3)
            ? HttpVersionPolicy.RequestVersionExact
            : HttpVersionPolicy.RequestVersionOrLower;
#endif
        return request;
    }

    /// <summary>Whether the request speaks HTTP/2 over plain http without asking first (h2c with prior knowledge).</summary>
    private static bool IsPriorKnowledge(CheckPolicy policy, Uri uri) => policy.HttpVersion.Major == 2 && uri.Scheme == Uri.UriSchemeHttp;

    private static bool IsServerBound(string header)
    {
        foreach (var name in ServerBoundHeaders)
        {
            if (string.Equals(name, header, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

#pragma warning disable CA5359 // Accepting any certificate is what -SkipCertificateCheck asks for.
#if NET8_0_OR_GREATER
    private static SocketsHttpHandler CreateHandler(ProbeOptions options, ProbeTrace? trace, AddressPin? pin)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = options.ThrottleLimitPerHost,
            MaxResponseHeadersLength = ProbeOptions.MaximumResponseHeadersKilobytes,
        };
        if (trace is not null || pin is not null || options.AddressFamily != AddressFamily.Unspecified)
        {
            handler.ConnectCallback = (context, token) => SocketConnector.ConnectAsync(context, options.AddressFamily, pin, trace, token);
        }

        if (trace is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                trace.OnCertificate(certificate, chain, errors, (sender as System.Net.Security.SslStream)?.SslProtocol);
        }
        else if (options.SkipCertificateCheck)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        if (options.ClientCertificate is { } certificate)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        ConfigureProxy(options, proxy => handler.Proxy = proxy);
        return handler;
    }
#else
    private static HttpClientHandler CreateHandler(ProbeOptions options, ProbeTrace? trace, AddressPin? pin)
    {
        if (pin is not null)
        {
            // The catalog refuses -AllAddresses on this build: HttpClientHandler cannot be told where to connect.
            throw new PlatformNotSupportedException("Connecting to one address of a host needs PowerShell 7.4 or later.");
        }

        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = options.ThrottleLimitPerHost,
            MaxResponseHeadersLength = ProbeOptions.MaximumResponseHeadersKilobytes,
        };
        if (trace is not null)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, chain, errors) => trace.OnCertificate(certificate, chain, errors, protocol: null);
        }
        else if (options.SkipCertificateCheck)
        {
            handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
        }

        if (options.ClientCertificate is { } certificate)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(certificate);
        }

        ConfigureProxy(options, proxy => handler.Proxy = proxy);
        return handler;
    }
#endif
#pragma warning restore CA5359

    private static void ConfigureProxy(ProbeOptions options, Action<IWebProxy> setProxy)
    {
        if (options.Proxy is { } address)
        {
            setProxy(new WebProxy(address) { UseDefaultCredentials = options.ProxyUseDefaultCredentials });
        }
    }
}
