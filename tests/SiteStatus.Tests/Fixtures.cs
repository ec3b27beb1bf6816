using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
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

/// <summary>Test sites whose https ports serve certificates that are wrong in each of the ways that matter.</summary>
public sealed class CertificateSitesFixture : IAsyncLifetime
{
    public TestSite Valid { get; private set; } = null!;

    public TestSite Expired { get; private set; } = null!;

    public TestSite NotYetValid { get; private set; } = null!;

    public TestSite WrongName { get; private set; } = null!;

    public TestSite ExpiringSoon { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        Valid = await TestSite.StartAsync(TestCertificate.CreateForLoopback(days: 90));
        Expired = await TestSite.StartAsync(TestCertificate.Create(now.AddDays(-60), now.AddDays(-30), "localhost", "127.0.0.1"));
        NotYetValid = await TestSite.StartAsync(TestCertificate.Create(now.AddDays(30), now.AddDays(60), "localhost", "127.0.0.1"));
        WrongName = await TestSite.StartAsync(TestCertificate.Create(now.AddDays(-1), now.AddDays(90), "wrong.example"));
        ExpiringSoon = await TestSite.StartAsync(TestCertificate.CreateForLoopback(days: 5));
    }

    public async Task DisposeAsync()
    {
        foreach (var site in new[] { Valid, Expired, NotYetValid, WrongName, ExpiringSoon })
        {
            await site.DisposeAsync();
        }
    }
}

/// <summary>
/// A raw TCP listener on 127.0.0.1 for servers too hostile for Kestrel: it accepts each connection and hands it to a behaviour.
/// </summary>
public sealed class RawListener : IDisposable
{
    public const long HugeBodyLength = 10L << 30;

    private readonly List<Socket> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly ManualResetEventSlim _served = new();
    private long _bytesSent;

    private readonly TcpListener _listener;

    private RawListener(Func<RawListener, Socket, CancellationToken, Task> serve, IPAddress? address = null)
    {
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start();
        _ = AcceptAsync(serve);
    }

    /// <summary>http://127.0.0.1:port/ (or http://[::1]:port/ for a listener on IPv6).</summary>
    public Uri Uri => new UriBuilder("http", ((IPEndPoint)_listener.LocalEndpoint).Address.ToString(), ((IPEndPoint)_listener.LocalEndpoint).Port).Uri;

    /// <summary>The same port, asked for with https.</summary>
    public Uri HttpsUri => new UriBuilder(Uri) { Scheme = "https" }.Uri;

    /// <summary>Body bytes the socket accepted before the client went away.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Accepts and holds each connection without reading or answering.</summary>
    public static RawListener Silent() => new((self, socket, _) =>
    {
        self.Hold(socket);
        return Task.CompletedTask;
    });

    /// <summary>Reads the request and never answers.</summary>
    public static RawListener ReadsAndNeverAnswers() => new(async (self, socket, token) =>
    {
        self.Hold(socket);
        await socket.ReceiveAsync(new byte[4096], SocketFlags.None, token);
    });

    /// <summary>Reads the request, writes <paramref name="response"/> as it is, then closes the connection.</summary>
    public static RawListener Respond(string response, IPAddress? address = null) => new(async (_, socket, token) =>
    {
        using var __ = socket;
        await socket.ReceiveAsync(new byte[4096], SocketFlags.None, token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(response), SocketFlags.None, token);
        socket.Shutdown(SocketShutdown.Both);
    }, address);

