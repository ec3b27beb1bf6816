using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SiteStatus.Commands;

namespace SiteStatus.Locations;

/// <summary>
/// A location that runs this module's own cmdlet, with the same parameters, in a runspace: a session's (remote) or one
/// of this process (-IncludeLocal). Its pipeline's input is fed as URLs come, and its output streams back in batches
/// (-ResultBatch). Events from its threads only queue arrivals; the pipeline thread of the command takes them.
/// </summary>
internal abstract class RunspaceLocation(string name) : Location(name)
{
    // Inputs per message at most.
    private const int BatchSize = 64;

    private readonly PSDataCollection<PSObject> _input = new();
    private readonly PSDataCollection<PSObject> _output = new();
    private readonly List<object> _outgoing = [];
    private PowerShell? _pipeline;
    private int _starving;

    /// <summary>The runspace the checks run in, once <see cref="Prepare"/> has made it ready.</summary>
    protected abstract Runspace Runspace { get; }

    /// <inheritdoc/>
    public sealed override string? Start(LocationStart start)
    {
        if (Prepare(start) is { } problem)
        {
            return problem;
        }

        _starving = start.ThrottleLimit;
        var parameters = new Hashtable(start.Parameters, System.StringComparer.OrdinalIgnoreCase)
        {
            [nameof(SiteCheckCommandBase.Location)] = Name,
            [nameof(SiteCheckCommandBase.ResultBatch)] = true,
        };
        var pipeline = PowerShell.Create();
        _pipeline = pipeline;
        pipeline.Runspace = Runspace;
        pipeline.AddCommand(start.Command).AddParameters(parameters);
        _output.DataAdded += (_, _) =>
        {
            // Results come in batches (-ResultBatch): one message for all that were ready at once; Test-SiteStatus
            // packs its checks into one text, Get-SiteStatusReport sends an array of reports.
            foreach (var batch in _output.ReadAll())
            {
                if (PackedOutcomes.IsPacked(batch.BaseObject))
                {
                    // Read here, on the thread the batch arrives on, not on the pipeline thread.
                    start.Arrive(new LocationArrival(this, null, null, Packed: PackedOutcomes.Unpack((string)batch.BaseObject)));
                    continue;
                }

                foreach (var result in batch.BaseObject is IList results ? results.Cast<object>().Select(PSObject.AsPSObject) : [batch])
                {
                    start.Arrive(new LocationArrival(this, result, null));
                }
            }
        };
        pipeline.Streams.Error.DataAdded += (_, _) =>
        {
            foreach (var error in pipeline.Streams.Error.ReadAll())
            {
                start.Arrive(new LocationArrival(this, null, error));
            }
        };
        pipeline.InvocationStateChanged += (_, e) =>
        {
            var state = e.InvocationStateInfo.State;
            if (state == PSInvocationState.Completed)
            {
                start.Arrive(new LocationArrival(this, null, null, Ended: true));
            }
            else if (state is PSInvocationState.Failed or PSInvocationState.Stopped or PSInvocationState.Disconnected)
            {
                start.Arrive(new LocationArrival(this, null, null, Ended: true, e.InvocationStateInfo.Reason?.Message ?? $"its pipeline ended ({state})."));
            }
        };
        pipeline.BeginInvoke(_input, _output);
        return null;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
        if (_outgoing.Count > 0 && !Ended)
        {
            _input.Add(PSObject.AsPSObject(_outgoing.ToArray()));
            _outgoing.Clear();
        }
    }

    /// <inheritdoc/>
    public override void Complete()
    {
        Flush();
        _input.Complete();
    }

    /// <inheritdoc/>
    public override void Stop()
    {
        if (_pipeline?.InvocationStateInfo.State is PSInvocationState.Running or PSInvocationState.NotStarted)
        {
            _pipeline.BeginStop(null, null);
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        Stop();
        _pipeline?.Dispose();
        _input.Dispose();
        _output.Dispose();
    }

    /// <summary>Makes <see cref="Runspace"/> ready to run this module's cmdlet; null when it is, else why it cannot be.</summary>
    protected abstract string? Prepare(LocationStart start);

    /// <summary>
    /// Sends the input as the object it came as (so its own settings travel with it). Inputs go in arrays, few messages
    /// for many URLs: at once while the far side has room to start them, else when enough wait.
    /// </summary>
    protected override void Transmit(object input)
    {
        _outgoing.Add(input);
        if (_outgoing.Count >= BatchSize || InFlight - _outgoing.Count < _starving)
        {
            Flush();
        }
    }
}
