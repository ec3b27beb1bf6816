using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SiteStatus.Checking;

namespace SiteStatus.Commands;

/// <summary>Checks from many places: the sessions to check through, and how their verdicts combine.</summary>
public abstract partial class SiteCheckCommandBase
{
    private readonly System.Collections.Generic.List<object> _resultBatch = [];
    private readonly System.Collections.Generic.List<(SiteStatusResult, bool)> _packedBatch = [];
    private FleetRun? _fleet;

    /// <summary>
    /// <para type="description">Writes the results that are ready at once as one batch, instead of one by one: what -Session asks of each location, so that results cross a session in few messages. Test-SiteStatus writes a batch as one packed text that the caller turns back into results; Get-SiteStatusReport as an array of reports. A batch is never held back waiting for more.</para>
    /// </summary>
    [Parameter(DontShow = true)]
    public SwitchParameter ResultBatch { get; set; }

    /// <summary>
    /// <para type="description">PowerShell sessions (New-PSSession over SSH or WinRM) to check from: every URL is checked from every session, each one location, with all the other parameters applied there. A session without this exact SiteStatus version gets a copy of it, in the remote user's temporary folder, for the run. Results carry their Location. A session that fails is an error, LocationUnavailable, and its checks come back NotRun.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public PSSession[]? Session { get; set; }

    /// <summary>
    /// <para type="description">With -Session: checks from this machine too, as one more location named after it.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter IncludeLocal { get; set; }

    /// <summary>
    /// <para type="description">With -Session: one SiteQuorumResult per URL instead of one result per location. It is Down when at least this many locations saw the site down, Up when none did, and Partial when some did but fewer. Locations that could not check are not counted, and the Reason says so.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int? Quorum { get; set; }

    /// <summary>
    /// <para type="description">With -Session: each URL is checked once, by one location, instead of from every location: the URLs of a host all go to the same one (by a stable hash of the host), so -ThrottleLimitPerHost holds across the fleet, and -ThrottleLimit applies to each. When a location fails, what it had not answered goes to the others.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Spread { get; set; }

    /// <summary>
    /// <para type="description">The name results carry as their Location, such as the region of the machine that runs the checks; with -Session, each session's name. Default: none.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Location { get; set; }

    /// <summary>Writes a result that came back from a location; Test-SiteStatus -Quiet writes it as $true or $false.</summary>
    internal void WriteFleetResult(PSObject result)
    {
        try
        {
            WriteRemoteResult(result);
        }
        catch (PipelineStoppedException)
        {
            _fleet?.Stop();
            throw;
        }
    }

    /// <summary>Writes a check a location could not make, as NotRun with its Location.</summary>
    internal void WriteFleetNotRun(SiteTarget target, string location, string reason)
    {
        var outcome = _probe!.NotRun(target, reason);
        outcome.Location = location;
        WriteFleetOutcome(outcome);
    }

    /// <summary>Writes a check a location made, rebuilt from a packed batch: as a check of this command would be.</summary>
    internal void WriteFleetOutcome(ProbeOutcome outcome) => Emit(new Completed<SiteTarget, ProbeOutcome>(outcome.Target, outcome, null));

    private protected virtual void WriteRemoteResult(PSObject result) => WriteObject(result);

    /// <summary>Writes a result, or with -ResultBatch keeps it for the next <see cref="FlushResults"/>.</summary>
    private protected void WriteResult(object result)
    {
        if (ResultBatch)
        {
            _resultBatch.Add(result);
        }
        else
        {
            WriteObject(result);
        }
    }

    /// <summary>With -ResultBatch, keeps a check for the next packed batch (<see cref="PackedOutcomes"/>).</summary>
    private protected void WritePacked(ProbeOutcome outcome) => _packedBatch.Add((new SiteStatusResult(outcome, null), outcome.CutByRunDeadline));

    /// <summary>Writes the results kept, as one array or one packed text: called whenever this command is about to wait, and at the end.</summary>
    private void FlushResults()
    {
        if (_packedBatch.Count > 0)
        {
            WriteObject(PackedOutcomes.Pack(_packedBatch));
            _packedBatch.Clear();
        }

        if (_resultBatch.Count > 0)
        {
            WriteObject(_resultBatch.ToArray(), enumerateCollection: false);
            _resultBatch.Clear();
        }
    }

    /// <summary>With -Session, starts every location; the checks then run there, not in this command's own pool.</summary>
    private void OpenFleet()
    {
        if (Session is null)
        {
            if (Quorum is not null || IncludeLocal || Spread)
            {
                ThrowParameterError("SessionRequired", "-Quorum, -Spread and -IncludeLocal combine the checks of several locations: give -Session.", null);
            }

            return;
        }

        // A client certificate's private key cannot cross a session; the state file keeps one verdict per URL, which
        // locations would contend for.
        foreach (var (name, present) in new[] { ("Certificate", Certificate is not null), ("StatePath", StatePath is not null) })
        {
            if (present)
            {
                ThrowParameterError("NotWithSession", $"-{name} cannot be used with -Session.", null);
            }
        }

        if (Quorum is not null && MyInvocation.BoundParameters.ContainsKey("Summary"))
        {
            ThrowParameterError("SummaryWithQuorum", "-Summary sums up each location's reports; -Quorum merges them into one verdict per URL: choose one.", null);
        }

        if (Spread && Quorum is not null)
        {
            ThrowParameterError("SpreadWithQuorum", "-Spread checks each URL from one location; -Quorum needs every location's view: choose one.", null);
        }

        var locations = Session.Length + (IncludeLocal ? 1 : 0);
        if (Quorum > locations)
        {
            ThrowParameterError("QuorumTooLarge", $"-Quorum {Quorum} is more than the {locations} locations given.", null);
        }

        _fleet = new FleetRun(this, Session, IncludeLocal, Quorum, Spread, ThrottleLimit);
    }
}
