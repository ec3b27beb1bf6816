using System.Management.Automation;
using SiteStatus.Checking;
using SiteStatus.Locations;
using SiteStatus.State;

namespace SiteStatus.Commands;

/// <summary>
/// The Test-SiteStatus cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SiteStatus")]
[OutputType(typeof(SiteStatusResult), typeof(bool))]
public sealed class TestSiteStatusCommand : SiteCheckCommandBase
{
    /// <summary>
    /// <para type="description">Writes only $true (up) or $false (down) for each URL, as Test-Connection -Quiet does. With -AllAddresses, a URL down at some of its host's addresses (Partial) is $false.</para>
    /// </summary>
    [Parameter]
    [NotSentToLocations]
    public SwitchParameter Quiet { get; set; }

    private protected override void WriteRemoteResult(PSObject result, StateChange? state)
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
            WriteResult(WithStateView(new SiteStatusResult(outcome, state)));
        }
    }
}
