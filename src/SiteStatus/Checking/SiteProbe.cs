using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SiteStatus.Checking;

/// <summary>
/// Checks one URL at a time, many at once: follows redirects itself (so every hop is checked to be http or https),
/// reads headers only, and bounds the whole check by one timeout. Thread-safe; one per invocation.
/// </summary>
internal sealed class SiteProbe : IDisposable
{
    private readonly HttpClient _client;
    private readonly ProbeOptions _options;

    public SiteProbe(ProbeOptions options)
    {
        _options = options;
        _client = new HttpClient(CreateHandler(options), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>Checks one target. Never throws for anything the site or network does; throws only when <paramref name="stopping"/> fires.</summary>
    public async Task<ProbeOutcome> CheckAsync(SiteTarget target, CancellationToken stopping)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var uri = target.RequestUri;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(_options.Timeout);

        ProbeOutcome Outcome(int? statusCode, FailureKind failure, string reason) =>
            new(target, started, clock.Elapsed, uri, statusCode, failure, reason);

        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
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
            return Outcome(null, FailureKind.Timeout, $"No complete answer within {_options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException exception)
        {
            var (kind, reason) = FailureClassifier.Classify(exception);
            return Outcome(null, kind, reason);
        }
    }

    public void Dispose() => _client.Dispose();

    private static bool IsRedirect(int code) => code is 300 or 301 or 302 or 303 or 307 or 308;

#if NET8_0_OR_GREATER
    private static SocketsHttpHandler CreateHandler(ProbeOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = options.MaximumConnectionsPerServer,
        };
        if (options.SkipCertificateCheck)
        {
#pragma warning disable CA5359 // The user asked, with -SkipCertificateCheck, to accept any certificate.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        return handler;
    }
#else
    private static HttpClientHandler CreateHandler(ProbeOptions options)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = options.MaximumConnectionsPerServer,
        };
        if (options.SkipCertificateCheck)
        {
#pragma warning disable CA5359 // The user asked, with -SkipCertificateCheck, to accept any certificate.
            handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        return handler;
    }
#endif
}
