using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace SiteStatus.Checking.SiteMaps;

/// <summary>
/// A read-only stream over another that a reader on the pipeline thread can trust: a read that waits longer than the
/// timeout, or a stop, aborts the transfer (the read then fails) rather than hanging; and more than a maximum of bytes is an error.
/// The timeout runs only while a read waits, not while the caller works on what it read.
/// </summary>
internal sealed class StallGuard(Stream inner, long maximumBytes, TimeSpan timeout, Action? abort, CancellationToken stopping) : ReadOnlyStream(inner)
{
    private long _read;

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read;
        if (abort is null)
        {
            read = Inner.Read(buffer, offset, count);
        }
        else
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            waiting.CancelAfter(timeout);
            using (waiting.Token.Register(abort))
            {
                try
                {
                    read = Inner.Read(buffer, offset, count);
                }
                catch (Exception e) when (waiting.IsCancellationRequested && !stopping.IsCancellationRequested && e is IOException or ObjectDisposedException or OperationCanceledException)
                {
                    throw new TimeoutException(string.Format(CultureInfo.InvariantCulture, "The server sent nothing for {0:0.###} s (-TimeoutSec).", timeout.TotalSeconds), e);
                }
            }
        }

        _read += read;
        return _read <= maximumBytes
            ? read
            : throw new InvalidDataException(string.Format(CultureInfo.InvariantCulture, "The sitemap is larger than {0} bytes, the most read of one.", maximumBytes));
    }
}
