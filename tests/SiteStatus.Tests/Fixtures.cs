using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>One Kestrel test site for a whole test class.</summary>
public sealed class TestSiteFixture : IAsyncLifetime
{
    public TestSite Site { get; private set; } = null!;

    public async Task InitializeAsync() => Site = await TestSite.StartAsync();

    public async Task DisposeAsync() => await Site.DisposeAsync();
}

/// <summary>
/// A raw TCP listener on 127.0.0.1 that misbehaves on purpose: it accepts and then either says nothing or resets the connection.
/// </summary>
public sealed class RawListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _held = [];
    private readonly CancellationTokenSource _stop = new();

    public RawListener(bool reset)
    {
        _listener.Start();
        _ = AcceptAsync(reset);
    }

    public Uri Uri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(socket => socket.Dispose());
        }

        _stop.Dispose();
    }

    /// <summary>A port that nothing listens on: connecting to it is refused.</summary>
    public static Uri ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private async Task AcceptAsync(bool reset)
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                if (reset)
                {
                    // Linger 0 makes Close send RST rather than FIN.
                    socket.LingerState = new LingerOption(true, 0);
                    await socket.ReceiveAsync(new byte[4096], SocketFlags.None, _stop.Token);
                    socket.Close();
                }
                else
                {
                    lock (_held)
                    {
                        _held.Add(socket);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }
}
