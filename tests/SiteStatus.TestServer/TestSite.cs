using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace SiteStatus.TestServer;

/// <summary>
/// A Kestrel site on 127.0.0.1 with one route per behaviour the checks must handle, on ports chosen by the OS: plain
/// http and https, both HTTP/1.1 only; https that also speaks HTTP/2; and plain http that speaks HTTP/2 only (h2c).
/// </summary>
public sealed partial class TestSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private ConcurrencyCounter _counted = new();
    private int _requests;
    private int _hanging;
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly ConcurrentDictionary<string, int> _switches = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _webhooks = new();
    private readonly ConcurrentDictionary<string, string> _webhookAnswers = new();
    private readonly ConcurrentDictionary<string, ConcurrencyCounter> _hostCounters = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrencyCounter _allHosts = new();
    private readonly ConcurrentQueue<(int Port, string Path, string Header)> _authorizations = new();
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestSite(WebApplication app) => _app = app;

    public Uri Http { get; private set; } = null!;

    /// <summary>https that speaks HTTP/1.1 only: ALPN offers no h2.</summary>
    public Uri Https { get; private set; } = null!;

    /// <summary>https that speaks HTTP/2 and HTTP/1.1, as the client asks by ALPN.</summary>
    public Uri Http2 { get; private set; } = null!;

    /// <summary>Plain http that speaks HTTP/2 only (h2c): a client must know it beforehand, as nothing negotiates it.</summary>
    public Uri H2c { get; private set; } = null!;

    /// <summary>The most requests to /count/{ms} that were in the server at once.</summary>
    public int MaxInFlight => _counted.Max;

    /// <summary>Requests to /hang whose client has not gone away: the client's own sockets still open.</summary>
    public int Hanging => Volatile.Read(ref _hanging);

    /// <summary>Every Authorization header the site received: on which port, for which path, and the header itself.</summary>
    public IReadOnlyCollection<(int Port, string Path, string Header)> Authorizations => _authorizations;

    /// <summary>The most requests to /count-by-host that were in the server at once for one Host header.</summary>
    public int MaxInFlightFor(string host) => _hostCounters.TryGetValue(host, out var counter) ? counter.Max : 0;

    /// <summary>The most requests to /count-by-host that were in the server at once, whatever the host.</summary>
    public int MaxInFlightAllHosts => _allHosts.Max;

    /// <summary>How many requests the site has begun to answer, whatever the route.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Starts the site; its https port serves <paramref name="certificate"/>, or one made for loopback.</summary>
    /// <param name="certificate">The https port's certificate; by default one made for loopback.</param>
    /// <param name="requireClientCertificate">The https port asks for a client certificate and refuses connections without one.</param>
    /// <param name="dualStack">The site also listens on ::1, on the same two ports: both addresses of a host are up. Http and Https stay 127.0.0.1's.</param>
    public static async Task<TestSite> StartAsync(X509Certificate2? certificate = null, bool requireClientCertificate = false, bool dualStack = false)
    {
        if (!dualStack)
        {
            return await StartAsync(certificate, requireClientCertificate, [IPAddress.Loopback], 0, 0);
        }

        // Kestrel picks a free port for one address only: try ports free on 127.0.0.1, in case one is taken on ::1 meanwhile.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartAsync(certificate, requireClientCertificate, [IPAddress.Loopback, IPAddress.IPv6Loopback], FreePort(), FreePort());
            }
            catch (IOException) when (attempt < 5)
            {
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<TestSite> StartAsync(X509Certificate2? certificate, bool requireClientCertificate, IPAddress[] addresses, int httpPort, int httpsPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var serverCertificate = certificate ?? TestCertificate.CreateForLoopback();
        ListenOptions? http2 = null;
        ListenOptions? h2c = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var address in addresses)
            {
                Listen(kestrel, address, httpPort, httpsPort, serverCertificate, requireClientCertificate);
            }

            // The HTTP/2 ports listen on 127.0.0.1 only.
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(serverCertificate);
                http2 = listen;
            });
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                h2c = listen;
            });
        });
        var app = builder.Build();
        var site = new TestSite(app);
        site.MapRoutes();
        await app.StartAsync();

        // Kestrel sets each listener's endpoint to the port it bound: the HTTP/2 ones are told apart by it, the others by
        // scheme; Http and Https are 127.0.0.1's.
        var http2Port = http2!.IPEndPoint!.Port;
        var h2cPort = h2c!.IPEndPoint!.Port;
        foreach (var address in app.Urls)
        {
            var uri = new Uri(address);
            if (uri.HostNameType == UriHostNameType.IPv6)
            {
                continue;
            }

            if (uri.Port == http2Port)
            {
                site.Http2 = uri;
            }
            else if (uri.Port == h2cPort)
            {
                site.H2c = uri;
            }
            else if (uri.Scheme == Uri.UriSchemeHttps)
            {
                site.Https = uri;
            }
            else
            {
                site.Http = uri;
            }
        }

        return site;
    }

    private static void Listen(KestrelServerOptions kestrel, IPAddress address, int httpPort, int httpsPort, X509Certificate2 serverCertificate, bool requireClientCertificate)
    {
        kestrel.Listen(address, httpPort, listen => listen.Protocols = HttpProtocols.Http1);
        kestrel.Listen(address, httpsPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.UseHttps(https =>
            {
                https.ServerCertificate = serverCertificate;
                if (requireClientCertificate)
                {
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (_, _, _) => true;
                }
            });
        });
    }

    /// <summary>Sets what /switch/{key} answers from now on (200 until set).</summary>
    public void Switch(string key, int code) => _switches[key] = code;

    /// <summary>The bodies posted to /webhook/{key}, in order, whatever the route answered.</summary>
    public IReadOnlyCollection<string> WebhookBodies(string key) => _webhooks.TryGetValue(key, out var bodies) ? bodies : [];

    /// <summary>Sets the body of the error answers of /webhook/{key}.</summary>
    public void AnswerWebhook(string key, string body) => _webhookAnswers[key] = body;

    /// <summary>Lets every request waiting at /gate through.</summary>
    public void OpenGate() => _gate.TrySetResult();

    public void ResetCounters()
    {
        _counted = new ConcurrencyCounter();
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private void MapRoutes()
    {
        _app.Use((context, next) =>
        {
            Interlocked.Increment(ref _requests);
            if (context.Request.Headers.Authorization.Count > 0)
            {
                _authorizations.Enqueue((context.Connection.LocalPort, context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString()));
            }

            return next(context);
        });
        _app.MapGet("/loop/{name}", (string name) => Results.Redirect(name == "a" ? "/loop/b" : "/loop/a"));
        _app.MapGet("/ok", () => "ok");
        // What the request came with: its Host header, the name TLS was asked for (SNI), and the address it reached.
        _app.MapGet("/echo-connection", (HttpContext context) =>
            $"host={context.Request.Host};sni={context.Features.Get<ISslStreamFeature>()?.SslStream.TargetHostName};local={context.Connection.LocalIpAddress}");
        _app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        _app.MapGet("/delay/{ms:int}", async (int ms, CancellationToken aborted) =>
        {
            await Task.Delay(ms, aborted);
            return "ok";
        });
        // Each hop waits `delay` ms before it answers, when asked: the wait is passed along the chain.
        _app.MapGet("/redirect/{hops:int}", async (int hops, int? delay, CancellationToken aborted) =>
        {
            if (delay is { } ms)
            {
                await Task.Delay(ms, aborted);
            }

            return hops > 0 ? Results.Redirect($"/redirect/{hops - 1}" + (delay is { } wait ? $"?delay={wait}" : string.Empty)) : Results.Text("ok");
        });
        _app.MapGet("/redirect-to", (string url) => Results.Redirect(url));
        _app.MapGet("/hang", async (CancellationToken aborted) =>
        {
            Interlocked.Increment(ref _hanging);
            try
            {
                await Task.Delay(Timeout.Infinite, aborted);
                return "never";
            }
            finally
            {
                Interlocked.Decrement(ref _hanging);
            }
        });
        _app.MapGet("/gate", async (CancellationToken aborted) =>
        {
            await _gate.Task.WaitAsync(aborted);
            return "ok";
        });
        _app.MapGet("/count/{ms:int}", async (int ms, CancellationToken aborted) =>
        {
            using (_counted.Enter())
            {
                await Task.Delay(ms, aborted);
            }

            return "ok";
        });
        _app.MapMethods("/head-ok", ["GET", "HEAD"], () => Results.Ok());
        _app.MapGet("/flaky/{key}", (string key, int fail, int code, int? retryAfter, HttpContext context) =>
        {
            // Fails the first `fail` requests for a key, then succeeds: a site that wavers.
            if (_attempts.AddOrUpdate(key, 1, (_, n) => n + 1) > fail)
            {
                return Results.Text("ok");
            }

            if (retryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.StatusCode(code);
        });
        _app.MapGet("/challenge", (HttpContext context) =>
        {
            context.Response.Headers["cf-mitigated"] = "challenge";
            return Results.Text("<html>challenge</html>", "text/html", statusCode: 403);
        });
        _app.MapGet("/challenge-page", (HttpContext context) =>
        {
            context.Response.Headers.Server = "cloudflare";
            return Results.Text(ChallengePage, "text/html", statusCode: 503);
        });
        MapSiteMapRoutes();
        MapRdapRoutes();
        _app.MapGet("/switch/{key}", (string key) => Results.StatusCode(_switches.GetValueOrDefault(key, 200)));
        _app.MapPost("/switch/{key}", (string key, int code) => Switch(key, code));
        _app.MapGet("/stats/hanging", () => Results.Text(Hanging.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // A webhook receiver that records what it is sent as it arrives: it answers after `delayMs`, and fails the first
        // `fail` posts with `code` (and Retry-After), saying what AnswerWebhook set, or, with `echo`, the URL it was posted
        // to in the forms receivers repeat it (as sent, unescaped, JSON-escaped).
        _app.MapPost("/webhook/{key}/{secret}", async (string key, int? fail, int? code, int? retryAfter, int? delayMs, bool? echo, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var bodies = _webhooks.GetOrAdd(key, _ => new ConcurrentQueue<string>());
            bodies.Enqueue(await reader.ReadToEndAsync());
            if (delayMs is { } delay)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            if (bodies.Count <= (fail ?? 0))
            {
                if (retryAfter is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var sent = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}";
                var text = echo == true
                    ? $"{{\"error\":\"no such hook: {sent}\",\"path\":\"{context.Request.Path.Value!.Replace("/", "\\/")}\",\"query\":\"{Uri.UnescapeDataString(context.Request.QueryString.Value!)}\"}}"
                    : _webhookAnswers.GetValueOrDefault(key);
                return text is null ? Results.StatusCode(code ?? 500) : Results.Text(text, "text/plain", statusCode: code ?? 500);
            }

            return Results.Ok();
        });
        _app.MapMethods("/with-header", ["GET", "HEAD"], (string name, string value, HttpContext context) =>
        {
            context.Response.Headers[name] = value;
            return Results.Text("{\"status\":\"UP\",\"version\":\"2.1\"}", "application/json");
        });
        _app.MapGet("/webhook/{key}", (string key) => Results.Json(WebhookBodies(key)));
        _app.MapGet("/json", (string body) => Results.Text(body, "application/json"));
        _app.MapGet("/json/large/{kib:int}", (int kib) =>
            Results.Text("{\"status\":\"UP\",\"items\":[" + string.Join(",", Enumerable.Repeat("1", kib * 512)) + "]}", "application/json"));
        _app.MapGet("/content/plain", () => Results.Text("<html><body>status: healthy</body></html>", "text/html"));
        _app.MapGet("/content/gzip", (HttpContext context) => Encoded(context, "gzip", Gzip(HealthyPage)));
        _app.MapGet("/content/gzip-bomb", (HttpContext context) => Encoded(context, "gzip", GzipBomb.Value));
        _app.MapGet("/content/encoded/{form}", (string form, HttpContext context) => form switch
        {
            "deflate-zlib" => Encoded(context, "deflate", Pack(HealthyPage, s => new ZLibStream(s, CompressionLevel.Optimal, leaveOpen: true))),
            "deflate-raw" => Encoded(context, "deflate", Pack(HealthyPage, s => new DeflateStream(s, CompressionLevel.Optimal, leaveOpen: true))),
            "br" => Encoded(context, "br", Pack(HealthyPage, s => new BrotliStream(s, CompressionLevel.Optimal, leaveOpen: true))),
            "gzip-then-br" => Encoded(context, "gzip, br", Pack(Gzip(HealthyPage), s => new BrotliStream(s, CompressionLevel.Optimal, leaveOpen: true))),
            "gzip-lie" => Encoded(context, "gzip", HealthyPage),
            "deflate-lie" => Encoded(context, "deflate", Encoding.UTF8.GetBytes("<html>" + new string('x', 2000))),
            "br-lie" => Encoded(context, "br", HealthyPage),
            "zstd" => Encoded(context, "zstd", HealthyPage),
            _ => Results.NotFound(),
        });
        _app.MapGet("/count-by-host/{ms:int}", async (int ms, HttpContext context) =>
        {
            var host = context.Request.Host.Host;
            var counter = _hostCounters.GetOrAdd(host, _ => new ConcurrencyCounter());
            using (counter.Enter())
            using (_allHosts.Enter())
            {
                await Task.Delay(ms, context.RequestAborted);
            }

            return "ok";
        });
        _app.MapGet("/require-header", (string name, string contains, HttpContext context) =>
            context.Request.Headers[name].ToString().Contains(contains, StringComparison.Ordinal) ? Results.Ok() : Results.StatusCode(400));
        // A local file as Prometheus text: a scrape target for the metrics a test exported.
        _app.MapGet("/file", (string path) => Results.File(path, "text/plain; version=0.0.4; charset=utf-8"));
        _app.MapGet("/client-certificate", (HttpContext context) => context.Connection.ClientCertificate is null ? Results.StatusCode(401) : Results.Ok());
    }

    private const string ChallengePage =
        "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script src=\"/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1\"></script></body></html>";

    // About 256 KB that inflate to 256 MiB of zeros.
    private static readonly Lazy<byte[]> GzipBomb = new(() => Gzip(new byte[256 * 1024 * 1024]));

    private static readonly byte[] HealthyPage = Encoding.UTF8.GetBytes("<html><body>status: healthy</body></html>");

    private static byte[] Gzip(byte[] body) => Pack(body, s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true));

    private static byte[] Pack(byte[] body, Func<Stream, Stream> encoder)
    {
        using var packed = new MemoryStream();
        using (var encoding = encoder(packed))
        {
            encoding.Write(body);
        }

        return packed.ToArray();
    }

    // A body sent encoded, whatever the client asked: the checker must decode it, and cap what it inflates.
    private static IResult Encoded(HttpContext context, string encoding, byte[] body)
    {
        context.Response.Headers.ContentEncoding = encoding;
        return Results.Bytes(body, "text/html");
    }
}
