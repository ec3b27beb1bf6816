using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SiteStatus.History;

/// <summary>
/// Appends a run's outcomes to its history off the pipeline thread: <see cref="Add"/> queues an outcome and returns,
/// and a writer task takes what has queued meanwhile and writes it as one transaction, so a fast run writes few large
/// transactions and a slow one each outcome as it comes. The pipeline thread waits only when the writer is a whole
/// queue behind. The first write that fails stops the writing: its error is kept for the pipeline thread to report
/// (<see cref="TakeFault"/>), and what comes after is counted, not written.
/// </summary>
internal sealed class HistoryWriter : IDisposable
{
    /// <summary>Outcomes queued at most before <see cref="Add"/> waits for the writer.</summary>
    public const int Capacity = 65_536;

    /// <summary>Outcomes written in one transaction at most.</summary>
    public const int BatchSize = 8_192;

    private readonly HistoryStore _store;
    private readonly BlockingCollection<HistoryOutcome> _queue = new(Capacity);
    private readonly Task _writing;
    private HistoryFileException? _fault;
    private int _faultTaken;
    private long _written;
    private long _dropped;
    private bool _disposed;

    /// <summary>Takes <paramref name="store"/> (opened by <see cref="HistoryStore.Open"/>) over, and starts writing to it.</summary>
    public HistoryWriter(HistoryStore store)
    {
        _store = store;
        _writing = Task.Factory.StartNew(Write, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The history's full path.</summary>
    public string Path => _store.Path;

    /// <summary>Outcomes written so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Outcomes not written because a write had failed before them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues an outcome to be written; after a failed write, counts it as dropped.</summary>
    public void Add(HistoryOutcome outcome)
    {
        if (Volatile.Read(ref _fault) is null)
        {
            _queue.Add(outcome);
        }
        else
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>The failure of a write, the first time it is asked for after it happened; null otherwise.</summary>
    public HistoryFileException? TakeFault() =>
        Volatile.Read(ref _fault) is { } fault && Interlocked.Exchange(ref _faultTaken, 1) == 0 ? fault : null;

    /// <summary>Writes what is queued, and waits for it: the run is over.</summary>
    public void Complete()
    {
        if (!_queue.IsAddingCompleted)
        {
            _queue.CompleteAdding();
        }

        _writing.Wait();
    }

    /// <summary>Writes what is queued (a stopped run keeps what it checked) and lets the file go.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Complete();
        _store.Dispose();
        _queue.Dispose();
    }

    private void Write()
    {
        var batch = new List<HistoryOutcome>(BatchSize);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Add(first);
            while (batch.Count < BatchSize && _queue.TryTake(out var next))
            {
                batch.Add(next);
            }

            if (Volatile.Read(ref _fault) is not null)
            {
                Interlocked.Add(ref _dropped, batch.Count);
            }
            else
            {
                try
                {
                    _store.Append(batch);
                    Interlocked.Add(ref _written, batch.Count);
                }
                catch (Exception e)
                {
                    // Any failure, expected or not, must stop the writing without stopping the queue: Add never waits on a dead writer.
                    Interlocked.Add(ref _dropped, batch.Count);
                    Volatile.Write(ref _fault, e as HistoryFileException ?? new HistoryFileException(HistoryFileException.NotSaved, $"The history '{_store.Path}' cannot be written: {e.Message}", e));
                }
            }

            batch.Clear();
        }
    }
}
