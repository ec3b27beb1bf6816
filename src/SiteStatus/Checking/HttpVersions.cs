using System;
using System.Globalization;
#if NET8_0_OR_GREATER
using System.Net.Quic;
#endif

namespace SiteStatus.Checking;

/// <summary>
/// HTTP versions as results show them and settings take them: "1.0", "1.1", "2" and "3", as HTTP's own names (HTTP/2,
/// HTTP/3) and curl's %{http_version} have them; and which of them a check can ask for on this machine.
/// </summary>
internal static class HttpVersions
{
    private static readonly Version Http10 = new(1, 0);

    private static readonly Version[] Known = [Http10, new(1, 1), new(2, 0), new(3, 0)];

    /// <summary>A version as results show it: "1.1", "2".</summary>
    public static string Name(Version version) => version.Major == 1 || version.Minor != 0
        ? version.ToString(2)
        : version.Major.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A version as given: 1.0, 1.1, 2 or 3, also written as .NET and blackbox_exporter write them (2.0, HTTP/2.0).
    /// </summary>
    /// <exception cref="FormatException">It is none of them.</exception>
    public static Version Parse(string text) =>
        Read(text) ?? throw new FormatException($"'{text.Trim()}' is not an HTTP version: write 1.0, 1.1, 2 or 3.");

    /// <summary>A version a check can ask for here: 1.1 anywhere, 2 on PowerShell 7.4 and later, 3 where there is QUIC too.</summary>
    /// <exception cref="FormatException">It is not one, or this machine cannot speak it; the message says how it could.</exception>
    public static Version Requested(string text)
    {
        if (Read(text) is not { } version || version == Http10)
        {
            throw new FormatException("it must be 1.1, 2 or 3.");
        }
#if NET8_0_OR_GREATER
        if (version.Major == 3 && !QuicIsSupported())
        {
            throw new FormatException(
                "HTTP/3 needs QUIC, which this machine does not have: .NET speaks QUIC through msquic (libmsquic). On Linux, install the libmsquic package from Microsoft's package repository; on Windows, it needs Windows 11 or Windows Server 2022 or later; .NET has no QUIC on macOS.");
        }
#else
        if (version.Major > 1)
        {
            throw new FormatException($"HTTP/{Name(version)} needs PowerShell 7.4 or later: the HTTP client of Windows PowerShell 5.1 (.NET Framework) speaks HTTP/1.1 only.");
        }
#endif

        return version;
    }

    private static Version? Read(string text)
    {
        var bare = text.Trim();
        if (bare.StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase))
        {
            bare = bare.Substring("HTTP/".Length);
        }

        // "2" is no Version to .NET, which wants a minor part.
        var version = int.TryParse(bare, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? new Version(major, 0)
            : Version.TryParse(bare, out var dotted) ? dotted
            : null;
        return version is not null && Array.IndexOf(Known, version) >= 0 ? version : null;
    }
#if NET8_0_OR_GREATER

    // .NET speaks QUIC through msquic: Windows 11 and Server 2022 have it, Linux with libmsquic installed; macOS never.
#pragma warning disable CA2252 // A preview API on .NET 8 only (stable since .NET 9); it only asks whether msquic loads.
    private static bool QuicIsSupported() =>
        (OperatingSystem.IsWindows() || OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && QuicConnection.IsSupported;
#pragma warning restore CA2252
#endif
}
