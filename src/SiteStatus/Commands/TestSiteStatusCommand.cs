using System.Management.Automation;
using SiteStatus.Checking;
using SiteStatus.Locations;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>
/// <para type="synopsis">Tests whether websites are up, many at once, and writes each result as its check finishes.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SiteStatus")]
[OutputType(typeof(SiteStatusResult), typeof(bool))]
public sealed class TestSiteStatusCommand : SiteCheckCommandBase
{
    /// <summary>
    /// <para type="description">Writes only $true (up) or $false (down) for each URL, as Test-Connection -Quiet does.</para>
    /// </summary>
    [Parameter]
    [NotSentToLocations]
    public SwitchParameter Quiet { get; set; }

    private protected override void WriteRemoteResult(PSObject result)
    {
        if (Quiet)
        {
            WriteObject(result.Properties["Status"]?.Value?.ToString() is "Up" or "Flaky" or "Partial");
        }
        else
        {
            WriteObject(result);
        }
    }

    private protected override void WriteOutcome(ProbeOutcome outcome, StateChange? state)
    {
        if (Answers is { } answers)
        {
            // At a location: the caller rebuilds the result from the outcome, and applies -Quiet there.
            answers.AddCheck(outcome);
        }
        else if (Quiet)
        {
            WriteResult(outcome.Failure == FailureKind.None);
        }
        else
        {
            WriteResult(new SiteStatusResult(outcome, state));
        }
    }
}
