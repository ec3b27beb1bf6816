using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace SiteStatus.Checking;

/// <summary>Turns the exception a request ended with into a failure kind and a short reason a person can act on.</summary>
internal static class FailureClassifier
{
    public static (FailureKind Kind, string Reason) Classify(Exception exception)
    {
        // The most specific cause wins: a socket error names exactly what the network did.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return (FromSocketError(socket.SocketErrorCode), socket.Message);
            }
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AuthenticationException tls:
                    return (FailureKind.Tls, tls.Message);
                case NoAddressException noAddress:
                    return (FailureKind.NameResolution, noAddress.Message);
                case WebException web when FromWebStatus(web.Status) is { } kind:
                    return (kind, web.Message);
            }
        }

#if NET8_0_OR_GREATER
        if (exception is HttpRequestException http)
        {
            switch (http.HttpRequestError)
            {
                case HttpRequestError.NameResolutionError:
                    return (FailureKind.NameResolution, http.Message);
                case HttpRequestError.SecureConnectionError:
                    return (FailureKind.Tls, http.Message);
                case HttpRequestError.ResponseEnded:
                    return (FailureKind.ConnectionReset, "The server closed the connection before a complete response.");
                case HttpRequestError.InvalidResponse:
                case HttpRequestError.HttpProtocolError:
                case HttpRequestError.ConfigurationLimitExceeded:
                    return (FailureKind.InvalidResponse, Innermost(http).Message);
            }
        }
#endif

        return (exception is IOException ? FailureKind.ConnectionReset : FailureKind.Network, Innermost(exception).Message);
    }

    private static FailureKind FromSocketError(SocketError error) => error switch
    {
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => FailureKind.NameResolution,
        SocketError.ConnectionRefused => FailureKind.ConnectionRefused,
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => FailureKind.ConnectionReset,
        SocketError.TimedOut => FailureKind.Timeout,
        _ => FailureKind.Network,
    };

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
