using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Checking;

namespace SiteStatus.Domains;

/// <summary>
/// Asks an RDAP server for one domain (GET {server}domain/{name}, RFC 9082) and reads its expiration date. Whatever the
/// server does (no answer, 404, an error page, garbage), the answer is a date or the reason there is none, in words;
/// only a stopped run throws. Through the run's -Proxy, when it has one.
/// </summary>
internal sealed class RdapClient : IDisposable
{
    /// <summary>The most answer bytes read: a domain object is a few KB; more is no answer to read.</summary>
    public const int MaximumAnswerBytes = 1024 * 1024;

    private readonly HttpClient _client;

    public RdapClient(Uri? proxy, bool proxyUseDefaultCredentials)
    {
        var handler = new HttpClientHandler
        {
            // Registries redirect between their own hosts (and rdap.org-like services to registries); a few hops at most.
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (proxy is not null)
        {
            handler.Proxy = new WebProxy(proxy) { UseDefaultCredentials = proxyUseDefaultCredentials };
        }

        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "application/rdap+json, application/json");
        _client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", ProbeOptions.DefaultUserAgent);
    }

    /// <summary>The URL a domain is asked at: the server's base URL (a final / supplied), then domain/{name}.</summary>
    public static Uri DomainUri(Uri server, string domain)
    {
        var text = server.AbsoluteUri;
        var root = text[text.Length - 1] == '/' ? server : new Uri(text + "/");
        return new Uri(root, "domain/" + domain);
    }

    /// <summary>The expiration date of <paramref name="domain"/>, or null with the reason.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="stopping"/> fired.</exception>
    public async Task<(DateTimeOffset? Expires, string Reason)> ExpirationAsync(Uri server, string domain, TimeSpan timeout, CancellationToken runDeadline, CancellationToken stopping)
    {
        var uri = DomainUri(server, domain);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping, runDeadline);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (code == 404)
            {
                return (null, $"the RDAP server {server} has no record of {domain} (404)");
            }

            if (code is < 200 or > 299)
            {
                return (null, string.Format(CultureInfo.InvariantCulture, "the RDAP server {0} answered {1} {2} for {3}", server, code, response.ReasonPhrase, domain).Replace("  ", " "));
            }

            var body = await ResponseBody.ReadStartAsync(response, MaximumAnswerBytes, deadline.Token).ConfigureAwait(false);
            if (!body.Complete)
            {
                return (null, string.Format(CultureInfo.InvariantCulture, "the RDAP server {0} answered more than {1} bytes for {2}", server, MaximumAnswerBytes, domain));
            }

            var expires = RdapAnswer.Expiration(body.Text, out var reason);
            return (expires, expires is null ? $"{reason} (from {server})" : string.Empty);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested && runDeadline.IsCancellationRequested)
        {
            return (null, "the run's deadline (-TotalTimeoutSec) passed before the RDAP server answered");
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return (null, string.Format(CultureInfo.InvariantCulture, "the RDAP server {0} did not answer within {1:0.###} s (-TimeoutSec)", server, timeout.TotalSeconds));
        }
        catch (Exception e) when (e is HttpRequestException or UndecodableBodyException or System.IO.IOException)
        {
            return (null, $"cannot read the RDAP server {server}: {Innermost(e).Message.TrimEnd('.')}");
        }
    }

    /// <summary>A whole file (IANA's bootstrap file), at most 16 MiB.</summary>
    /// <exception cref="HttpRequestException">No file came: no answer in time, a status that is not 2xx, a body too long; the message says which.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="stopping"/> fired.</exception>
    public async Task<string> GetTextAsync(Uri uri, TimeSpan timeout, CancellationToken stopping)
    {
        const int MaximumFileBytes = 16 * 1024 * 1024;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if ((int)response.StatusCode is < 200 or > 299)
            {
                throw new HttpRequestException(string.Format(CultureInfo.InvariantCulture, "{0} answered {1} {2}.", uri, (int)response.StatusCode, response.ReasonPhrase));
            }

            var body = await ResponseBody.ReadStartAsync(response, MaximumFileBytes, deadline.Token).ConfigureAwait(false);
            return body.Complete ? body.Text : throw new HttpRequestException(string.Format(CultureInfo.InvariantCulture, "{0} sent more than {1} bytes.", uri, MaximumFileBytes));
        }
        catch (OperationCanceledException e) when (!stopping.IsCancellationRequested)
        {
            throw new HttpRequestException(string.Format(CultureInfo.InvariantCulture, "{0} did not answer within {1:0.###} s (-TimeoutSec).", uri, timeout.TotalSeconds), e);
        }
        catch (UndecodableBodyException e)
        {
            throw new HttpRequestException($"{uri} sent a body that cannot be decoded: {e.Message}", e);
        }
    }

    public void Dispose() => _client.Dispose();

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }
}
