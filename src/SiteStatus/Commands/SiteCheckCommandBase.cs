using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using SiteStatus.Checking;
using SiteStatus.History;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>
/// What both cmdlets share: the URL input and the check parameters, the pool's lifetime, and writing results on the pipeline thread only.
/// Input goes one way: read as targets (<see cref="TargetReader"/>), checked in the pool (or, with -Session, at the
/// locations), written. Workers never write: results wait in the pool until ProcessRecord or EndProcessing takes them.
/// </summary>
public abstract partial class SiteCheckCommandBase : HttpCommandBase, IDisposable
{
    // How long the pipeline thread waits for a result before it refreshes the progress bar.
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _stopping = new();
    private SiteProbe? _probe;
    private RunState? _state;
    private string? _networkDown;
    private CheckPolicy? _policy;
    private TargetReader? _reader;
    private CheckPool<SiteTarget, ProbeOutcome>? _pool;
    private CancellationTokenSource? _runDeadline;
    private RunProgress? _progress;
    private bool _verbose;
    private bool _debug;

    /// <summary>Whether checks collect timings, the certificate and the redirect chain.</summary>
    private protected virtual bool Diagnose => false;

    private bool DeadlinePassed => _runDeadline?.IsCancellationRequested == true;

    /// <inheritdoc/>
    public void Dispose()
    {
        SaveDomains(quiet: true);
        _domains?.Dispose();
        _state?.Dispose();
        _history?.Dispose();
        _locations?.Dispose();
        _pool?.Dispose();
        _probe?.Dispose();
        _runDeadline?.Dispose();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes one finished check in the cmdlet's own shape, with where it stands against the state file (-StatePath).</summary>
    private protected abstract void WriteOutcome(ProbeOutcome outcome, StateChange? state);

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        var options = BuildOptions();
        _policy = BuildPolicy();
        _reader = new TargetReader(_policy, Partition is { } part ? Checking.Partition.Parse(part) : null, AllowCredentialInUri, proxied: Proxy is not null);
        _runDeadline = TotalTimeoutSec is { } total ? new CancellationTokenSource(TimeSpan.FromSeconds(total)) : null;
        var probe = new SiteProbe(options, _runDeadline?.Token ?? CancellationToken.None);
        _probe = probe;
        _pool = new CheckPool<SiteTarget, ProbeOutcome>(ThrottleLimit, probe.CheckAsync);

        // URLs given as an argument are all known now, so progress can show a percentage; from the pipeline, a count.
        var count = ParameterSetName == UriSet && Partition is null ? (Uri ?? [null]).Count(u => u is null || !SiteTarget.IsIgnorable(u)) : (int?)null;
        _progress = new RunProgress(MyInvocation.MyCommand.Name, count);
        _verbose = IsWanted("Verbose", "VerbosePreference");
        _debug = IsWanted("Debug", "DebugPreference");
        OpenLocations();
        _state = OpenState();
        options.Domains = OpenDomains();
        _history = OpenHistory();

        // With sessions the canary goes with the checks: each location tells its own network's trouble.
        _networkDown = _locations is null ? CheckCanaries() : null;
        if (_networkDown is not null)
        {
            _state?.Abandon();
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var input in PipelineInput.Read(InputObject))
            {
                Submit(input);
            }
        }
        else
        {
            // -Uri $null binds no array at all: it is still one input, and gets its error.
            foreach (var text in Uri ?? [null])
            {
                Submit(new SiteInput(text, null, null));
            }
        }

        FlushResults();
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        _locations?.Finish();
        var pool = _pool!;
        while (pool.Pending > 0)
        {
            Emit(Next(pool));
        }

