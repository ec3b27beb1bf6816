using System;
using System.Management.Automation.Runspaces;

namespace SiteStatus.Locations;

/// <summary>This machine, with -IncludeLocal: the checks run in a runspace of this process that has this module, named after the machine.</summary>
internal sealed class LocalLocation() : RunspaceLocation(Environment.MachineName)
{
    /// <inheritdoc/>
    protected override Runspace Runspace { get; } = RunspaceFactory.CreateRunspace(State());

    /// <inheritdoc/>
    public override void Dispose()
    {
        base.Dispose();
        Runspace.Dispose();
    }

    /// <inheritdoc/>
    protected override string? Prepare(LocationStart start)
    {
        Runspace.Open();
        return null;
    }

    private static InitialSessionState State()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule([typeof(LocalLocation).Assembly.Location]);
        return state;
    }
}
