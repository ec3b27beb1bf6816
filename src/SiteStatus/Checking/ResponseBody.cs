using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SiteStatus.Checking;

/// <summary>Reads the start of a response body as text, decompressed, never more than a cap of decompressed bytes.</summary>
internal static class ResponseBody
{
    public static async Task<string> ReadStartAsync(HttpResponseMessage response, int maximumBytes, CancellationToken cancellationToken)
    {
#if NET8_0_OR_GREATER
        var raw = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        var raw = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        using var body = Decode(raw, response.Content.Headers.ContentEncoding.LastOrDefault());
        var buffer = new byte[maximumBytes];
        var filled = 0;

        // The cap applies to what decompression yields, so a few KB that inflate to gigabytes stop here.
        while (filled < buffer.Length)
        {
#if NET8_0_OR_GREATER
            var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
#else
            var read = await body.ReadAsync(buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false);
#endif
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, filled);
    }

    private static Stream Decode(Stream raw, string? encoding) => encoding?.ToUpperInvariant() switch
    {
        "GZIP" or "X-GZIP" => new GZipStream(raw, CompressionMode.Decompress),
#if NET8_0_OR_GREATER
        "DEFLATE" => new ZLibStream(raw, CompressionMode.Decompress),
        "BR" => new BrotliStream(raw, CompressionMode.Decompress),
#else
        "DEFLATE" => new DeflateStream(SkipZlibHeader(raw), CompressionMode.Decompress),
#endif
        _ => raw,
    };

#if !NET8_0_OR_GREATER
    // HTTP's deflate is zlib: a two-byte header before the raw deflate data that DeflateStream reads.
    private static Stream SkipZlibHeader(Stream raw)
    {
        raw.ReadByte();
        raw.ReadByte();
        return raw;
    }
#endif
}
