using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SiteStatus.Checking;

namespace SiteStatus.Commands;

/// <summary>
/// Checks from many places at once: every URL from every location (PowerShell sessions the user opened, and this
/// machine with -IncludeLocal), each running this module's own cmdlet. Inputs are sent as they come, at most a bounded
/// number in flight per location, so memory stays flat; results are written on the pipeline thread as they come back,
/// each with its Location, or merged per URL into one verdict with -Quorum. A location that fails is an error of its
/// own (LocationUnavailable), and its unanswered checks come back NotRun. The only place that knows about sessions.
/// </summary>
internal sealed class FleetRun : IDisposable
{
    // Parameters that belong to the coordinator, not to the checks on the far side.
    private static readonly HashSet<string> KeptHere = new(StringComparer.OrdinalIgnoreCase)
    {
        "Uri", "InputObject", "Session", "IncludeLocal", "Quorum", "Spread", "Partition", "Quiet", "Location", "Summary", "ResultBatch",
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
        "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
    };

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly SiteCheckCommandBase _command;
    private readonly List<CheckLocation> _locations = [];
    private readonly BlockingCollection<LocationArrival> _arrivals = new();
    private readonly int _inFlightPerLocation;
    private readonly int? _quorum;
    private readonly Dictionary<long, List<LocationStatus>> _votes = [];

    // Locations the user asked for that could not start (or stopped): every input is NotRun there, with why.
    private readonly Dictionary<string, string> _unavailable = [];
    private readonly int _total;
    private readonly bool _spread;
    private long _nextId;

    public FleetRun(SiteCheckCommandBase command, IReadOnlyList<PSSession> sessions, bool includeLocal, int? quorum, bool spread, int throttleLimit)
    {
        _command = command;
        _quorum = quorum;
        _spread = spread;
        _total = sessions.Count + (includeLocal ? 1 : 0);

        // Enough waiting on each location to keep its own pool full, and no more: input is read as results come.
        _inFlightPerLocation = Math.Max(throttleLimit * 2, 16);
        var name = command.MyInvocation.MyCommand.Name;
        var parameters = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var bound in command.MyInvocation.BoundParameters.Where(b => !KeptHere.Contains(b.Key)))
        {
            parameters[bound.Key] = bound.Value;
        }

        foreach (var session in sessions)
        {
            var location = LocationName(session);
            if (Prepare(session, location) is { } problem)
            {
                Unavailable(location, problem, session);
                _unavailable[location] = problem;
                continue;
            }

            _locations.Add(new CheckLocation(location, session.Runspace, ownsRunspace: false, name, With(parameters, location), throttleLimit, _arrivals));
        }

