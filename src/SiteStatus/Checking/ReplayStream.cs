using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SiteStatus.Checking;

#pragma warning disable CA1835, CA1844 // The array overloads are what netstandard2.0 has; a few bytes and a pass-through do not need more.
/// <summary>A read-only stream that gives back bytes already read from another stream, then the rest of it.</summary>
internal sealed class ReplayStream(byte[] head, Stream rest) : ReadOnlyStream(rest)
{
    private int _position;

    /// <summary>Reads up to <paramref name="count"/> bytes, and gives them back with a stream that replays them before the rest.</summary>
    public static async Task<(byte[] Head, Stream Stream)> PeekAsync(Stream raw, int count, CancellationToken cancellationToken)
    {
        var head = new byte[count];
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

        var seen = new byte[filled];
        Array.Copy(head, seen, filled);
        return (seen, new ReplayStream(seen, raw));
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        TakeHead(buffer, offset, count) is var taken and > 0 ? taken : Inner.Read(buffer, offset, count);

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        TakeHead(buffer, offset, count) is var taken and > 0 ? taken : await Inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);

    private int TakeHead(byte[] buffer, int offset, int count)
    {
        var taken = Math.Min(count, head.Length - _position);
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
