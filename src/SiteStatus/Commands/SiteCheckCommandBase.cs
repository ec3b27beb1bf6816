using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using SiteStatus.Checking;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>
/// What both cmdlets share: the URL input and the check parameters, the pool's lifetime, and writing results on the pipeline thread only.
/// Workers never write: results wait in the pool (or, with -Session, in the locations' queue) until ProcessRecord or EndProcessing takes them.
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
    private Partition? _partition;
    private CheckPool<SiteTarget, ProbeOutcome>? _pool;
    private CancellationTokenSource? _runDeadline;
    private RunProgress? _progress;
    private bool _verbose;

    /// <summary>Whether checks collect timings, the certificate and the redirect chain.</summary>
    private protected virtual bool Diagnose => false;

    private bool DeadlinePassed => _runDeadline?.IsCancellationRequested == true;

    /// <inheritdoc/>
    public void Dispose()
    {
        // A stopped run keeps what it finished: the entries of the checks written so far. Nothing can report a failure
        // to save here, after the pipeline has ended; the file then stays as the last run that finished left it.
        try
        {
            SaveState();
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
        }

        _state?.Dispose();
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
        _partition = Partition is { } part ? Checking.Partition.Parse(part) : null;
        _runDeadline = TotalTimeoutSec is { } total ? new CancellationTokenSource(TimeSpan.FromSeconds(total)) : null;
        var probe = new SiteProbe(options, _runDeadline?.Token ?? CancellationToken.None);
        _probe = probe;
        _pool = new CheckPool<SiteTarget, ProbeOutcome>(ThrottleLimit, probe.CheckAsync);

        // URLs given as an argument are all known now, so progress can show a percentage; from the pipeline, a count.
        var count = ParameterSetName == UriSet && Partition is null ? (Uri ?? [null]).Count(u => u is null || !SiteTarget.IsIgnorable(u)) : (int?)null;
        _progress = new RunProgress(MyInvocation.MyCommand.Name, count);
        _verbose = MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose)
            ? ((SwitchParameter)verbose).IsPresent
            : GetVariableValue("VerbosePreference") is ActionPreference preference && preference != ActionPreference.SilentlyContinue;
        OpenLocations();
        _state = OpenState();

        // With sessions the canary goes with the checks: each location tells its own network's trouble.
        _networkDown = _locations is null ? CheckCanaries() : null;
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

    /// <summary>Starts the check of one input, or writes its error; waits for a free slot first, writing what finishes meanwhile.</summary>
    private void Submit(SiteInput input)
    {
        if (input.Text is not { } text)
        {
            if (Owned(string.Empty))
            {
                WriteInputError(MissingUrl(input), input);
            }

            return;
        }

        if (SiteTarget.IsIgnorable(text))
        {
            // A blank line or # comment in a list says nothing; an object whose URL is blank is a mistake in that object.
            if (input.Source is not null && text.Trim().Length == 0 && Owned(string.Empty))
            {
                WriteInputError(new InputError(InputError.InvalidUri, $"The {input.Property} of this object is empty.", null), input);
            }

            return;
        }

        // The URL is read once: its host decides the part (-Partition) before the row's own settings are read.
        var parsed = SiteTarget.Parse(text, AllowCredentialInUri, out var error, _policy);
        if (!Owned(parsed?.RequestUri.IdnHost ?? text.Trim()))
        {
            return;
        }

        InputError? settingError = null;
        var policy = input.Source is null ? _policy! : SiteSettings.Read(input.Source, _policy!, out settingError);
        if (policy is null || parsed is null)
        {
            WriteInputError(settingError ?? error!, input);
            return;
        }

        var target = parsed.With(policy);
        if (_locations is not null)
        {
            _locations.Send(target, input.Source ?? text);
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

    // With -Partition, whether this part checks (or reports) an input: by the host of a URL, so all of a host's URLs fall
    // in one part; else by the input itself, so that one part, always the same, reports it.
    private bool Owned(string key) => _partition?.Owns(key) != false;

    private static InputError MissingUrl(SiteInput input) => new(InputError.InvalidUri, input.Source switch
    {
        null => "The URL is null.",
        IDictionary => "The hashtable has no Uri, Url or Address key.",
        var source => $"'{SiteTarget.Quote(LanguagePrimitives.ConvertTo<string>(source))}' is an object with no Uri, Url or Address property, not a URL.",
    }, null);

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
        SaveStateAtEnd();
    }

    /// <inheritdoc/>
    protected override void StopProcessing()
    {
        _stopping.Cancel();
        StopChecks();
    }

    /// <summary>Ends the checks in flight, here and at every location.</summary>
    private void StopChecks()
    {
        _pool?.Cancel();
        _locations?.Stop();
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
                WriteOutcome(outcome, _state?.Apply(outcome, DateTimeOffset.Now));
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
            // Select-Object -First, or a stop: end the checks in flight now, not when the pipeline is disposed.
            StopChecks();
            throw;
        }
    }

    private void WriteMessages(ProbeOutcome outcome)
    {
        if (_verbose)
        {
            var verdict = outcome.Failure == FailureKind.None ? "up" : $"{outcome.Failure}";
            var code = outcome.StatusCode is { } status ? $" {status}" : string.Empty;
            var attempts = outcome.Attempts == 1 ? "1 attempt" : $"{outcome.Attempts} attempts";
            WriteVerbose(string.Format(
                CultureInfo.InvariantCulture,
                "{0}: {1}{2} in {3:0} ms ({4} {5}): {6}",
                outcome.Target.Display,
                verdict,
                code,
                outcome.Elapsed.TotalMilliseconds,
                outcome.Method ?? "not checked",
                attempts,
                outcome.Reason));
        }

        if (outcome.Error is { } error)
        {
            WriteDebug($"{outcome.Target.Display}: {error.GetType().Name}: {error.Message}{(error.InnerException is { } inner ? $" <- {inner.GetType().Name}: {inner.Message}" : string.Empty)}");
        }

        if (outcome.Details is { } details)
        {
            WriteDebug($"{outcome.Target.Display}: {details.Timing}; remote address {details.RemoteAddress ?? "unknown"}; {string.Join(" -> ", details.Redirects)}");
        }
    }
}
