using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SiteStatus.Checking;

/// <summary>A body that cannot be decoded as its Content-Encoding says: the server's fault, reported as InvalidResponse.</summary>
internal sealed class UndecodableBodyException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The start of a body as text; Complete when the whole body fit under the cap.</summary>
internal readonly record struct BodyStart(string Text, bool Complete);

/// <summary>Reads the start of a response body as text, decompressed, never more than a cap of decompressed bytes.</summary>
internal static class ResponseBody
{
    /// <exception cref="UndecodableBodyException">The body is not what its Content-Encoding says, or is encoded in a way no check can read.</exception>
    public static async Task<BodyStart> ReadStartAsync(HttpResponseMessage response, int maximumBytes, CancellationToken cancellationToken)
    {
        var encodings = Encodings(response);
        using (var body = await OpenAsync(response, cancellationToken).ConfigureAwait(false))
        {
            var buffer = new byte[maximumBytes];
            var filled = 0;
            bool complete;

            // The cap applies to what decompression yields, so a few KB that inflate to gigabytes stop here.
            try
            {
                while (filled < buffer.Length)
                {
                    var read = await ReadAsync(body, buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    filled += read;
                }

                // A full buffer may still be the whole body: only one more byte tells.
                complete = filled < buffer.Length || await ReadAsync(body, new byte[1], 0, 1, cancellationToken).ConfigureAwait(false) == 0;
            }
            catch (Exception exception) when (encodings.Count > 0 && exception is InvalidDataException or InvalidOperationException)
            {
                // Decompressors say InvalidDataException (gzip, deflate) or InvalidOperationException (Brotli) for data they cannot read.
                throw new UndecodableBodyException(
                    $"The body is not valid {string.Join(" then ", encodings)}, as its Content-Encoding header says it is.", exception);
            }

            return new BodyStart(Encoding.UTF8.GetString(buffer, 0, filled), complete);
        }
    }

    /// <summary>The body as a stream with every Content-Encoding undone.</summary>
    /// <exception cref="UndecodableBodyException">An encoding no check can read.</exception>
    public static async Task<Stream> OpenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
#if NET8_0_OR_GREATER
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        foreach (var encoding in Encodings(response))
        {
            body = await DecodeAsync(body, encoding, cancellationToken).ConfigureAwait(false);
        }

        return body;
    }

    // Encodings apply in the order listed, so they come off in reverse.
    private static List<string> Encodings(HttpResponseMessage response) =>
        response.Content.Headers.ContentEncoding.Reverse().Where(e => !string.Equals(e, "identity", StringComparison.OrdinalIgnoreCase)).ToList();

    private static Task<int> ReadAsync(Stream stream, byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        stream.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
#else
        stream.ReadAsync(buffer, offset, count, cancellationToken);
#endif

    private static async Task<Stream> DecodeAsync(Stream raw, string encoding, CancellationToken cancellationToken)
    {
        switch (encoding.ToUpperInvariant())
        {
            case "GZIP" or "X-GZIP":
                return new GZipStream(raw, CompressionMode.Decompress);
            case "DEFLATE":
                return await InflateAsync(raw, cancellationToken).ConfigureAwait(false);
#if NET8_0_OR_GREATER
            case "BR":
                return new BrotliStream(raw, CompressionMode.Decompress);
#endif
            default:
                raw.Dispose();
                throw new UndecodableBodyException($"The body is encoded as '{encoding}', which SiteStatus cannot decode to match its content.");
        }
    }

    /// <summary>
    /// HTTP's deflate is meant to be zlib (a two-byte header, then raw deflate), but many servers send raw deflate.
    /// Accept both, as curl and browsers do: look at the first two bytes.
    /// </summary>
    private static async Task<Stream> InflateAsync(Stream raw, CancellationToken cancellationToken)
    {
        var (head, stream) = await ReplayStream.PeekAsync(raw, 2, cancellationToken).ConfigureAwait(false);

        // A zlib header: compression method 8 (deflate), and the two bytes as a big-endian number divisible by 31.
        var isZlib = head.Length == 2 && (head[0] & 0x0F) == 8 && ((head[0] << 8) | head[1]) % 31 == 0;
        return new DeflateStream(isZlib ? raw : stream, CompressionMode.Decompress);
    }
}
