using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SiteStatus.Checking;

namespace SiteStatus.Commands;

/// <summary>
/// Something a location sent back: a result, a packed batch of checks (<see cref="PackedOutcomes"/>), an error record,
/// or the end of its pipeline (with why, when it failed).
/// </summary>
internal sealed record LocationArrival(CheckLocation Location, PSObject? Result, ErrorRecord? Error, bool Ended = false, string? Failure = null, IReadOnlyList<PackedOutcome>? Packed = null);

/// <summary>
/// One place checks run from: a PowerShell session (remote) or a runspace of this process (-IncludeLocal), running the
/// same cmdlet with the same parameters on a pipeline whose input is fed as URLs come and whose output streams back.
/// Events from its threads only queue arrivals; the pipeline thread of the command takes them.
/// </summary>
internal sealed class CheckLocation : IDisposable
{
    private readonly PowerShell _pipeline;
    private readonly PSDataCollection<PSObject> _input = new();
    private readonly PSDataCollection<PSObject> _output = new();
    private readonly List<(long Id, SiteTarget Target, object Input)> _pending = [];
    private readonly Runspace? _owned;
    private readonly List<object> _outgoing = [];
    private readonly int _starving;

    // Inputs per message at most.
    private const int BatchSize = 64;

    /// <param name="name">The location's name, for results and messages.</param>
    /// <param name="runspace">A session's runspace, or one of this process.</param>
    /// <param name="ownsRunspace">Whether the runspace ends with the location.</param>
    /// <param name="command">The cmdlet to run there.</param>
    /// <param name="parameters">Its parameters.</param>
    /// <param name="starving">Below this many inputs in flight the far side has room: send at once.</param>
    /// <param name="arrivals">Where what comes back is queued, for the pipeline thread.</param>
    public CheckLocation(string name, Runspace runspace, bool ownsRunspace, string command, IDictionary parameters, int starving, BlockingCollection<LocationArrival> arrivals)
    {
        Name = name;
        _starving = starving;
        _owned = ownsRunspace ? runspace : null;
        _pipeline = PowerShell.Create();
        _pipeline.Runspace = runspace;
        _pipeline.AddCommand(command).AddParameters(parameters);
        _output.DataAdded += (_, _) =>
        {
            // Results come in batches (-ResultBatch): one message for all that were ready at once; Test-SiteStatus
            // packs its checks into one text, Get-SiteStatusReport sends an array of reports.
            foreach (var batch in _output.ReadAll())
            {
                if (PackedOutcomes.IsPacked(batch.BaseObject))
                {
                    // Read here, on the thread the batch arrives on, not on the pipeline thread.
                    arrivals.Add(new LocationArrival(this, null, null, Packed: PackedOutcomes.Unpack((string)batch.BaseObject)));
                    continue;
                }

                foreach (var result in batch.BaseObject is IList results ? results.Cast<object>().Select(PSObject.AsPSObject) : [batch])
                {
                    arrivals.Add(new LocationArrival(this, result, null));
                }
            }
        };
        _pipeline.Streams.Error.DataAdded += (_, _) =>
        {
            foreach (var error in _pipeline.Streams.Error.ReadAll())
            {
                arrivals.Add(new LocationArrival(this, null, error));
            }
        };
        _pipeline.InvocationStateChanged += (_, e) =>
        {
            var state = e.InvocationStateInfo.State;
            if (state == PSInvocationState.Completed)
            {
                arrivals.Add(new LocationArrival(this, null, null, Ended: true));
            }
            else if (state is PSInvocationState.Failed or PSInvocationState.Stopped or PSInvocationState.Disconnected)
            {
                arrivals.Add(new LocationArrival(this, null, null, Ended: true, e.InvocationStateInfo.Reason?.Message ?? $"its pipeline ended ({state})."));
            }
        };
        _pipeline.BeginInvoke(_input, _output);
    }

    /// <summary>The name results carry as their Location.</summary>
    public string Name { get; }

    /// <summary>Inputs sent whose answer has not come back.</summary>
    public int InFlight => _pending.Count;

    public bool Ended { get; private set; }

    /// <summary>
    /// Sends one input: the object it came as (so its own settings travel with it), answered by one result. Inputs go in
    /// arrays, few messages for many URLs: at once while the far side has room to start them, else when enough wait.
    /// </summary>
    public void Send(long id, SiteTarget target, object input)
    {
        _pending.Add((id, target, input));
        _outgoing.Add(input);
        if (_outgoing.Count >= BatchSize || _pending.Count - _outgoing.Count < _starving)
        {
            Flush();
        }
    }

    /// <summary>Sends the inputs kept back: before the caller waits, and at the end.</summary>
    public void Flush()
    {
        if (_outgoing.Count > 0 && !Ended)
        {
            _input.Add(PSObject.AsPSObject(_outgoing.ToArray()));
            _outgoing.Clear();
        }
    }

    /// <summary>The input a result answers (by its URL, the first still waiting); null when none waits.</summary>
    public (long Id, SiteTarget Target, object Input)? Answered(string? uri)
    {
        var index = _pending.FindIndex(p => p.Target.Display == uri);
        if (index < 0)
        {
            return null;
        }

        var answered = _pending[index];
        _pending.RemoveAt(index);
        return answered;
    }

    /// <summary>Marks the end: every input still waiting comes back to the caller, to be reported as not checked here.</summary>
    public IReadOnlyList<(long Id, SiteTarget Target, object Input)> End()
    {
        Ended = true;
        var unanswered = _pending.ToArray();
        _pending.Clear();
        return unanswered;
    }

    /// <summary>No more input: the far side finishes what it has.</summary>
    public void Complete()
    {
        Flush();
        _input.Complete();
    }

    /// <summary>Stops the far side's pipeline, and so its checks.</summary>
    public void Stop()
    {
        if (_pipeline.InvocationStateInfo.State is PSInvocationState.Running or PSInvocationState.NotStarted)
        {
            _pipeline.BeginStop(null, null);
        }
    }

    public void Dispose()
    {
        Stop();
        _pipeline.Dispose();
        _input.Dispose();
        _output.Dispose();
        _owned?.Dispose();
    }
}
