using System;
using System.IO;
using System.Management.Automation;
using System.Text.RegularExpressions;
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
    // What results never write: user information (masked), and the scheme's own port.
    private static readonly Regex UserInfo = new("://[^/@?#]*@", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex DefaultPort = new(@"^(?<scheme>https)://(?<host>[^/:]*|\[[^\]]*\]):443(?=[/?#]|$)|^(?<scheme>http)://(?<host>[^/:]*|\[[^\]]*\]):80(?=[/?#]|$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// <para type="description">The state file of the checking commands (their -StatePath): the one-off maintenance lives in it, so only runs with that file see it. Start-SiteStatusMaintenance creates it when missing.</para>
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

    /// <summary>
    /// A URL as the results write it (a bare host is https, the root has its slash, a password is masked), so that it
    /// matches them; a pattern with * or ? as the results' Uri would be written: starting with http://, https:// or *,
    /// its user information masked and a default port left out. Null, with an error written, when it can never match.
    /// </summary>
    private protected string? AsWritten(string uri)
    {
        var text = uri.Trim();
        if (text.IndexOfAny(['*', '?']) < 0)
        {
            if (SiteTarget.Parse(text, allowCredential: true, out var error) is { } target)
            {
                return target.Display;
            }

            WriteError(new ErrorRecord(new ArgumentException(error!.Message), error.ErrorId, ErrorCategory.InvalidArgument, error.ShownInput));
            return null;
        }

        var pattern = DefaultPort.Replace(UserInfo.Replace(text, "://***@"), "${scheme}://${host}");
        if (pattern[0] == '*' || pattern.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || pattern.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return pattern;
        }

        WriteError(new ErrorRecord(
            new ArgumentException($"'{UserInfo.Replace(text, "://***@")}' can never match: a pattern is matched against the results' Uri, which begin with http:// or https://. Begin it with one of them (https://example.com/*), or with * (*.example.com/*)."),
            "InvalidMaintenancePattern",
            ErrorCategory.InvalidArgument,
            UserInfo.Replace(text, "://***@")));
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
            ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, e.ErrorId == StateFileException.Locked ? ErrorCategory.ResourceBusy : ErrorCategory.InvalidData, path));
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
