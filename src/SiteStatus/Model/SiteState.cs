namespace SiteStatus;

/// <summary>The verdict on one checked site.</summary>
public enum SiteState
{
    /// <summary>The site answered with a final status code in 200-299.</summary>
    Up,

    /// <summary>The site did not answer, or answered with a status code that is not a success.</summary>
    Down,

    /// <summary>The site is up but has a warning (a certificate about to expire, a slow answer). Only Get-SiteStatusReport writes it.</summary>
    Degraded,

    /// <summary>The site is up, but only after a failed attempt: it works, and the operator should know it wavered.</summary>
    Flaky,

    /// <summary>The URL was not checked: the run's deadline (-TotalTimeoutSec) passed first.</summary>
    NotRun,

    /// <summary>
    /// With -Quorum: down from some locations, but fewer than the quorum; regional or local trouble. With -AllAddresses:
    /// down at some addresses of the host and up at others, so down for the users sent there; it counts as down.
    /// </summary>
    Partial,
}
