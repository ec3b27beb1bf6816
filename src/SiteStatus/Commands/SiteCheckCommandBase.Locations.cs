using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SiteStatus.Checking;
using SiteStatus.Export;
using SiteStatus.History;
using SiteStatus.Locations;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>
/// Checks from many places: the parameters of the locations and how their verdicts combine, the <see cref="LocationRun"/>
/// they make, and what it hands back, written here on the pipeline thread.
/// </summary>
public abstract partial class SiteCheckCommandBase : ILocationOutput
{
    private LocationRun? _locations;
    private AnswerBatch? _answers;

    /// <summary>
    /// <para type="description">Writes the results that are ready at once as one batch, instead of one by one: what -Session asks of each location, so that results cross a session in few messages. Test-SiteStatus writes a batch as one packed text that the caller turns back into results; Get-SiteStatusReport as an array of reports. A batch is never held back waiting for more.</para>
    /// </summary>
    [Parameter(DontShow = true)]
    [NotSentToLocations]
    public SwitchParameter ResultBatch { get; set; }

    /// <summary>
    /// <para type="description">PowerShell sessions (New-PSSession over SSH or WinRM) to check from: every URL is checked from every session, each one location, with all the other parameters applied there. A session without this exact SiteStatus version gets a copy of it, in the remote user's temporary folder, for the run. Results carry their Location. A session that fails is an error, LocationUnavailable, and its checks come back NotRun.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [NotSentToLocations]
    public PSSession[]? Session { get; set; }

    /// <summary>
    /// <para type="description">With -Session: checks from this machine too, as one more location named after it.</para>
    /// </summary>
    [Parameter]
    [NotSentToLocations]
    public SwitchParameter IncludeLocal { get; set; }

    /// <summary>
    /// <para type="description">With -Session: one SiteQuorumResult per URL instead of one result per location. It is Down when at least this many locations saw the site down, Up when none did, and Partial when some did but fewer. Locations that could not check are not counted, and the Reason says so.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    [NotSentToLocations]
    public int? Quorum { get; set; }

    /// <summary>
    /// <para type="description">With -Session: each URL is checked once, by one location, instead of from every location: the URLs of a host all go to the same one (by a stable hash of the host), so -ThrottleLimitPerHost holds across the fleet, and -ThrottleLimit applies to each. When a location fails, what it had not answered goes to the others.</para>
    /// </summary>
    [Parameter]
    [NotSentToLocations]
    public SwitchParameter Spread { get; set; }

    /// <summary>
    /// <para type="description">The name results carry as their Location, such as the region of the machine that runs the checks; with -Session, each session's name. Default: none.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [NotSentToLocations]
    public string? Location { get; set; }

    /// <inheritdoc/>
    void ILocationOutput.Checked(ProbeOutcome outcome) => Emit(new Completed<SiteTarget, ProbeOutcome>(outcome.Target, outcome, null));

    /// <inheritdoc/>
    void ILocationOutput.NotChecked(SiteTarget target, string location, string reason)
    {
        var outcome = _probe!.NotRun(target, reason);
        outcome.Location = location;
        Emit(new Completed<SiteTarget, ProbeOutcome>(target, outcome, null));
    }

    /// <inheritdoc/>
    void ILocationOutput.Result(PSObject result, ProbeRecord record) => WriteFromLocations(() =>
    {
        var state = _state is null ? null : Track(result, record);

        // The state may have found it in a one-off maintenance, and said so on the result.
        if (Recording)
        {
            Record(HistoryOutcomes.Of(record, record.Maintenance || result.Properties[nameof(SiteStatusResult.Maintenance)]?.Value is true, DateTimeOffset.Now));
        }

        WriteRemoteResult(result, state);
    });

    /// <inheritdoc/>
    void ILocationOutput.Quorum(SiteTarget target, IReadOnlyList<LocationStatus> votes) => WriteFromLocations(() =>
    {
        var quorum = Quorum!.Value;
        var checkedAt = SiteQuorumResult.CheckedAt(votes) ?? DateTimeOffset.Now;
        var maintenance = target.Policy.InMaintenance(checkedAt) || _state?.InMaintenance(target.Display, checkedAt) == true;
        var state = _state?.Apply(target.Display, null, SiteQuorumResult.Weighed(quorum, votes), maintenance, checkedAt, DateTimeOffset.Now);
        var result = new SiteQuorumResult(target.Display, quorum, votes, maintenance, state);
        if (Recording)
        {
            Record(HistoryOutcomes.OfQuorum(result, votes, checkedAt));
        }

        WriteRemoteResult(PSObject.AsPSObject(WithStateView(result)), state);
    });

