using System;
using System.Collections.Generic;
using SiteStatus.Checking;

namespace SiteStatus.Locations;

/// <summary>An input sent to a location: its number in the run, the target read from it, and the object it came as.</summary>
internal readonly record struct SentInput(long Id, SiteTarget Target, object Input);

/// <summary>
/// One place checks run from, as a <see cref="LocationRun"/> sees it: inputs go in, and what comes back is queued as
/// <see cref="LocationArrival"/>s, each answer matched here to the input it answers. Which inputs wait for an answer
/// is kept here, for every kind; how inputs travel and answers come back is each kind's own. Its checks run in runs:
/// the first takes input as it comes, until <see cref="Complete"/>; input sent after that waits for a run of its own.
/// </summary>
internal abstract class Location(string name) : IDisposable
{
    private readonly List<SentInput> _pending = [];

    /// <summary>The name results carry as their Location.</summary>
    public string Name { get; } = name;

    /// <summary>What an error about this location names as its target when it cannot start: what the user gave for it.</summary>
    public virtual object Subject => Name;

    /// <summary>Inputs sent whose answer has not come back.</summary>
    public int InFlight => _pending.Count;

    /// <summary>Whether the location is lost (it failed): it takes no more input.</summary>
    public bool Lost { get; private set; }

    /// <summary>Whether a run of its checks is going: the first until it ends, or one of inputs sent after it.</summary>
    public abstract bool Running { get; }

    /// <summary>Makes the location ready and starts its checks; what comes back goes to <see cref="LocationStart.Arrive"/>.</summary>
    /// <returns>Null when it runs; else why it cannot, and it takes no input.</returns>
    public abstract string? Start(LocationStart start);

    /// <summary>Sends one input, answered by one result.</summary>
    public void Send(SentInput input)
    {
        _pending.Add(input);
        Transmit(input.Input);
    }

    /// <summary>Sends the inputs kept back, or starts a run of them when none is going: before the caller waits, and at the end.</summary>
    public abstract void Flush();

    /// <summary>No more input for the first run: the location finishes what it has; what is sent later waits for a run of its own.</summary>
    public abstract void Complete();

    /// <summary>
    /// The run going ended without failure: true when it was told no more input comes and answered every input it
    /// took; the location is then ready for a run of what was sent since. False when it failed.
    /// </summary>
    public abstract bool Finished();

    /// <summary>Stops the location's checks.</summary>
    public abstract void Stop();

    /// <summary>The input an answer is for (by its URL, the first still waiting); null when none waits.</summary>
    public SentInput? Answered(string? uri)
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

    /// <summary>Marks it lost: every input still waiting comes back to the caller, to be reported as not checked here.</summary>
    public IReadOnlyList<SentInput> Lose()
    {
        Lost = true;
        var unanswered = _pending.ToArray();
        _pending.Clear();
        return unanswered;
    }

    /// <inheritdoc/>
    public abstract void Dispose();

    /// <summary>Hands one input to the far side, or keeps it for the next <see cref="Flush"/>.</summary>
    protected abstract void Transmit(object input);
}
