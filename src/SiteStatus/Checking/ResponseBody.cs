using System;
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
#if NET8_0_OR_GREATER
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        // Encodings apply in the order listed, so they come off in reverse.
        var encodings = response.Content.Headers.ContentEncoding.Reverse().Where(e => !string.Equals(e, "identity", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var encoding in encodings)
        {
            body = await DecodeAsync(body, encoding, cancellationToken).ConfigureAwait(false);
        }

        using (body)
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
#pragma warning disable CA1835, CA1844 // The array overloads are what netstandard2.0 has; two bytes and a pass-through do not need more.
    private static async Task<Stream> InflateAsync(Stream raw, CancellationToken cancellationToken)
    {
        var head = new byte[2];
        var filled = 0;
        while (filled < head.Length)
        {
            var read = await raw.ReadAsync(head, filled, head.Length - filled, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        // A zlib header: compression method 8 (deflate), and the two bytes as a big-endian number divisible by 31.
        var isZlib = filled == 2 && (head[0] & 0x0F) == 8 && ((head[0] << 8) | head[1]) % 31 == 0;
        return new DeflateStream(isZlib ? raw : new ReplayStream(head, filled, raw), CompressionMode.Decompress);
    }

    /// <summary>A read-only stream that gives back bytes already read from another stream, then the rest of it.</summary>
    private sealed class ReplayStream(byte[] head, int headLength, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            TakeHead(buffer, offset, count) is var taken and > 0 ? taken : rest.Read(buffer, offset, count);

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            TakeHead(buffer, offset, count) is var taken and > 0 ? taken : await rest.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }

        private int TakeHead(byte[] buffer, int offset, int count)
        {
            var taken = Math.Min(count, headLength - _position);
            if (taken <= 0)
            {
                return 0;
            }

            Array.Copy(head, _position, buffer, offset, taken);
            _position += taken;
            return taken;
        }
    }
#pragma warning restore CA1835, CA1844
}