    /// <inheritdoc/>
    void ILocationOutput.Error(ErrorRecord error) => WriteError(error);

    /// <inheritdoc/>
    void ILocationOutput.Verbose(string message) => WriteVerbose(message);

    /// <summary>Writes a result that came back from a location ready as it is; Test-SiteStatus -Quiet writes it as $true or $false.</summary>
    /// <param name="result">A location's report, or the verdict of a quorum.</param>
    /// <param name="state">With -StatePath, where its site stands.</param>
    private protected virtual void WriteRemoteResult(PSObject result, StateChange? state) => WriteObject(result);

    // A stop (Select-Object -First) while writing what the locations sent ends the checks at every location now.
    private void WriteFromLocations(Action write)
    {
        try
        {
            write();
        }
        catch (PipelineStoppedException)
        {
            StopChecks();
            _state?.Dispose();
            throw;
        }
        catch (StateFileException e)
        {
            ThrowStateError(e);
        }
    }

    /// <summary>Writes a result, or with -ResultBatch keeps it for the next <see cref="FlushResults"/>.</summary>
    private protected void WriteResult(object result)
    {
        if (_answers is not null)
        {
            _answers.AddResult(result);
        }
        else
        {
            WriteObject(result);
        }
    }

    /// <summary>With -ResultBatch (this command runs at a location), what waits to go back as one message; null without it.</summary>
    private protected AnswerBatch? Answers => _answers;

    /// <summary>Writes the results kept, each batch as one object: called whenever this command is about to wait, and at the end.</summary>
    private void FlushResults()
    {
        foreach (var batch in _answers?.Take() ?? [])
        {
            WriteObject(batch, enumerateCollection: false);
        }
    }

    /// <summary>With -Session, starts every location: the checks then run there, not in this command's own pool.</summary>
    private void OpenLocations()
    {
        _answers = ResultBatch ? new AnswerBatch() : null;
        if (Session is null)
        {
            if (Quorum is not null || IncludeLocal || Spread)
            {
                ThrowParameterError("SessionRequired", "-Quorum, -Spread and -IncludeLocal combine the checks of several locations: give -Session.", null);
            }

            return;
        }

        // A client certificate's private key cannot cross a session.
        if (Certificate is not null)
        {
            ThrowParameterError("NotWithSession", "-Certificate cannot be used with -Session.", null);
        }

        if (Quorum is not null && MyInvocation.BoundParameters.ContainsKey("Summary"))
        {
            ThrowParameterError("SummaryWithQuorum", "-Summary sums up each location's reports; -Quorum merges them into one verdict per URL: choose one.", null);
        }

        if (Spread && Quorum is not null)
        {
            ThrowParameterError("SpreadWithQuorum", "-Spread checks each URL from one location; -Quorum needs every location's view: choose one.", null);
        }

        var count = Session.Length + (IncludeLocal ? 1 : 0);
        if (Quorum > count)
        {
            ThrowParameterError("QuorumTooLarge", $"-Quorum {Quorum} is more than the {count} locations given.", null);
        }

        var locations = new List<Location>();
        foreach (var session in Session)
        {
            locations.Add(new SessionLocation(session));
        }

        // A location is its name in every result and state entry, and a session runs one pipeline at a time: each once.
        if (locations.GroupBy(l => l.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            ThrowParameterError("DuplicateLocation", $"-Session names the location {twice.Key} {twice.Count()} times: give each session once, and sessions of different places different names (New-PSSession -Name).", twice.Key);
        }

        if (IncludeLocal)
        {
            locations.Add(new LocalLocation());
        }

        var parameters = LocationParameters.Sent(GetType(), MyInvocation.BoundParameters);
        _locations = new LocationRun(locations, new LocationRunSettings(MyInvocation.MyCommand.Name, parameters, Quorum, Spread, ThrottleLimit), this);
        _locations.Start();
    }
}
