using System;
using System.Net;

namespace SiteStatus.Checking;

/// <summary>
/// Where one -AllAddresses check connects: <see cref="Address"/> whenever it connects to <see cref="Host"/> (the URL's
/// own host, also after a redirect to it on another port or scheme); any other host is resolved as usual. The request
/// keeps the host name, so the Host header and TLS's SNI are those of the URL.
/// </summary>
internal sealed record AddressPin(string Host, IPAddress Address)
{
    /// <summary>Whether a connection to <paramref name="host"/> goes to <see cref="Address"/>.</summary>
    public bool Covers(string host) => string.Equals(host, Host, StringComparison.OrdinalIgnoreCase);
}
