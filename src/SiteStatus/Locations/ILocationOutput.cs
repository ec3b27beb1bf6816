using System.Collections.Generic;
using System.Management.Automation;
using SiteStatus.Checking;
using SiteStatus.Export;

namespace SiteStatus.Locations;

/// <summary>
/// Where a <see cref="LocationRun"/> hands what its locations sent back: the command that runs it, which writes each on
/// its pipeline thread, the only thread that calls these.
/// </summary>
internal interface ILocationOutput
{
    /// <summary>A check a location made, rebuilt from a packed batch: written as a check of this command would be.</summary>
    void Checked(ProbeOutcome outcome);

    /// <summary>A check a location could not make: NotRun from <paramref name="location"/>, saying why.</summary>
    void NotChecked(SiteTarget target, string location, string reason);

    /// <summary>A location's report, ready as it came, and what it says (<paramref name="record"/>).</summary>
    void Result(PSObject result, ProbeRecord record);

    /// <summary>With -Quorum: every location has voted on <paramref name="target"/>, each once.</summary>
    void Quorum(SiteTarget target, IReadOnlyList<LocationStatus> votes);

    /// <summary>An error: a location's own, or one that a location wrote about an input.</summary>
    void Error(ErrorRecord error);

    /// <summary>A line for -Verbose.</summary>
    void Verbose(string message);
}
