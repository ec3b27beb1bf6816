using System;
using System.Management.Automation;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>
/// Scheduled runs: the parameters of the state between them and of the connectivity canary, and how the run turns them
/// into its <see cref="RunState"/> and <see cref="Canary"/>, or into the errors they are.
/// </summary>
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

    /// <summary>The state file of the run (-StatePath), or null; a file that cannot be used is a terminating error naming it.</summary>
    private RunState? OpenState()
    {
        if (StatePath is null)
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(FailureThreshold)) || MyInvocation.BoundParameters.ContainsKey(nameof(SuccessThreshold)) || ReminderIntervalMin is not null)
            {
                ThrowParameterError("StatePathRequired", "-FailureThreshold, -SuccessThreshold and -ReminderIntervalMin count runs: give -StatePath, the file that remembers them.", null);
            }

            return null;
        }

        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath);
        try
        {
            return RunState.Open(path, FailureThreshold, SuccessThreshold, ReminderIntervalMin is { } minutes ? TimeSpan.FromMinutes(minutes) : null, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        catch (StateFileException e)
        {
            var category = e.ErrorId == StateFileException.Locked ? ErrorCategory.ResourceBusy : ErrorCategory.InvalidData;
            ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, category, path));
            return null;
        }
    }

    /// <summary>Writes the state at the end of the run and lets the file go; a file that cannot be written is a terminating error naming it.</summary>
    private void CloseState()
    {
        try
        {
            _state?.Close(DateTimeOffset.Now);
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(e, "StateNotSaved", ErrorCategory.WriteError, StatePath));
        }
    }

    /// <summary>With -CanaryUri, checks the canaries through the pool (<see cref="Canary"/>); null when one is up, else the reason every input will carry as NotRun.</summary>
    private string? CheckCanaries()
    {
        if (CanaryUri is not { Length: > 0 } uris)
        {
            return null;
        }

        if (Canary.Parse(uris, _policy!, out var invalid, out var error) is not { } canary)
        {
            ThrowParameterError("InvalidCanaryUri", $"-CanaryUri: {error!.Message}", invalid);
            return null;
        }

        var pool = _pool!;
        return canary.Check(pool, () => Next(pool), _verbose ? WriteVerbose : null);
    }
}
