using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SiteStatus.Checking;
using SiteStatus.Commands;

namespace SiteStatus.Locations;

/// <summary>
/// Checks from many places at once: every input from every location (with -Spread, from the one its host belongs to).
/// Inputs are sent as they come, at most a bounded number in flight per location, so memory stays flat; what comes back
/// is handed to the command's <see cref="ILocationOutput"/> on the pipeline thread as it arrives, each with its
/// Location, or merged per URL into one verdict with -Quorum. A location that fails (its pipeline ends, or its transport
/// breaks under an input sent) is an error of its own (LocationUnavailable), and its unanswered checks come back NotRun,
/// or with -Spread go to the locations left. Driven by the pipeline thread only.
/// </summary>
internal sealed class LocationRun : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    // Every location the user asked for; those that started.
    private readonly IReadOnlyList<Location> _asked;
    private readonly List<Location> _locations = [];
    private readonly LocationRunSettings _settings;
    private readonly ILocationOutput _output;
    private readonly BlockingCollection<LocationArrival> _arrivals = new();
    private readonly int _inFlightPerLocation;
    private readonly Dictionary<long, List<LocationStatus>> _votes = [];

    // Locations the user asked for that could not start (or stopped): every input is NotRun there, with why.
    private readonly Dictionary<string, string> _unavailable = [];
    private long _nextId;

    public LocationRun(IReadOnlyList<Location> locations, LocationRunSettings settings, ILocationOutput output)
    {
        _asked = locations;
        _settings = settings;
        _output = output;

        // Enough waiting on each location to keep its own pool full, and no more: input is read as results come.
        _inFlightPerLocation = Math.Max(settings.ThrottleLimit * 2, 16);
    }

    /// <summary>Starts every location, in order; one that cannot start is LocationUnavailable, and the others go on.</summary>
    public void Start()
    {
        var start = new LocationStart(_settings.Command, _settings.Parameters, _settings.ThrottleLimit, _arrivals.Add, _output.Verbose);
        foreach (var location in _asked)
        {
            string? problem;
            try
            {
                problem = location.Start(start);
            }
            catch (Exception e) when (IsTransportFailure(e))
            {
                location.Stop();
                problem = e.Message;
            }

            if (problem is not null)
            {
                Unavailable(location.Name, problem, location.Subject);
                continue;
            }

            _locations.Add(location);
        }
    }

    /// <summary>
    /// Sends one input to every location that works (with -Spread, to the one its host belongs to), waiting and handing
    /// over what comes back while a location it goes to is full.
    /// </summary>
    public void Send(SiteTarget target, object input)
    {
        if (_settings.Spread)
        {
            Dispatch(new SentInput(_nextId++, target, input));
            return;
        }

        while (_locations.Any(l => !l.Lost && l.InFlight >= _inFlightPerLocation))
        {
            Take(Poll);
        }

        var sent = new SentInput(_nextId++, target, input);
        if (_settings.Quorum is not null)
        {
            _votes[sent.Id] = [];
        }

        // Taken before sending: a location lost while this input goes out answers it NotRun itself, once.
        var unavailable = _unavailable.ToList();
        foreach (var location in _locations.Where(l => !l.Lost))
        {
            Deliver(location, l => l.Send(sent));
        }

        foreach (var lost in unavailable)
        {
            Settle(sent, lost.Key, $"Not checked from {lost.Key}: the location is unavailable ({lost.Value})");
        }

        while (_arrivals.TryTake(out var arrival))
        {
            Handle(arrival);
        }
    }

    /// <summary>No more input: waits until every location has answered everything, handing over results as they come.</summary>
    public void Finish()
    {
        foreach (var location in _locations.Where(l => !l.Lost))
        {
            Deliver(location, l => l.Complete());
        }

        // Until no run goes and no check waits anywhere: with -Spread, what a location lost had not answered goes to
        // another, in a run of its own there.
        while (_locations.Any(l => !l.Lost && (l.Running || l.InFlight > 0)))
        {
            Take(Poll);
        }
    }

    /// <summary>Stops every location: nothing keeps checking on any host.</summary>
    public void Stop()
    {
        foreach (var location in _locations)
        {
            location.Stop();
        }
    }

    public void Dispose()
    {
        foreach (var location in _asked)
        {
            location.Dispose();
        }

        _arrivals.Dispose();
    }

    /// <summary>
    /// With -Spread: one location checks the input, chosen by the stable hash of its host among the locations that work,
    /// so all of a host's URLs go to one place and -ThrottleLimitPerHost holds across the locations. When none is left,
    /// it is NotRun from the one that lost it (<paramref name="lost"/>), else from the one its host belongs to.
    /// </summary>
    private void Dispatch(SentInput sent, string? lost = null)
    {
        while (true)
        {
            var live = _locations.Where(l => !l.Lost).ToList();
            if (live.Count == 0)
            {
                var owner = lost ?? _asked[Partition.Of(sent.Target.RequestUri.IdnHost, _asked.Count)].Name;
                Settle(sent, owner, $"Not checked from {owner}: the location is unavailable ({_unavailable[owner]}), and no other location is left.");
                return;
            }

            var chosen = live[Partition.Of(sent.Target.RequestUri.IdnHost, live.Count)];
            if (chosen.InFlight < _inFlightPerLocation)
            {
                Deliver(chosen, l => l.Send(sent));
                return;
            }

            Take(Poll);
        }
    }

    private void Take(TimeSpan wait)
    {
        // Nothing is held back while this thread waits.
        foreach (var location in _locations.Where(l => !l.Lost))
        {
            Deliver(location, l => l.Flush());
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
            // A location already lost (its transport broke under an input) has said all it will; one whose run ended as
            // asked is ready for more.
            if (!location.Lost && (arrival.Failure is not null || !location.Finished()))
            {
                Fail(location, arrival.Failure);
            }

            return;
        }

        if (arrival.Error is { } error)
        {
            if (location.Answered(error.TargetObject?.ToString()) is { } answered)
            {
                Settle(answered, location.Name, $"Not checked from {location.Name}: {error.Exception.Message}");
            }
            else
            {
                _output.Error(new ErrorRecord(error.Exception, error.FullyQualifiedErrorId, error.CategoryInfo.Category, error.TargetObject));
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
                    if (_settings.Quorum is null)
                    {
                        _output.Checked(outcome);
                    }
                    else
                    {
                        var status = outcome.CutByRunDeadline ? SiteState.NotRun : SiteStatusResult.StateOf(outcome);
                        Vote(answered, new LocationStatus(location.Name, status, outcome.StatusCode, outcome.Failure.ToString(), outcome.Reason, outcome.Started));
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

        if (_settings.Quorum is null)
        {
            _output.Result(result, record);
        }
        else
        {
            var status = Enum.TryParse<SiteState>(record.Status, out var parsed) ? parsed : SiteState.Down;
            Vote(matched, new LocationStatus(location.Name, status, record.StatusCode, record.Failure, record.Reason, record.Timestamp));
        }
    }

    /// <summary>
    /// Hands a location input (<paramref name="step"/>: send, flush or complete). A transport that broke under it throws
    /// here, on the pipeline thread: the location is lost now, as if its pipeline had ended, and the run goes on.
    /// </summary>
    private void Deliver(Location location, Action<Location> step)
    {
        try
        {
            step(location);
        }
        catch (Exception e) when (IsTransportFailure(e))
        {
            location.Stop();
            Fail(location, $"its input could not be sent: {e.Message}");
        }
    }

    // What a broken session (or a closed input) throws at the one who uses it; a stop of the command is no failure of a location.
    private static bool IsTransportFailure(Exception e) =>
        e is InvalidOperationException or RuntimeException or ObjectDisposedException or InvalidRunspaceStateException or InvalidRunspacePoolStateException
        && e is not PipelineStoppedException;

    /// <summary>
    /// A location failed: its pipeline ended with checks unanswered or before its input did, whatever state it reports,
    /// or its transport broke. What it had not answered goes to another location with -Spread, else comes back NotRun from it.
    /// </summary>
    private void Fail(Location location, string? failure)
    {
        var unanswered = location.Lose();
        failure ??= unanswered.Count > 0 ? "its pipeline ended before answering every check." : "its pipeline ended before its input did.";
        Unavailable(location.Name, failure, location.Name);

        foreach (var sent in unanswered)
        {
            if (_settings.Spread)
            {
                // Another location checks what this one left: every input still comes back exactly once.
                Dispatch(sent, location.Name);
            }
            else
            {
                Settle(sent, location.Name, $"Not checked from {location.Name}: the location became unavailable ({failure})");
            }
        }
    }

    /// <summary>An answer that is not a check's: NotRun from one location.</summary>
    private void Settle(SentInput sent, string location, string reason)
    {
        if (_settings.Quorum is null)
        {
            _output.NotChecked(sent.Target, location, reason);
        }
        else
        {
            Vote(sent, new LocationStatus(location, SiteState.NotRun, null, "NotRun", reason, null));
        }
    }

    // Every location the user asked for votes once on every input: those that answer, and those that could not.
    private void Vote(SentInput sent, LocationStatus vote)
    {
        var votes = _votes[sent.Id];
        votes.Add(vote);
        if (votes.Count == _asked.Count)
        {
            _votes.Remove(sent.Id);
            _output.Quorum(sent.Target, votes);
        }
    }

    // Its inputs are NotRun there from now on, with why.
    private void Unavailable(string location, string problem, object subject)
    {
        _unavailable[location] = problem;
        var checks = _settings.Spread ? "The locations left check its share." : "Its checks come back NotRun.";
        _output.Error(new ErrorRecord(
            new InvalidOperationException($"The location {location} is unavailable: {problem} {checks}"),
            "LocationUnavailable",
            ErrorCategory.ConnectionError,
            subject));
    }
}
