using System;
using System.Collections.Concurrent;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SiteStatus.TestServer;

/// <summary>Sitemaps: an index of gzip sitemaps, robots.txt, hostile XML, and one that streams 50,000 URLs.</summary>
public sealed partial class TestSite
{
    private const string UrlSet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _pagesChecked = new();
    private readonly ConcurrentDictionary<string, bool> _streamedAfterACheck = new();
    private int _entityFetches;

    /// <summary>Requests to /sitemaps/entity: an XML parser that fetched an external entity would make one.</summary>
    public int EntityFetches => Volatile.Read(ref _entityFetches);

    /// <summary>Whether /sitemaps/streamed/{key} wrote its last URLs only after a page it had listed was checked.</summary>
    public bool StreamedAfterACheck(string key) => _streamedAfterACheck.TryGetValue(key, out var after) && after;

    private void MapSiteMapRoutes()
    {
        _app.MapGet("/robots.txt", (HttpContext context) =>
            Results.Text($"User-agent: *\nDisallow: /private\n\nSitemap: {Root(context)}/sitemaps/index.xml\n", "text/plain"));
        _app.MapGet("/sitemaps/index.xml", (HttpContext context) => Results.Text(
            "<?xml version=\"1.0\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            + $"<sitemap><loc>{Root(context)}/sitemaps/a.xml.gz</loc></sitemap>\n"
            + $"<sitemap><loc>{Root(context)}/sitemaps/b.xml</loc><lastmod>2026-11-01</lastmod></sitemap>\n"
            + $"<sitemap><loc>{Root(context)}/sitemaps/index.xml</loc></sitemap>\n"
            + "</sitemapindex>",
            "application/xml"));

        // a.xml.gz is a gzip file served as such; b.xml is plain XML sent with Content-Encoding: gzip.
        _app.MapGet("/sitemaps/a.xml.gz", (HttpContext context) => Results.Bytes(Gzip(Encoding.UTF8.GetBytes(Pages(context, "a", 3))), "application/gzip"));
        _app.MapGet("/sitemaps/b.xml", (HttpContext context) => Encoded(context, "gzip", Gzip(Encoding.UTF8.GetBytes(Pages(context, "b", 2)))));
        _app.MapGet("/sitemaps/needs-header", (HttpContext context) =>
            context.Request.Headers["X-Sitemap-Key"] == "open" ? Results.Text(Pages(context, "keyed", 1), "application/xml") : Results.StatusCode(403));
        _app.MapGet("/sitemaps/broken.xml", () => Results.Text(UrlSet + "<url><loc>http://a.example/</loc></url><url><loc>", "application/xml"));
        _app.MapGet("/sitemaps/xxe.xml", (HttpContext context) => Results.Text(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [\n<!ENTITY local SYSTEM \"file:///etc/passwd\">\n"
            + $"<!ENTITY remote SYSTEM \"{Root(context)}/sitemaps/entity\">\n]>\n"
            + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>http://a.example/&local;&remote;</loc></url></urlset>",
            "application/xml"));
        _app.MapGet("/sitemaps/entity", () =>
        {
            Interlocked.Increment(ref _entityFetches);
            return Results.Text("fetched", "text/plain");
        });
        _app.MapGet("/sitemaps/page/{key}/{n:int}", (string key, int n) =>
        {
            _pagesChecked.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return Results.Text("ok");
        });

        // 50,000 URLs: the first 100 at once, the rest only after one of those was checked (or 10 s went by), so a reader
        // that does not stream cannot see a check before its last URL.
        _app.MapGet("/sitemaps/streamed/{key}", async (string key, HttpContext context) =>
        {
            context.Response.ContentType = "application/xml";
            var root = Root(context);
            string Page(int n) => $"<url><loc>{root}/sitemaps/page/{key}/{n}</loc></url>\n";
            await context.Response.WriteAsync(UrlSet + string.Concat(Enumerable.Range(0, 100).Select(Page)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            var checkedOne = _pagesChecked.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            _streamedAfterACheck[key] = await Task.WhenAny(checkedOne, Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted)) == checkedOne;
            for (var start = 100; start < 50_000; start += 1000)
            {
                await context.Response.WriteAsync(string.Concat(Enumerable.Range(start, Math.Min(1000, 50_000 - start)).Select(Page)), context.RequestAborted);
            }

            await context.Response.WriteAsync("</urlset>", context.RequestAborted);
        });
    }

    private static string Root(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private static string Pages(HttpContext context, string name, int count) =>
        UrlSet + string.Concat(Enumerable.Range(0, count).Select(i => $"<url><loc>{Root(context)}/ok?{name}={i}</loc><lastmod>2026-10-0{i + 1}T12:00:00+00:00</lastmod></url>\n")) + "</urlset>";
}
