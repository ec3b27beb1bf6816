using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace SiteStatus.TestServer;

/// <summary>
/// A Kestrel site on 127.0.0.1 with one route per behaviour the checks must handle; plain http and https on two ports chosen by the OS.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _inFlight;
    private int _maxInFlight;
    private int _requests;
    private int _hanging;
    private readonly ConcurrentQueue<(int Port, string Path, string Header)> _authorizations = new();
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestSite(WebApplication app) => _app = app;

    public Uri Http { get; private set; } = null!;

    public Uri Https { get; private set; } = null!;

    /// <summary>The most requests to /count/{ms} that were in the server at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Requests to /hang whose client has not gone away: the client's own sockets still open.</summary>
    public int Hanging => Volatile.Read(ref _hanging);

    /// <summary>Every Authorization header the site received: on which port, for which path, and the header itself.</summary>
    public IReadOnlyCollection<(int Port, string Path, string Header)> Authorizations => _authorizations;

    /// <summary>How many requests the site has begun to answer, whatever the route.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Starts the site; its https port serves <paramref name="certificate"/>, or one made for loopback.</summary>
    public static async Task<TestSite> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var serverCertificate = certificate ?? TestCertificate.CreateForLoopback();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(serverCertificate);
            });
        });
        var app = builder.Build();
        var site = new TestSite(app);
        site.MapRoutes();
        await app.StartAsync();
        var addresses = app.Urls;
        foreach (var address in addresses)
        {
            var uri = new Uri(address);
            if (uri.Scheme == Uri.UriSchemeHttps)
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

    /// <summary>Lets every request waiting at /gate through.</summary>
    public void OpenGate() => _gate.TrySetResult();

    public void ResetCounters()
    {
        Volatile.Write(ref _maxInFlight, 0);
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
        _app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        _app.MapGet("/delay/{ms:int}", async (int ms, CancellationToken aborted) =>
        {
            await Task.Delay(ms, aborted);
            return "ok";
        });
        _app.MapGet("/redirect/{hops:int}", (int hops) => hops > 0 ? Results.Redirect($"/redirect/{hops - 1}") : Results.Text("ok"));
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
            RaiseMaxInFlight(Interlocked.Increment(ref _inFlight));
            try
            {
                await Task.Delay(ms, aborted);
                return "ok";
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
        _app.MapGet("/user-agent", (HttpContext context) => context.Request.Headers.UserAgent.ToString());
    }

    private void RaiseMaxInFlight(int now)
    {
        int seen;
        do
        {
            seen = Volatile.Read(ref _maxInFlight);
        }
        while (now > seen && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen);
    }
}
