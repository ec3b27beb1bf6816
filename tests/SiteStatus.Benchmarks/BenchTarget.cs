using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace SiteStatus.Benchmarks;

/// <summary>The benchmark's target: Kestrel on 127.0.0.1 to 127.0.0.8, one port, with /ok and /delay/{ms}; no logging.</summary>
internal sealed class BenchTarget : IAsyncDisposable
{
    public const int HostCount = 8;

    private readonly WebApplication _app;

    private BenchTarget(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<BenchTarget> StartAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Limits.MaxConcurrentConnections = null;
                for (var host = 1; host <= HostCount; host++)
                {
                    kestrel.Listen(IPAddress.Parse($"127.0.0.{host}"), port);
                }
            });
            var app = builder.Build();
            app.MapGet("/ok", () => "ok");
            app.MapGet("/delay/{ms:int}", async (int ms, CancellationToken aborted) =>
            {
                await Task.Delay(ms, aborted);
                return "ok";
            });
            try
            {
                await app.StartAsync();
                return new BenchTarget(app, port);
            }
            catch (IOException) when (attempt < 5)
            {
                // Another process took the port on one of the addresses: try another.
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>Round-robin over the hosts: the i-th URL of a list.</summary>
    public string Url(int i, string path) => $"http://127.0.0.{(i % HostCount) + 1}:{Port}{path}";

    public IEnumerable<string> Urls(int count, string path)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Url(i, path);
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
