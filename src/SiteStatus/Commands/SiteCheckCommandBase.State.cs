using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using SiteStatus.Checking;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>Scheduled runs: the state between them (-StatePath and its thresholds) and the connectivity canary.</summary>
public abstract partial class SiteCheckCommandBase
{
    // PowerShell's convention for a view of a type in a particular shape (as in System.Diagnostics.Process#IncludeUserName).
    private const string StateViewSuffix = "#State";

    /// <summary>
    /// <para type="description">A state file kept between runs (JSON; created when missing, with its folder). With it each result says its PreviousStatus, ConfirmedStatus, whether it Changed, Since, ConsecutiveFailures, ConsecutiveSuccesses and Reminder, so a scheduled script alerts once on a change: ... | Where-Object { $_.Changed -or $_.Reminder }. Two runs on one file never interleave: the second waits up to 10 s, then fails with StateLocked. See about_SiteStatus for the format.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatePath { get; set; }

    /// <summary>
    /// <para type="description">With -StatePath: failed runs in a row before a site's ConfirmedStatus becomes Down. Default 1.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int FailureThreshold { get; set; } = 1;

    /// <summary>
    /// <para type="description">With -StatePath: successful runs in a row before a Down site's ConfirmedStatus is Up again. Default 1.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int SuccessThreshold { get; set; } = 1;

    /// <summary>
    /// <para type="description">With -StatePath: a site still Down gets Reminder $true when this many minutes have passed since its last alert. Default: no reminders.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 525_600)]
    public int? ReminderIntervalMin { get; set; }

    /// <summary>
    /// <para type="description">URLs checked first, to tell an outage of the sites from an outage of this machine's network. When none of them is up, every input comes back NotRun with a reason that says so, and the state file is left untouched.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? CanaryUri { get; set; }

    /// <summary>
    /// The result as written: with -StatePath, under a type name of its own first (SiteStatus.SiteStatusResult#State,
    /// SiteStatus.SiteStatusReport#State), whose table view adds the confirmed status and the alert. It travels with the
    /// object through jobs and remoting, where the Deserialized forms get the same view.
    /// </summary>
    private protected static object WithStateView(SiteStatusResult result)
    {
        if (result.State is null)
        {
            return result;
        }

        var shown = PSObject.AsPSObject(result);
        shown.TypeNames.Insert(0, shown.TypeNames[0] + StateViewSuffix);
        return shown;
    }

    private void OpenState()
    {
        if (StatePath is null)
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(FailureThreshold)) || MyInvocation.BoundParameters.ContainsKey(nameof(SuccessThreshold)) || ReminderIntervalMin is not null)
            {
                ThrowParameterError("StatePathRequired", "-FailureThreshold, -SuccessThreshold and -ReminderIntervalMin count runs: give -StatePath, the file that remembers them.", null);
            }

            return;
        }

        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath);
        try
        {
            _state = StateStore.Open(path, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        catch (StateFileException e)
        {
            var category = e.ErrorId == StateFileException.Locked ? ErrorCategory.ResourceBusy : ErrorCategory.InvalidData;
            ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, category, path));
        }

        _tracker = new StateTracker(_state!.Sites, FailureThreshold, SuccessThreshold, ReminderIntervalMin is { } minutes ? TimeSpan.FromMinutes(minutes) : null, _state.DeliveryTracked);
    }

    /// <summary>Writes the state once, at the end or when a stopped run is disposed; never when the canary said the network is down.</summary>
    private void SaveState()
    {
        if (_state is null || _stateSaved || _networkDown is not null)
        {
            return;
        }

        _stateSaved = true;
        _state.Save(DateTimeOffset.Now);
    }

    /// <summary>
    /// Writes the state at the end of the run and lets the file go, so that a command later in the same pipeline
    /// (Send-SiteStatusAlert -StatePath) can take it; a file that cannot be written is a terminating error naming it.
    /// </summary>
    private void SaveStateAtEnd()
    {
        try
        {
            SaveState();
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(e, "StateNotSaved", ErrorCategory.WriteError, StatePath));
        }
        finally
        {
            _state?.Dispose();
        }
    }

    /// <summary>Checks the canaries, at once; null when one is up, else the reason every input will carry as NotRun.</summary>
    private string? CheckCanaries(string[] canaries)
    {
        var pool = _pool!;
        var targets = new List<SiteTarget>();
        foreach (var canary in canaries)
        {
            if (SiteTarget.Parse(canary, allowCredential: false, out var error, _policy) is not { } target)
            {
                ThrowParameterError("InvalidCanaryUri", $"-CanaryUri: {error!.Message}", canary);
                return null;
            }

            targets.Add(target);
        }

        // Every canary comes back before the run goes on, so none is left in the pool to be taken for a result.
        var failures = new List<string>();
        var up = false;
        var pending = 0;
        foreach (var target in targets)
        {
            while (pool.IsFull)
            {
                pending--;
                up |= Canary(Next(pool), failures);
            }

            pool.Start(target);
            pending++;
        }

        for (; pending > 0; pending--)
        {
            up |= Canary(Next(pool), failures);
        }

        if (up)
        {
            return null;
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            "Not checked: no canary (-CanaryUri) was up, so this machine's own network looks down ({0}).",
            string.Join("; ", failures));
    }

    // Whether a canary is up; why not, when it is not.
    private bool Canary(Completed<SiteTarget, ProbeOutcome> done, List<string> failures)
    {
        var outcome = done.Output;
        if (_verbose)
        {
            WriteVerbose($"Canary {done.Input.Display}: {outcome?.Failure.ToString() ?? "failed"}: {outcome?.Reason ?? done.Fault?.Message}");
        }

        if (outcome?.Failure == FailureKind.None)
        {
            return true;
        }

        // Its reason ends a sentence of its own; here it sits inside the NotRun reason's parentheses.
        failures.Add($"{done.Input.Display}: {(outcome?.Reason ?? done.Fault?.Message)?.TrimEnd('.')}");
        return false;
    }
}
