using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SiteStatus.Checking;

/// <summary>
/// Checks one URL at a time, many at once: follows redirects itself (so every hop is checked to be http or https),
/// reads headers only, and bounds the whole check by one timeout. Thread-safe; one per invocation.
/// </summary>
/// <remarks>
/// A status check shares one pooled handler across all checks. A diagnosis gives each check its own handler,
/// so that its callbacks see only that check's connections and every site is measured from a fresh connection, as curl does.
/// </remarks>
internal sealed class SiteProbe : IDisposable
{
    private readonly ProbeOptions _options;
    private readonly CancellationToken _runDeadline;
    private readonly HttpClient? _shared;

    /// <param name="options">How every check is made.</param>
    /// <param name="runDeadline">Fires when the whole run must end: checks in flight then end as Timeout.</param>
    public SiteProbe(ProbeOptions options, CancellationToken runDeadline)
    {
        _options = options;
        _runDeadline = runDeadline;
        _shared = options.Diagnose ? null : CreateClient(options, trace: null);
    }

    /// <summary>The answer for a target the run's deadline left unchecked.</summary>
    public ProbeOutcome NotRun(SiteTarget target)
    {
        var trace = _options.Diagnose ? new ProbeTrace(new Stopwatch()) : null;
        return new ProbeOutcome(
            target,
            DateTimeOffset.Now,
            TimeSpan.Zero,
            target.RequestUri,
            null,
            FailureKind.NotRun,
            "Not checked: the run's deadline (-TotalTimeoutSec) passed first.",
            trace?.Complete(target.RequestUri, TimeSpan.Zero));
    }

    /// <summary>Checks one target. Never throws for anything the site or network does; throws only when <paramref name="stopping"/> fires.</summary>
    public async Task<ProbeOutcome> CheckAsync(SiteTarget target, CancellationToken stopping)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var trace = _options.Diagnose ? new ProbeTrace(clock) { SkipCertificateCheck = _options.SkipCertificateCheck } : null;
        using var own = trace is null ? null : CreateClient(_options, trace);
        var client = own ?? _shared!;
        var uri = target.RequestUri;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping, _runDeadline);
        deadline.CancelAfter(_options.Timeout);

        ProbeOutcome Outcome(int? statusCode, FailureKind failure, string reason)
        {
            var elapsed = clock.Elapsed;
            return new(target, started, elapsed, uri, statusCode, failure, reason, trace?.Complete(uri, elapsed));
        }

        try
        {
            for (var redirects = 0; ; redirects++)
            {
                trace?.BeginHop(uri);
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
                if (target.Credential is { } credential && IsSameServer(uri, target.RequestUri))
                {
                    request.Headers.Authorization = BasicAuthentication(credential);
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                trace?.EndHop(uri, response);
                var code = (int)response.StatusCode;
                var location = response.Headers.Location;

                if (location is null || !IsRedirect(code) || _options.MaximumRedirection == 0)
                {
                    var reason = response.ReasonPhrase ?? ((HttpStatusCode)code).ToString();
                    return Outcome(code, code is >= 200 and <= 299 ? FailureKind.None : FailureKind.HttpStatus, reason);
                }

                var next = new Uri(uri, location);
                if (redirects == _options.MaximumRedirection)
                {
                    return Outcome(code, FailureKind.TooManyRedirects, $"Stopped after {redirects} redirects; the next was to {SiteTarget.Mask(next)}.");
                }

                if (!SiteTarget.IsHttp(next))
                {
                    return Outcome(code, FailureKind.InvalidResponse, $"Refused to follow a redirect to the scheme '{next.Scheme}'.");
                }

                uri = next;
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return Outcome(null, FailureKind.Timeout, _runDeadline.IsCancellationRequested
                ? "The run's deadline (-TotalTimeoutSec) passed before this check finished."
                : $"No complete answer within {_options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException exception)
        {
            var (kind, reason) = FailureClassifier.Classify(exception);
            return Outcome(null, kind, kind == FailureKind.Tls && trace?.CertificateRejection is { } rejection ? rejection : reason);
        }
    }

    public void Dispose() => _shared?.Dispose();

    private static bool IsRedirect(int code) => code is 300 or 301 or 302 or 303 or 307 or 308;

    // Credentials go to the server they were given for: same scheme, host and port. A redirect elsewhere loses them.
    private static bool IsSameServer(Uri hop, Uri first) =>
        hop.Scheme == first.Scheme && string.Equals(hop.IdnHost, first.IdnHost, StringComparison.OrdinalIgnoreCase) && hop.Port == first.Port;

    private static AuthenticationHeaderValue BasicAuthentication(NetworkCredential credential) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.UserName + ":" + credential.Password)));

    private static HttpClient CreateClient(ProbeOptions options, ProbeTrace? trace) =>
        new(CreateHandler(options, trace), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

#pragma warning disable CA5359 // Accepting any certificate is what -SkipCertificateCheck asks for.
#if NET8_0_OR_GREATER
    private static SocketsHttpHandler CreateHandler(ProbeOptions options, ProbeTrace? trace)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = options.MaximumConnectionsPerServer,
            MaxResponseHeadersLength = ProbeOptions.MaximumResponseHeadersKilobytes,
        };
        if (trace is not null)
        {
            handler.ConnectCallback = trace.ConnectAsync;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => trace.OnCertificate(certificate, chain, errors);
        }
        else if (options.SkipCertificateCheck)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        return handler;
    }
#else
    private static HttpClientHandler CreateHandler(ProbeOptions options, ProbeTrace? trace)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = options.MaximumConnectionsPerServer,
            MaxResponseHeadersLength = ProbeOptions.MaximumResponseHeadersKilobytes,
        };
        if (trace is not null)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, chain, errors) => trace.OnCertificate(certificate, chain, errors);
        }
        else if (options.SkipCertificateCheck)
        {
            handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
        }

        return handler;
    }
#endif
#pragma warning restore CA5359
}
