using System;
using System.Management.Automation;
using System.Threading;
using SiteStatus.Checking;

namespace SiteStatus.Commands;

/// <summary>
/// What both cmdlets share: the URL input and the check parameters, the pool's lifetime, and writing results on the pipeline thread only.
/// Workers never write: results wait in the pool until ProcessRecord or EndProcessing takes them.
/// </summary>
public abstract partial class SiteCheckCommandBase : PSCmdlet, IDisposable
{
    private SiteProbe? _probe;
    private CheckPool<SiteTarget, ProbeOutcome>? _pool;
    private CancellationTokenSource? _runDeadline;

    /// <inheritdoc/>
    public void Dispose()
    {
        _pool?.Dispose();
        _probe?.Dispose();
        _runDeadline?.Dispose();
        GC.SuppressFinalize(this);
    }

    private bool DeadlinePassed => _runDeadline?.IsCancellationRequested == true;

    /// <summary>Whether checks collect timings, the certificate and the redirect chain.</summary>
    private protected virtual bool Diagnose => false;

    /// <summary>Writes one finished check in the cmdlet's own shape.</summary>
    private protected abstract void WriteOutcome(ProbeOutcome outcome);

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (SkipCertificateCheck)
        {
            WriteWarning("-SkipCertificateCheck: server certificates are not validated, so any server on the path can pose as these sites.");
        }

        var options = BuildOptions();
        _runDeadline = IsBound(nameof(TotalTimeoutSec)) ? new CancellationTokenSource(TimeSpan.FromSeconds(TotalTimeoutSec)) : null;
        var probe = new SiteProbe(options, _runDeadline?.Token ?? CancellationToken.None);
        _probe = probe;
        _pool = new CheckPool<SiteTarget, ProbeOutcome>(ThrottleLimit, probe.CheckAsync);
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var pool = _pool!;
        foreach (var text in Uri)
        {
            if (text is null)
            {
                WriteInputError(new InputError(InputError.InvalidUri, "The URL is null.", null));
                continue;
            }

            if (SiteTarget.IsIgnorable(text))
            {
                continue;
            }

            var target = SiteTarget.Parse(text, AllowCredentialInUri, out var error);
            if (target is null)
            {
                WriteInputError(error!);
                continue;
            }

            while (pool.IsFull && !DeadlinePassed)
            {
                Emit(Take(pool));
            }

            if (DeadlinePassed)
            {
                Emit(new Completed<SiteTarget, ProbeOutcome>(target, _probe!.NotRun(target), null));
                continue;
            }

            pool.Start(target);
            while (pool.TryTake(out var done))
            {
                Emit(done);
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var pool = _pool!;
        while (pool.Pending > 0)
        {
            Emit(Take(pool));
        }
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _pool?.Cancel();

    private void WriteInputError(InputError error) =>
        WriteError(new ErrorRecord(new ArgumentException(error.Message), error.ErrorId, ErrorCategory.InvalidArgument, error.ShownInput));

    private static Completed<SiteTarget, ProbeOutcome> Take(CheckPool<SiteTarget, ProbeOutcome> pool)
    {
        try
        {
            return pool.Take();
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
    }

    private void Emit(Completed<SiteTarget, ProbeOutcome> done)
    {
        try
        {
            if (done.Output is { } outcome)
            {
                WriteOutcome(outcome);
            }
            else
            {
                WriteError(new ErrorRecord(done.Fault, "CheckFailed", ErrorCategory.NotSpecified, done.Input.Display));
            }
        }
        catch (PipelineStoppedException)
        {
            // Select-Object -First, or a stop: end the checks in flight now, not when the pipeline is disposed.
            _pool?.Cancel();
            throw;
        }
    }
}
