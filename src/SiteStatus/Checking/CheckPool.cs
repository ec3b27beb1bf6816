using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace SiteStatus.Checking;

/// <summary>One finished check: its input and either its output or the exception it ended with.</summary>
internal readonly struct Completed<TIn, TOut>
{
    public Completed(TIn input, TOut? output, Exception? fault)
    {
        Input = input;
        Output = output;
        Fault = fault;
    }

    public TIn Input { get; }

    public TOut? Output { get; }

    public Exception? Fault { get; }
}

/// <summary>
/// Runs at most <c>throttleLimit</c> checks at once and hands back each as it finishes.
/// A check holds its slot until its result is taken, so the caller pulls input only as results are consumed:
/// memory stays flat whatever the input size. All members but <see cref="Cancel"/> and <see cref="Running"/> belong to the one thread that feeds and drains.
/// </summary>
internal sealed class CheckPool<TIn, TOut> : IDisposable
{
    private static readonly TimeSpan DrainOnDispose = TimeSpan.FromSeconds(5);

    private readonly Func<TIn, CancellationToken, Task<TOut>> _check;
    private readonly WaitCallback _run;
    private readonly int _throttleLimit;
    private readonly CancellationTokenSource _stopping = new();
    private readonly BlockingCollection<Completed<TIn, TOut>> _completed = new();

    private static int s_running;

    // One count for the pool itself, one more for each running check, so Dispose can wait for the last to end.
    private readonly CountdownEvent _running = new(1);

    public CheckPool(int throttleLimit, Func<TIn, CancellationToken, Task<TOut>> check)
    {
        if (throttleLimit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "At least one check must be allowed in flight.");
        }

        _throttleLimit = throttleLimit;
        _check = check;
        _run = input => _ = RunAsync((TIn)input!);
    }

    /// <summary>Checks running right now in every pool of this type in the process: 0 once every command has returned.</summary>
    public static int Running => Volatile.Read(ref s_running);

    /// <summary>Checks started whose results have not been taken yet.</summary>
    public int Pending { get; private set; }

    public bool IsFull => Pending >= _throttleLimit;

    /// <summary>Starts a check; call only when not <see cref="IsFull"/>.</summary>
    public void Start(TIn input)
    {
        if (IsFull)
        {
            throw new InvalidOperationException("The pool is full: take a result before starting another check.");
        }

        Pending++;
        _running.AddCount();
        Interlocked.Increment(ref s_running);

        // Straight onto the thread pool: no Task, no closure, no captured execution context per check. The feeding
        // thread (PowerShell's pipeline thread) never runs a check's first steps itself.
        ThreadPool.UnsafeQueueUserWorkItem(_run, input);
    }

    /// <summary>Takes the next finished check, waiting for one at most <paramref name="wait"/> (zero: not at all).</summary>
    /// <exception cref="OperationCanceledException">The pool was cancelled.</exception>
    public bool TryTake(out Completed<TIn, TOut> completed, TimeSpan wait)
    {
        if (!_completed.TryTake(out completed, (int)wait.TotalMilliseconds, _stopping.Token))
        {
            return false;
        }

        Pending--;
        return true;
    }

    /// <summary>Cancels every check in flight and any waiting <see cref="TryTake"/>. Safe from any thread.</summary>
    public void Cancel()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Stop arrived after the pool was already disposed: nothing is left to cancel.
        }
    }

    /// <summary>Cancels what is still running and waits briefly for it to end, so nothing outlives the command.</summary>
    public void Dispose()
    {
        Cancel();
        _running.Signal();
        if (!_running.Wait(DrainOnDispose))
        {
            // A check ignores cancellation; it still holds these, so leave them to the collector rather than fault it.
            return;
        }

        _running.Dispose();
        _stopping.Dispose();
        _completed.Dispose();
    }

    private async Task RunAsync(TIn input)
    {
        try
        {
            var output = await _check(input, _stopping.Token).ConfigureAwait(false);
            _completed.Add(new Completed<TIn, TOut>(input, output, null));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Cancelled with the pool: nobody waits for this result.
        }
#pragma warning disable CA1031 // Any failure of one check is handed to the caller as that input's answer, never lost.
        catch (Exception fault)
#pragma warning restore CA1031
        {
            _completed.Add(new Completed<TIn, TOut>(input, default, fault));
        }
        finally
        {
            Interlocked.Decrement(ref s_running);
            _running.Signal();
        }
    }
}
