using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Net.Http;
using System.Threading;
using System.Xml;

namespace SiteStatus.Checking.SiteMaps;

/// <summary>One page a sitemap lists, or a sitemap that could not be read (then <see cref="Error"/> says why).</summary>
internal readonly record struct SiteMapEntry(string? Url, DateTimeOffset? LastModified, string Sitemap, string? Error);

/// <summary>The bounds on one reading of a sitemap tree.</summary>
internal sealed record SiteMapLimits
{
    /// <summary>How deep sitemap indexes may nest below the first sitemap.</summary>
    public int MaximumDepth { get; init; } = 3;

    public int MaximumSitemapCount { get; init; } = 1_000;

    public int MaximumUrlCount { get; init; } = 1_000_000;

    /// <summary>The most bytes of one sitemap, after decompression; the protocol allows 50 MB.</summary>
    public long MaximumSitemapBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long a server may keep the reader waiting: for the headers, and for each part of the body.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Reads sitemaps (urlset and sitemapindex, plain or gzip), and a site's robots.txt Sitemap lines when given its root,
/// streaming the page URLs as it reads them so checks can start before the last is read. Synchronous on purpose:
/// the command calls it on the pipeline thread, which writes each URL as it comes. XML is read with no DTD and no
/// resolver, so entities cannot expand or fetch anything; every sitemap, URL and byte count is bounded.
/// </summary>
internal sealed class SiteMapReader(HttpClient client, IReadOnlyList<KeyValuePair<string, string>> headers, string userAgent, SiteMapLimits limits, CancellationToken stopping)
{
    private const int MaximumRedirects = 10;

    private static readonly XmlReaderSettings Safe = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _sitemaps;
    private int _urls;

    /// <summary>Every page under <paramref name="start"/>: a sitemap URL, a site root (its robots.txt, else /sitemap.xml), or a file.</summary>
    public IEnumerable<SiteMapEntry> Read(Uri start)
    {
        var pending = new Queue<(Uri Sitemap, int Depth)>();
        if (SiteTarget.IsHttp(start) && start.AbsolutePath == "/" && start.Query.Length == 0)
        {
            foreach (var sitemap in FromRobots(start))
            {
                pending.Enqueue((sitemap, 0));
            }
        }
        else
        {
            pending.Enqueue((start, 0));
        }

        while (pending.Count > 0 && _urls < limits.MaximumUrlCount)
        {
            var (sitemap, depth) = pending.Dequeue();
            if (!_seen.Add(sitemap.AbsoluteUri))
            {
                continue;
            }

            if (++_sitemaps > limits.MaximumSitemapCount)
            {
                yield return Failed(sitemap, $"Not read: more than {limits.MaximumSitemapCount} sitemaps (-MaximumSitemapCount).");
                yield break;
            }

            var children = new List<Uri>();
            foreach (var entry in ReadOne(sitemap, depth, children))
            {
                yield return entry;
            }

            foreach (var child in children)
            {
                pending.Enqueue((child, depth + 1));
            }
        }
    }

    /// <summary>One sitemap's pages, as they are read; the sitemaps an index lists go to <paramref name="children"/>.</summary>
    private IEnumerable<SiteMapEntry> ReadOne(Uri sitemap, int depth, List<Uri> children)
    {
        using var source = Open(sitemap, out var error);
        if (source is null)
        {
            yield return Failed(sitemap, error!);
            yield break;
        }

        using var xml = XmlReader.Create(source.Stream, Safe);
        var pages = new List<SiteMapEntry>(1);
        var isIndex = false;
        while (true)
        {
            pages.Clear();
            var problem = Next(xml, sitemap, depth, pages, children, ref isIndex, out var more);
            foreach (var page in pages)
            {
                yield return page;
            }

            if (problem is not null)
            {
                yield return Failed(sitemap, problem);
                yield break;
            }

            if (!more)
            {
                yield break;
            }
        }
    }

    /// <summary>Reads to the next page, sitemap or end; a problem with the sitemap comes back as text (an iterator cannot catch).</summary>
    private string? Next(XmlReader xml, Uri sitemap, int depth, List<SiteMapEntry> pages, List<Uri> children, ref bool isIndex, out bool more)
    {
        more = false;
        try
        {
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                switch (xml.LocalName)
                {
                    case "sitemapindex":
                        isIndex = true;
                        continue;
                    case "url" when !isIndex:
                        if (ReadItem(xml, sitemap) is { } page)
                        {
                            if (++_urls > limits.MaximumUrlCount)
                            {
                                return $"Stopped after {limits.MaximumUrlCount} URLs (-MaximumUrlCount).";
                            }

                            pages.Add(page);
                            more = true;
                            return null;
                        }

                        continue;
                    case "sitemap" when isIndex:
                        if (ReadItem(xml, sitemap) is { Url: { } child })
                        {
                            if (depth >= limits.MaximumDepth)
                            {
                                return $"Sitemap indexes nest deeper than {limits.MaximumDepth} levels (-MaximumDepth): {child} and its siblings were not read.";
                            }

                            if (Uri.TryCreate(child, UriKind.Absolute, out var childUri) && SiteTarget.IsHttp(childUri))
                            {
                                children.Add(childUri);
                            }
                        }

                        continue;
                }
            }

            return null;
        }
        catch (XmlException e)
        {
            return $"The sitemap is not valid XML: {e.Message}";
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidDataException or HttpRequestException or TimeoutException or OperationCanceledException)
        {
            stopping.ThrowIfCancellationRequested();
            return e is TimeoutException ? e.Message : $"Reading the sitemap failed: {e.Message}";
        }
    }