        if (includeLocal)
        {
            var local = RunspaceFactory.CreateRunspace(LocalState());
            local.Open();
            _locations.Add(new CheckLocation(Environment.MachineName, local, ownsRunspace: true, name, With(parameters, Environment.MachineName), throttleLimit, _arrivals));
        }
    }

    /// <summary>The location a session stands for: the name the user gave it, else its computer name.</summary>
    public static string LocationName(PSSession session) =>
        session.Name is { Length: > 0 } named && !System.Text.RegularExpressions.Regex.IsMatch(named, @"^(Runspace|Session|WinRM|SSH)\d+$") ? named : session.ComputerName;

    /// <summary>
    /// Sends one input to every location that works (with -Spread, to the one its host belongs to), waiting and writing
    /// what comes back while a location it goes to is full.
    /// </summary>
    public void Send(SiteTarget target, object input)
    {
        if (_spread)
        {
            Dispatch(_nextId++, target, input);
            return;
        }

        while (_locations.Any(l => !l.Ended && l.InFlight >= _inFlightPerLocation))
        {
            Take(Poll);
        }

        var id = _nextId++;
        if (_quorum is not null)
        {
            _votes[id] = [];
        }

        foreach (var location in _locations.Where(l => !l.Ended))
        {
            location.Send(id, target, input);
        }

        foreach (var unavailable in _unavailable)
        {
            Settle(id, target, unavailable.Key, $"Not checked from {unavailable.Key}: the location is unavailable ({unavailable.Value})");
        }

        while (_arrivals.TryTake(out var arrival))
        {
            Handle(arrival);
        }
    }

    /// <summary>No more input: waits until every location has answered everything, writing as results come.</summary>
    public void Finish()
    {
        foreach (var location in _locations.Where(l => !l.Ended))
        {
            location.Complete();
        }

        while (_locations.Any(l => !l.Ended))
        {
            Take(Poll);
        }
    }

    /// <summary>Stops every location's pipeline: nothing keeps checking on any host.</summary>
    public void Stop()
    {
        foreach (var location in _locations)
        {
            location.Stop();
        }
    }

    public void Dispose()
    {
        foreach (var location in _locations)
        {
            location.Dispose();
        }

        _arrivals.Dispose();
    }

    private static Hashtable With(Hashtable parameters, string location)
    {
        var own = (Hashtable)parameters.Clone();
        own["Location"] = location;
        own["ResultBatch"] = true;
        return own;
    }

    private static InitialSessionState LocalState()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule([typeof(FleetRun).Assembly.Location]);
        return state;
    }

    /// <summary>This module's folder: the manifest two folders above the running build (bin/&lt;framework&gt;).</summary>
    private static string? ModuleFolder()
    {
        var folder = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(FleetRun).Assembly.Location)));
        return folder is not null && File.Exists(Path.Combine(folder, "SiteStatus.psd1")) ? folder : null;
    }

    /// <summary>
    /// With -Spread: one location checks the input, chosen by the stable hash of its host among the locations that work,
    /// so all of a host's URLs go to one place and -ThrottleLimitPerHost holds across the fleet.
    /// </summary>
    private void Dispatch(long id, SiteTarget target, object input)
    {
        while (true)
        {
            var live = _locations.Where(l => !l.Ended).ToList();
            if (live.Count == 0)
            {
                _command.WriteFleetNotRun(target, "none", "Not checked: no location is available.");
                return;
            }

            var chosen = live[Checking.Partition.Of(target.RequestUri.IdnHost, live.Count)];
            if (chosen.InFlight < _inFlightPerLocation)
            {
                chosen.Send(id, target, input);
                return;
            }

            Take(Poll);
        }
    }

    private void Take(TimeSpan wait)
    {
        // Nothing is held back while this thread waits.
        foreach (var location in _locations)
        {
            location.Flush();
        }

        if (_arrivals.TryTake(out var arrival, wait))
        {
            Handle(arrival);
        }
    }

    private void Handle(LocationArrival arrival)
    {
        var location = arrival.Location;
        if (arrival.Ended)
        {
            // A pipeline that ends with checks unanswered failed, whatever state it reports.
            var unanswered = location.End();
            var failure = arrival.Failure ?? (unanswered.Count > 0 ? "its pipeline ended before answering every check." : null);
            if (failure is not null)
            {
                Unavailable(location.Name, failure, null);
                _unavailable[location.Name] = failure;
            }

            foreach (var (id, target, input) in unanswered)
            {
                if (_spread)
                {
                    // Another location checks what this one left: every input still comes back exactly once.
                    Dispatch(id, target, input);
                }
                else
                {
                    Settle(id, target, location.Name, $"Not checked from {location.Name}: the location became unavailable ({failure})");
                }
            }

            return;
        }

        if (arrival.Error is { } error)
        {
            var target = error.TargetObject?.ToString();
            if (location.Answered(target) is { } answered)
            {
                Settle(answered.Id, answered.Target, location.Name, $"Not checked from {location.Name}: {error.Exception.Message}");
            }
            else
            {
                _command.WriteError(new ErrorRecord(error.Exception, error.FullyQualifiedErrorId, error.CategoryInfo.Category, error.TargetObject));
            }

            return;
        }

        if (arrival.Packed is { } packed)
        {
            foreach (var check in packed)
            {
                if (location.Answered(check.Uri) is { } answered)
                {
                    var outcome = check.For(answered.Target, location.Name);
                    if (_quorum is null)
                    {
                        _command.WriteFleetOutcome(outcome);
                    }
                    else
                    {
                        var status = outcome.CutByRunDeadline ? SiteState.NotRun : SiteStatusResult.StateOf(outcome);
                        Vote(answered.Id, answered.Target, new LocationStatus(location.Name, status, outcome.StatusCode, outcome.Failure.ToString(), outcome.Reason));
                    }
                }
            }

            return;
        }

        var result = arrival.Result!;
        if (ResultReader.Read(result) is not { } record || location.Answered(record.Uri) is not { } matched)
        {
            return;
        }

        if (_quorum is null)
        {
            _command.WriteFleetResult(result);
        }
        else
        {
            var status = Enum.TryParse<SiteState>(record.Status, out var parsed) ? parsed : SiteState.Down;
            Vote(matched.Id, matched.Target, new LocationStatus(location.Name, status, record.StatusCode, record.Failure, record.Reason));
        }
    }

    /// <summary>An answer that is not a check's: NotRun from one location.</summary>
    private void Settle(long id, SiteTarget target, string location, string reason)
    {
        if (_quorum is null)
        {
            _command.WriteFleetNotRun(target, location, reason);
        }
        else
        {
            Vote(id, target, new LocationStatus(location, SiteState.NotRun, null, "NotRun", reason));
        }
    }

    // Every location the user asked for votes once on every input: those that answer, and those that could not.
    private void Vote(long id, SiteTarget target, LocationStatus vote)
    {
        var votes = _votes[id];
        votes.Add(vote);
        if (votes.Count == _total)
        {
            _votes.Remove(id);
            _command.WriteFleetResult(PSObject.AsPSObject(new SiteQuorumResult(target.Display, _quorum!.Value, votes)));
        }
    }

    private void Unavailable(string location, string problem, PSSession? session) =>
        _command.WriteError(new ErrorRecord(
            new InvalidOperationException($"The location {location} is unavailable: {problem} Its checks come back NotRun."),
            "LocationUnavailable",
            ErrorCategory.ConnectionError,
            (object?)session ?? location));

    /// <summary>Makes sure the session has this exact version of the module imported, copying it there when it has not; null when ready.</summary>
    private string? Prepare(PSSession session, string location)
    {
        var version = typeof(FleetRun).Assembly.GetName().Version!.ToString(3);
        try
        {
            using var probe = PowerShell.Create();
            probe.Runspace = session.Runspace;
            probe.AddScript("""
                param($version)
                $module = Get-Module SiteStatus | Where-Object { $_.Version -eq $version }
                if (-not $module) {
                    $module = Get-Module SiteStatus -ListAvailable | Where-Object { $_.Version -eq $version } | Select-Object -First 1
                    if ($module) { Import-Module $module.Path -ErrorAction Stop }
                }
                if ($module) { '' } else { [IO.Path]::GetTempPath() }
                """).AddArgument(version);
            var answer = probe.Invoke();
            if (probe.HadErrors)
            {
                return probe.Streams.Error[0].Exception.Message;
            }

            var temporary = answer.FirstOrDefault()?.ToString();
            if (string.IsNullOrEmpty(temporary))
            {
                return null;
            }

            if (ModuleFolder() is not { } folder)
            {
                return "this module's folder (with SiteStatus.psd1) was not found, so it cannot be copied there.";
            }

            var destination = $"{temporary!.TrimEnd('/', '\\')}/SiteStatus-{version}-{Guid.NewGuid():N}";
            _command.InvokeCommand.InvokeScript(
                "param($session, $from, $to) Invoke-Command -Session $session { param($to) $null = New-Item -ItemType Directory -Path $to -Force } -ArgumentList $to; Copy-Item -Path $from -Destination $to -ToSession $session -Recurse -Force",
                useNewScope: true,
                PipelineResultTypes.None,
                null,
                session,
                folder,
                destination);
            _command.WriteVerbose($"{location} had no SiteStatus {version}: copied it to {destination} and imported it there.");

            using var import = PowerShell.Create();
            import.Runspace = session.Runspace;
            import.AddScript("param($path) Import-Module $path -ErrorAction Stop").AddArgument($"{destination}/SiteStatus/SiteStatus.psd1");
            import.Invoke();
            return import.HadErrors ? $"SiteStatus {version} does not load there: {import.Streams.Error[0].Exception.Message}" : null;
        }
        catch (Exception e) when (e is RuntimeException or InvalidOperationException or System.Management.Automation.Remoting.PSRemotingTransportException)
        {
            return e.Message;
        }
    }
}