    /// <summary>Starts a response, then sends the header block one byte a second (slowloris), never finishing.</summary>
    public static RawListener Slowloris() => new(async (_, socket, token) =>
    {
        using var __ = socket;
        await socket.ReceiveAsync(new byte[4096], SocketFlags.None, token);
        await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n"), SocketFlags.None, token);
        while (true)
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes("X"), SocketFlags.None, token);
            await Task.Delay(1000, token);
        }
    });

    /// <summary>Resets the connection as soon as it is accepted, before reading anything.</summary>
    public static RawListener ResetAtAccept() => new((_, socket, _) =>
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
        return Task.CompletedTask;
    });

    /// <summary>Answers 200 with a chunked body that never ends.</summary>
    public static RawListener EndlessChunked() => new(async (self, socket, token) =>
    {
        using var __ = socket;
        await socket.ReceiveAsync(new byte[4096], SocketFlags.None, token);
        await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"), SocketFlags.None, token);
        var chunk = Encoding.ASCII.GetBytes("4000\r\n" + new string('x', 0x4000) + "\r\n");
        try
        {
            while (true)
            {
                Interlocked.Add(ref self._bytesSent, await socket.SendAsync(chunk, SocketFlags.None, token));
            }
        }
        catch (SocketException)
        {
            self._served.Set();
        }
    });

    /// <summary>Reads the request, then resets the connection (RST, not FIN).</summary>
    public static RawListener Resetting() => new(async (_, socket, token) =>
    {
        socket.LingerState = new LingerOption(true, 0);
        await socket.ReceiveAsync(new byte[4096], SocketFlags.None, token);
        socket.Close();
    });

    /// <summary>Answers 200 with a 10 GiB Content-Length and streams the body until the client goes away.</summary>
    public static RawListener HugeBody() => new(async (self, socket, token) =>
    {
        using var _ = socket;
        await socket.ReceiveAsync(new byte[4096], SocketFlags.None, token);
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {HugeBodyLength}\r\n\r\n");
        await socket.SendAsync(head, SocketFlags.None, token);
        var chunk = new byte[64 * 1024];
        try
        {
            while (true)
            {
                Interlocked.Add(ref self._bytesSent, await socket.SendAsync(chunk, SocketFlags.None, token));
            }
        }
        catch (SocketException)
        {
            self._served.Set();
        }
    });

    /// <summary>Waits until a behaviour finished with a client that went away.</summary>
    public bool WaitUntilServed(TimeSpan timeout) => _served.Wait(timeout);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(socket => socket.Dispose());
        }

        _stop.Dispose();
        _served.Dispose();
    }

    private void Hold(Socket socket)
    {
        lock (_held)
        {
            _held.Add(socket);
        }
    }

    private async Task AcceptAsync(Func<RawListener, Socket, CancellationToken, Task> serve)
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                _ = ServeAsync(serve, socket);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The listener was stopped.
        }
    }

    private async Task ServeAsync(Func<RawListener, Socket, CancellationToken, Task> serve, Socket socket)
    {
        try
        {
            await serve(this, socket, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The test is over, or the client went away first.
        }
    }
}

/// <summary>Sockets this process holds open, as Linux lists them among its file descriptors.</summary>
internal static class ProcessSockets
{
    public static int Count() =>
        new System.IO.DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Count(fd => fd.LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true);
}

/// <summary>
/// A small forwarding HTTP proxy on 127.0.0.1: it reads each request's absolute URI, notes it, asks the origin itself
/// and answers with the origin's status code.
/// </summary>
public sealed class ForwardingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly System.Net.Http.HttpClient _origin = new(new System.Net.Http.HttpClientHandler { AllowAutoRedirect = false, UseProxy = false });
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _seen = new();
    private readonly CancellationTokenSource _stop = new();

    public ForwardingProxy()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri Uri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>The absolute URIs the proxy was asked for.</summary>
    public IReadOnlyCollection<string> Seen => _seen;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _origin.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                _ = ServeAsync(socket);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The proxy was stopped.
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        try
        {
            var buffer = new byte[16 * 1024];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            var requestLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0].Split(' ');
            _seen.Enqueue(requestLine[1]);
            using var answer = await _origin.GetAsync(requestLine[1], System.Net.Http.HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            var head = $"HTTP/1.1 {(int)answer.StatusCode} {answer.ReasonPhrase}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(head), SocketFlags.None, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or System.Net.Http.HttpRequestException)
        {
            // The test is over, or the client went away first.
        }
    }
}

/// <summary>
/// A port that nothing listens on, so connecting to it is refused: a socket bound to it and never listening holds it,
/// so no other test's listener can be given the same port while this one is in use.
/// </summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket _holder = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort() => _holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public Uri Uri => new($"http://127.0.0.1:{((IPEndPoint)_holder.LocalEndPoint!).Port}/");

    public void Dispose() => _holder.Dispose();
}