    /// <summary>The loc and lastmod of a url or sitemap element; the reader ends on its end tag.</summary>
    private static SiteMapEntry? ReadItem(XmlReader xml, Uri sitemap)
    {
        if (xml.IsEmptyElement)
        {
            return null;
        }

        string? loc = null;
        DateTimeOffset? lastModified = null;
        var depth = xml.Depth;
        xml.Read();

        // ReadElementContentAsString moves past its element already: read on only when it was not called.
        while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "loc")
            {
                loc = xml.ReadElementContentAsString().Trim();
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "lastmod")
            {
                lastModified = DateTimeOffset.TryParse(xml.ReadElementContentAsString().Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : null;
            }
            else
            {
                xml.Read();
            }
        }

        return string.IsNullOrEmpty(loc) ? null : new SiteMapEntry(loc, lastModified, SiteTarget.Mask(sitemap), null);
    }

    private static SiteMapEntry Failed(Uri sitemap, string error) => new(null, null, SiteTarget.Mask(sitemap), error);

    /// <summary>The sitemaps a site's robots.txt names; its /sitemap.xml when it names none.</summary>
    private List<Uri> FromRobots(Uri root)
    {
        var robots = new Uri(root, "/robots.txt");
        var sitemaps = new List<Uri>();
        using (var source = Open(robots, out _))
        {
            if (source is not null)
            {
                using var text = new StreamReader(source.Stream);
                string? line;
                while ((line = ReadLine(text)) is not null)
                {
                    const string Field = "sitemap:";
                    var trimmed = line.Trim();
                    if (trimmed.StartsWith(Field, StringComparison.OrdinalIgnoreCase)
                        && Uri.TryCreate(root, trimmed.Substring(Field.Length).Trim(), out var sitemap) && SiteTarget.IsHttp(sitemap))
                    {
                        sitemaps.Add(sitemap);
                    }
                }
            }
        }

        if (sitemaps.Count == 0)
        {
            sitemaps.Add(new Uri(root, "/sitemap.xml"));
        }

        return sitemaps;
    }

    private string? ReadLine(StreamReader text)
    {
        try
        {
            return text.ReadLine();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or TimeoutException)
        {
            stopping.ThrowIfCancellationRequested();
            return null;
        }
    }

    /// <summary>The sitemap's bytes, decoded and bounded; null with <paramref name="error"/> when it cannot be fetched or opened.</summary>
    private Source? Open(Uri location, out string? error)
    {
        error = null;
        try
        {
            var source = location.IsFile ? Source.FromFile(location.LocalPath) : Fetch(location);
            source.Stream = new StallGuard(Ungzip(source.Stream), limits.MaximumSitemapBytes, System.Threading.Timeout.InfiniteTimeSpan, null, CancellationToken.None);
            return source;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or UndecodableBodyException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            stopping.ThrowIfCancellationRequested();
            error = e switch
            {
                OperationCanceledException or TimeoutException => $"No answer within {limits.Timeout.TotalSeconds:0.###} s (-TimeoutSec).",
                HttpRequestException http => FailureClassifier.Classify(http, location).Reason,
                _ => e.Message,
            };
            return null;
        }
    }

    /// <summary>GETs a sitemap, following redirects between http and https; the body is guarded against stalls and stops.</summary>
    private Source Fetch(Uri location)
    {
        var uri = location;
        for (var redirects = 0; ; redirects++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(limits.Timeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            foreach (var header in headers)
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            var response = client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).GetAwaiter().GetResult();
            var code = (int)response.StatusCode;
            if (code is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } next && redirects < MaximumRedirects)
            {
                response.Dispose();
                uri = new Uri(uri, next);
                if (!SiteTarget.IsHttp(uri))
                {
                    throw new InvalidOperationException($"Refused to follow a redirect to the scheme '{uri.Scheme}'.");
                }

                continue;
            }

            if (code is < 200 or > 299)
            {
                response.Dispose();
                throw new InvalidOperationException($"The server answered {code} {StatusText.Reason(response.ReasonPhrase, code)}.");
            }

            var body = ResponseBody.OpenAsync(response, timeout.Token).GetAwaiter().GetResult();
            return new Source(new StallGuard(body, long.MaxValue, limits.Timeout, response.Dispose, stopping), response);
        }
    }

    /// <summary>A .gz sitemap served as a file (no Content-Encoding) starts with gzip's magic bytes.</summary>
    private Stream Ungzip(Stream stream)
    {
        var (head, replay) = ReplayStream.PeekAsync(stream, 2, stopping).GetAwaiter().GetResult();
        return head.Length == 2 && head[0] == 0x1F && head[1] == 0x8B ? new GZipStream(replay, CompressionMode.Decompress) : replay;
    }

    /// <summary>What one sitemap is read from, and the response to dispose with it.</summary>
    private sealed class Source(Stream stream, IDisposable? response) : IDisposable
    {
        public Stream Stream { get; set; } = stream;

        public static Source FromFile(string path) => new(File.OpenRead(path), null);

        public void Dispose()
        {
            Stream.Dispose();
            response?.Dispose();
        }
    }
}
