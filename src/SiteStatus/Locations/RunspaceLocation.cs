using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SiteStatus.Commands;

namespace SiteStatus.Locations;

/// <summary>
/// A location that runs this module's own cmdlet, with the same parameters, in a runspace: a session's (remote) or one
/// of this process (-IncludeLocal). Its first pipeline's input is fed as URLs come, and its output streams back in
/// batches (-ResultBatch). Inputs sent once that input is complete (-Spread's share of a lost location) wait for the
/// pipeline going to end, then run in one of their own, its input complete from the start: pwsh 7.6.9 crashes when an
/// SSH transport dies under a pipeline whose input is still open, so an input is never reopened for them. Events from
/// its threads only queue arrivals; the pipeline thread of the command takes them.
/// </summary>
internal abstract class RunspaceLocation(string name) : Location(name)
{
    // Inputs per message at most.
    private const int BatchSize = 64;

    private readonly List<object> _outgoing = [];
    private readonly List<(PowerShell Pipeline, PSDataCollection<PSObject> Input, PSDataCollection<PSObject> Output)> _runs = [];
    private readonly Stopwatch _clock = new();
    private LocationStart? _start;
    private PSDataCollection<PSObject>? _input;
    private bool _open;
    private int _starving;

    /// <inheritdoc/>
    public override bool Running => _input is not null;

    /// <summary>The runspace the checks run in, once <see cref="Prepare"/> has made it ready.</summary>
    protected abstract Runspace Runspace { get; }

    /// <inheritdoc/>
    public sealed override string? Start(LocationStart start)
    {
        if (Prepare(start) is { } problem)
        {
            return problem;
        }

        _start = start;
        _starving = start.ThrottleLimit;
        _clock.Start();
        _open = true;
        Run(start.Parameters);
        return null;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
        if (_outgoing.Count == 0 || Lost)
        {
            return;
        }

        if (_open)
        {
            _input!.Add(PSObject.AsPSObject(_outgoing.ToArray()));
            _outgoing.Clear();
        }
        else if (_input is null)
        {
            Run(Remaining(_start!.Parameters));
        }
    }

    /// <inheritdoc/>
    public override void Complete()
    {
        if (_open)
        {
            Flush();
            _input!.Complete();
            _open = false;
        }
    }

    /// <inheritdoc/>
    public override bool Finished()
    {
        // What waits in _outgoing was never given to the run that ended.
        if (_open || InFlight > _outgoing.Count)
        {
            return false;
        }

        _input = null;
        return true;
    }

    /// <inheritdoc/>
    public override void Stop()
    {
        foreach (var (pipeline, _, _) in _runs)
        {
            if (pipeline.InvocationStateInfo.State is PSInvocationState.Running or PSInvocationState.NotStarted)
            {
                pipeline.BeginStop(null, null);
            }
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        Stop();
        foreach (var (pipeline, input, output) in _runs)
        {
            pipeline.Dispose();
            input.Dispose();
            output.Dispose();
        }
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
        if (_open && (_outgoing.Count >= BatchSize || InFlight - _outgoing.Count < _starving))
        {
            Flush();
        }
    }

    /// <summary>A later run ends where the first would: -TotalTimeoutSec counts from the first run's start.</summary>
    private Hashtable Remaining(IDictionary parameters)
    {
        var later = new Hashtable(parameters, System.StringComparer.OrdinalIgnoreCase);
        if (later[nameof(SiteCheckCommandBase.TotalTimeoutSec)] is int total)
        {
            later[nameof(SiteCheckCommandBase.TotalTimeoutSec)] = System.Math.Max(1, total - (int)_clock.Elapsed.TotalSeconds);
        }

        return later;
    }

    /// <summary>Starts a run of the cmdlet: the first with its input open, a later one with the inputs waiting and its input complete.</summary>
    private void Run(IDictionary sent)
    {
        var start = _start!;
        var input = new PSDataCollection<PSObject>();
        var output = new PSDataCollection<PSObject>();
        var pipeline = PowerShell.Create();
        _runs.Add((pipeline, input, output));
        if (!_open)
        {
            for (var i = 0; i < _outgoing.Count; i += BatchSize)
            {
                input.Add(PSObject.AsPSObject(_outgoing.Skip(i).Take(BatchSize).ToArray()));
            }

            _outgoing.Clear();
            input.Complete();
        }

        var parameters = new Hashtable(sent, System.StringComparer.OrdinalIgnoreCase)
        {
            [nameof(SiteCheckCommandBase.Location)] = Name,
            [nameof(SiteCheckCommandBase.ResultBatch)] = true,
        };
        pipeline.Runspace = Runspace;
        pipeline.AddCommand(start.Command).AddParameters(parameters);
        output.DataAdded += (_, _) =>
        {
            // Results come in batches (-ResultBatch): one message for all that were ready at once; Test-SiteStatus
            // packs its checks into one text, Get-SiteStatusReport sends an array of reports.
            foreach (var batch in output.ReadAll())
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
        _input = input;
        pipeline.BeginInvoke(input, output);
    }
}
