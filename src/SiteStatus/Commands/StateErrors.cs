using System.Management.Automation;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>The error category of a state file's failure, the same for every command that uses one.</summary>
internal static class StateErrors
{
    public static ErrorCategory Category(StateFileException e) => e.ErrorId switch
    {
        StateFileException.Locked => ErrorCategory.ResourceBusy,
        StateFileException.NotSaved => ErrorCategory.WriteError,
        _ => ErrorCategory.InvalidData,
    };
}
