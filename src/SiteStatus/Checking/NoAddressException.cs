using System.IO;

namespace SiteStatus.Checking;

/// <summary>The host has addresses, but none of the family -IPv4 or -IPv6 asked for.</summary>
internal sealed class NoAddressException(string message) : IOException(message);
