using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using SiteStatus.Checking;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>
/// What the one-off maintenance commands share: the state file that keeps the periods (the checking commands' own
/// -StatePath, so a run with it sees them), and how a URL or pattern given is written as the results' Uri is.
/// </summary>
public abstract class MaintenanceCommandBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// <para type="description">The state file of the checking commands (their -StatePath): the one-off maintenance lives in it, so only runs with that file see it. Start-SiteStatusMaintenance creates it when missing: in SQLite for a path ending in .db, .sqlite or .sqlite3, else in JSON.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? StatePath { get; set; }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>The URL or pattern as the results' Uri would be written (<see cref="UriPattern.AsWritten"/>); null, with its error written, when it can never match one.</summary>
    private protected string? AsWritten(string uri)
    {
        if (UriPattern.AsWritten(uri, out var problem) is { } written)
        {
            return written;
        }

        WriteError(new ErrorRecord(new ArgumentException(problem!.Message), problem.ErrorId, ErrorCategory.InvalidArgument, problem.ShownInput));
        return null;
    }

    /// <summary>The full path of -StatePath.</summary>
    private protected string FullStatePath => SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath!);

    /// <summary>Opens the state file, lets <paramref name="use"/> read or change it, and writes it back when asked; a file that cannot be used is a terminating error naming it.</summary>
    private protected void WithState(Func<StateStore, bool> use)
    {
        var path = FullStatePath;
        try
        {
            using var state = StateStore.Open(path, _stopping.Token);
            if (use(state))
            {
                state.Save(DateTimeOffset.Now);
            }
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        catch (StateFileException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, StateErrors.Category(e), path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(e, "StateNotSaved", ErrorCategory.WriteError, path));
        }
    }

    /// <summary>The period as the commands write it.</summary>
    private protected SiteMaintenance Show(MaintenancePeriod period, DateTimeOffset now) =>
        new(period.Pattern, period.Start, period.End, period.Reason, FullStatePath, now);
}
