#if NET8_0_OR_GREATER
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace SiteStatus.Checking;

/// <summary>
/// Resolves and connects as SocketsHttpHandler would, but over one address family when asked, to one address of the
/// URL's host when pinned (-AllAddresses), and telling a trace when each phase ends. Used only when one of those is
/// wanted: otherwise the handler connects by itself.
/// </summary>
internal static class SocketConnector
{

    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, AddressFamily family, AddressPin? pin, ProbeTrace? trace, CancellationToken cancellationToken)
    {
        var endPoint = context.DnsEndPoint;
        trace?.OnConnecting();
        var isLiteral = IPAddress.TryParse(endPoint.Host, out var literal);
        var isPinned = !isLiteral && pin is not null && pin.Covers(endPoint.Host);
        var addresses = isLiteral ? [literal!]
            : isPinned ? [pin!.Address]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);
        trace?.OnResolved(lookedUp: !isLiteral && !isPinned);

        if (family != AddressFamily.Unspecified)
        {
            addresses = addresses.Where(address => address.AddressFamily == family).ToArray();
        }

        if (addresses.Length == 0)
        {
            throw new NoAddressException($"'{endPoint.Host}' has no {(family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")} address.");
        }

        var socket = family == AddressFamily.Unspecified
            ? new Socket(SocketType.Stream, ProtocolType.Tcp)
            : new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        trace?.OnConnected(socket.RemoteEndPoint);
        return new NetworkStream(socket, ownsSocket: true);
    }
}
#endif