        FlushResults();
        _progress!.Complete(this);
        SaveDomains(quiet: false);
        CloseHistory();
        CloseState();
    }

    /// <inheritdoc/>
    protected override void StopProcessing()
    {
        _stopping.Cancel();
        StopChecks();
    }

    private static bool TryTake(CheckPool<SiteTarget, ProbeOutcome> pool, TimeSpan wait, out Completed<SiteTarget, ProbeOutcome> done)
    {
        try
        {
            return pool.TryTake(out done, wait);
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Starts the check of one input, or writes its error; waits for a free slot first, writing what finishes meanwhile.</summary>
    private void Submit(SiteInput input)
    {
        if (_reader!.Read(input, out var error) is not { } target)
        {
            if (error is not null)
            {
                WriteInputError(error, input);
            }

            return;
        }

        if (_locations is not null)
        {
            _locations.Send(target, input.Source ?? input.Text!);
            return;
        }

        var pool = _pool!;
        while (pool.IsFull && !DeadlinePassed)
        {
            Emit(Next(pool));
        }

        if (DeadlinePassed || _networkDown is not null)
        {
            Emit(new Completed<SiteTarget, ProbeOutcome>(target, _probe!.NotRun(target, _networkDown), null));
            return;
        }

        pool.Start(target);
        while (TryTake(pool, TimeSpan.Zero, out var done))
        {
            Emit(done);
        }
    }

    /// <summary>Ends the checks in flight, here and at every location.</summary>
    private void StopChecks()
    {
        _pool?.Cancel();
        _locations?.Stop();
    }

    /// <summary>Waits for the next finished check, keeping the progress bar fresh while none finishes.</summary>
    private Completed<SiteTarget, ProbeOutcome> Next(CheckPool<SiteTarget, ProbeOutcome> pool)
    {
        Completed<SiteTarget, ProbeOutcome> done;
        FlushResults();
        while (!TryTake(pool, ProgressInterval, out done))
        {
            _progress!.WriteIfDue(this, pool.Pending);
        }

        return done;
    }

    // The target is the input as given: the object it came from, or its text; but never a text that had a secret masked.
    private void WriteInputError(InputError error, SiteInput input)
    {
        var target = error.ShownInput is { } shown && shown != input.Text ? shown : input.Target;
        WriteError(new ErrorRecord(new ArgumentException(error.Message), error.ErrorId, ErrorCategory.InvalidArgument, target));
    }

    private void Emit(Completed<SiteTarget, ProbeOutcome> done)
    {
        try
        {
            if (done.Output is { } outcome)
            {
                _progress!.Count(up: outcome.Failure == FailureKind.None, ran: outcome.Failure != FailureKind.NotRun);
                WriteMessages(outcome);
                outcome.Location ??= Location;
                var state = _state?.Apply(outcome, EntryLocation(outcome.Location), DateTimeOffset.Now);
                if (Recording)
                {
                    Record(HistoryOutcomes.Of(outcome, HistoryStatus(outcome)));
                }

                WriteOutcome(outcome, state);
            }
            else
            {
                _progress!.Count(up: false, ran: true);
                WriteError(new ErrorRecord(done.Fault, "CheckFailed", ErrorCategory.NotSpecified, done.Input.Display));
            }

            _progress.WriteIfDue(this, _pool!.Pending);
        }
        catch (PipelineStoppedException)
        {
            // Select-Object -First, or a stop: end the checks in flight now, not when the pipeline is disposed, and write
            // and let go of the state file now, for a command later in the pipeline may wait for it (Send-SiteStatusAlert -StatePath).
            StopChecks();
            SaveDomains(quiet: true);
            _state?.Dispose();
            throw;
        }
        catch (StateFileException e)
        {
            ThrowStateError(e);
        }
    }

    private void WriteMessages(ProbeOutcome outcome)
    {
        if (_verbose)
        {
            WriteVerbose(CheckMessages.Verbose(outcome));
        }

        // Built only when shown: a diagnosis's details are a dozen strings a check that WriteDebug would drop.
        if (!_debug)
        {
            return;
        }

        if (CheckMessages.Error(outcome) is { } error)
        {
            WriteDebug(error);
        }

        if (CheckMessages.Details(outcome) is { } details)
        {
            WriteDebug(details);
        }
    }

    // Whether -Verbose or -Debug (or, when not given, its preference variable) asks for that stream's messages.
    private bool IsWanted(string parameter, string preferenceVariable) =>
        MyInvocation.BoundParameters.TryGetValue(parameter, out var given)
            ? ((SwitchParameter)given).IsPresent
            : GetVariableValue(preferenceVariable) is ActionPreference preference && preference != ActionPreference.SilentlyContinue;
}
