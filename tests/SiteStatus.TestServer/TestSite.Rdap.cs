using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SiteStatus.TestServer;

/// <summary>
/// A registry's RDAP server, one base URL per answer, so a test picks the answer by the -RdapServer it gives:
/// /rdap/expires/{date}/ gives that eventDate verbatim (a real date, 0001-01-01, text that is no date);
/// /rdap/no-expiration/ a domain with no expiration event; /rdap/not-found/ 404; /rdap/hang/ no answer;
/// /rdap/renewable/{key}/ the date <see cref="RenewDomain"/> last set for the key (a renewal seen on the next ask).
/// Every domain asked is noted, per base, and /rdap/dns.json is an IANA bootstrap file naming this server for .com and .br.
/// </summary>
public sealed partial class TestSite
{
    private readonly ConcurrentDictionary<string, string> _renewable = new();
    private readonly ConcurrentQueue<string> _rdapAsked = new();

    /// <summary>The paths of every RDAP domain request, in order: /rdap/expires/2030-01-01/domain/example.com.br.</summary>
    public IReadOnlyCollection<string> RdapAsked => _rdapAsked;

    /// <summary>Sets the expiration date /rdap/renewable/{key}/ answers from now on.</summary>
    public void RenewDomain(string key, string expires) => _renewable[key] = expires;

    private void MapRdapRoutes()
    {
        _app.MapGet("/rdap/expires/{date}/domain/{name}", (string date, string name, HttpContext context) => Domain(context, name, date));
        _app.MapGet("/rdap/no-expiration/domain/{name}", (string name, HttpContext context) => Domain(context, name, null));
        _app.MapGet("/rdap/not-found/domain/{name}", (HttpContext context) =>
        {
            _rdapAsked.Enqueue(context.Request.Path);
            return Results.Text("{\"errorCode\":404,\"title\":\"Not Found\"}", "application/rdap+json", statusCode: 404);
        });
        _app.MapGet("/rdap/hang/domain/{name}", async (HttpContext context) =>
        {
            _rdapAsked.Enqueue(context.Request.Path);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
            return "never";
        });
        _app.MapGet("/rdap/renewable/{key}/domain/{name}", (string key, string name, HttpContext context) => Domain(context, name, _renewable.GetValueOrDefault(key, "2030-01-01T00:00:00Z")));
        _app.MapPost("/rdap/renewable/{key}", (string key, string expires) => RenewDomain(key, expires));
        _app.MapGet("/rdap/dns.json", (HttpContext context) => Results.Text(
            "{\"description\":\"RDAP bootstrap file for Domain Name System registrations\",\"publication\":\"2026-11-20T18:00:01Z\",\"version\":\"1.0\",\"services\":["
            + $"[[\"com\",\"br\"],[\"{Root(context)}/rdap/expires/2031-05-06T07:08:09Z/\"]]]}}",
            "application/json"));
    }

    // A domain object as registries write it (RFC 9083): handle, names, status, and events, with the expiration among them when there is one.
    private IResult Domain(HttpContext context, string name, string? expires)
    {
        _rdapAsked.Enqueue(context.Request.Path);
        var expiration = expires is null ? string.Empty : $",{{\"eventAction\":\"expiration\",\"eventDate\":\"{expires}\"}}";
        return Results.Text(
            $"{{\"objectClassName\":\"domain\",\"handle\":\"{name.ToUpperInvariant()}-TEST\",\"ldhName\":\"{name}\",\"status\":[\"active\"],"
            + $"\"events\":[{{\"eventAction\":\"registration\",\"eventDate\":\"1997-09-15T04:00:00Z\"}}{expiration},{{\"eventAction\":\"last update of RDAP database\",\"eventDate\":\"2026-11-26T12:00:00Z\"}}],"
            + "\"rdapConformance\":[\"rdap_level_0\"]}",
            "application/rdap+json");
    }
}
