using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
#if NET8_0_OR_GREATER
using System.Net.Http;
#endif

namespace SiteStatus.Checking;

/// <summary>
/// Turns the exception a check ended with into a failure kind and a reason an ops engineer can act on: what happened,
/// in their words (curl's error strings are the bar), naming the host and port where that helps. The runtime's own
/// message is kept on the outcome for -Debug.
/// </summary>
internal static class FailureClassifier
{
    // What the runtime names in a refused certificate, and what each means to a person.
    private static readonly (string Token, string Meaning)[] CertificateProblems =
    [
        ("RemoteCertificateNameMismatch", "it is not issued for this host name"),
        ("UntrustedRoot", "it is not issued by an authority this machine trusts: self-signed, or from a private CA"),
        ("PartialChain", "its chain does not reach a trusted authority: the server may not send its intermediate certificates"),
        ("NotTimeValid", "it has expired or is not yet valid"),
        ("Revoked", "it has been revoked"),
        ("NotSignatureValid", "its signature is not valid"),
        ("RemoteCertificateNotAvailable", "the server sent no certificate"),
    ];

    /// <param name="exception">What the check ended with.</param>
    /// <param name="uri">The URL of the request that failed.</param>
    /// <param name="priorKnowledge">The request spoke HTTP/2 over plain http without asking (h2c), which a server of HTTP/1.1 only cannot answer.</param>
    public static (FailureKind Kind, string Reason) Classify(Exception exception, Uri uri, bool priorKnowledge = false)
    {
        // The most specific cause wins: a socket error names exactly what the network did.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return FromSocketError(socket, uri);
            }
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case UndecodableBodyException body:
                    return (FailureKind.InvalidResponse, body.Message);
                case AuthenticationException tls:
                    return (FailureKind.Tls, DescribeTls(tls, uri));
                case NoAddressException noAddress:
                    return (FailureKind.NameResolution, noAddress.Message);
                case WebException web when FromWebStatus(web.Status) is { } kind:
                    return (kind, web.Message);
            }
        }

#if NET8_0_OR_GREATER
        if (exception is HttpRequestException http)
        {
            // A server of HTTP/1.1 only answers HTTP/2's preface with an HTTP/1.1 error, or closes: that is all it says.
            if (priorKnowledge && http.HttpRequestError is HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError or HttpRequestError.ResponseEnded)
            {
                return (FailureKind.InvalidResponse, $"{Server(uri)} does not speak HTTP/2 over plain http (h2c): -HttpVersion 2 on an http:// URL sends HTTP/2 with prior knowledge, which a server of HTTP/1.1 only cannot answer. Use an https:// URL, where the version is negotiated, or -HttpVersion 1.1.");
            }

            switch (http.HttpRequestError)
            {
                case HttpRequestError.NameResolutionError:
                    return (FailureKind.NameResolution, $"Cannot resolve host '{uri.Host}'.");
                case HttpRequestError.SecureConnectionError:
                    return (FailureKind.Tls, $"The TLS handshake with {Server(uri)} failed: {Innermost(http).Message}");
                case HttpRequestError.ResponseEnded:
                    return (FailureKind.ConnectionReset, "The server closed the connection before a complete response.");
                case HttpRequestError.ConfigurationLimitExceeded:
                    return (FailureKind.InvalidResponse, $"The response headers are larger than {ProbeOptions.MaximumResponseHeadersKilobytes} KiB, the most a check reads.");
                case HttpRequestError.InvalidResponse:
                case HttpRequestError.HttpProtocolError:
                    return (FailureKind.InvalidResponse, $"The server's answer is not valid HTTP: {Innermost(http).Message}");
            }
        }
#endif

        return exception is IOException
            ? (FailureKind.ConnectionReset, $"The connection broke: {Innermost(exception).Message}")
            : (FailureKind.Network, $"The check failed: {Innermost(exception).Message}");
    }

    /// <summary>Why a certificate was refused, from the problems the runtime names (SslPolicyErrors or chain status flags).</summary>
    public static string DescribeCertificate(IEnumerable<string> problems)
    {
        var named = problems.Distinct(StringComparer.Ordinal).ToList();
        var meanings = CertificateProblems.Where(p => named.Contains(p.Token)).Select(p => p.Meaning).ToList();
        var why = meanings.Count > 0 ? string.Join("; ", meanings) : "it did not pass validation";
        return $"Certificate refused: {why} ({string.Join(", ", named)}).";
    }

    private static string DescribeTls(AuthenticationException tls, Uri uri)
    {
        var named = CertificateProblems.Select(p => p.Token).Append("RemoteCertificateChainErrors")
            .Where(token => tls.Message.Contains(token)).ToList();
        if (named.Count > 0)
        {
            return DescribeCertificate(named);
        }

        // What SslStream says when the first bytes back are not a TLS record: most often plain http on that port.
        if (tls.Message.Contains("frame"))
        {
            var plain = new UriBuilder(uri) { Scheme = Uri.UriSchemeHttp, Port = uri.Port }.Uri;
            return $"No TLS answer from {Server(uri)}: it may serve plain http there (try {SiteTarget.Mask(plain)}).";
        }

        return $"The TLS handshake with {Server(uri)} failed: {tls.Message}";
    }

    private static (FailureKind, string) FromSocketError(SocketException socket, Uri uri) => socket.SocketErrorCode switch
    {
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData =>
            (FailureKind.NameResolution, $"Cannot resolve host '{uri.Host}' ({Message(socket)})."),
        SocketError.ConnectionRefused =>
            (FailureKind.ConnectionRefused, $"Connection refused by {Server(uri)}: nothing listens on that port, or a firewall turned the connection away."),
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown =>
            (FailureKind.ConnectionReset, $"{Server(uri)} reset the connection before a complete response ({Message(socket)})."),
        SocketError.TimedOut => (FailureKind.Timeout, $"Connecting to {Server(uri)} timed out ({Message(socket)})."),
        SocketError.NetworkUnreachable or SocketError.HostUnreachable =>
            (FailureKind.Network, $"No route to {Server(uri)}: this machine's network cannot reach it ({Message(socket)})."),
        _ => (FailureKind.Network, $"The connection to {Server(uri)} failed: {Message(socket)}."),
    };

    private static string Server(Uri uri) => $"{uri.Host} port {uri.Port}";

    private static string Message(SocketException socket) => socket.Message.TrimEnd('.');

    // Windows PowerShell's HttpClientHandler reports through WebException rather than socket errors.
    private static FailureKind? FromWebStatus(WebExceptionStatus status) => status switch
    {
        WebExceptionStatus.NameResolutionFailure => FailureKind.NameResolution,
        WebExceptionStatus.ConnectFailure => FailureKind.ConnectionRefused,
        WebExceptionStatus.TrustFailure or WebExceptionStatus.SecureChannelFailure => FailureKind.Tls,
        WebExceptionStatus.ConnectionClosed or WebExceptionStatus.ReceiveFailure or WebExceptionStatus.KeepAliveFailure => FailureKind.ConnectionReset,
        WebExceptionStatus.ServerProtocolViolation => FailureKind.InvalidResponse,
        WebExceptionStatus.Timeout => FailureKind.Timeout,
        _ => null,
    };

    private static Exception Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
