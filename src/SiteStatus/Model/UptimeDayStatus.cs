namespace SiteStatus;

/// <summary>How one day of a URL went, as a status page's daily bar shows it.</summary>
public enum UptimeDayStatus
{
    /// <summary>Known up, and never down.</summary>
    Up,

    /// <summary>Down for part of the time known, up for the rest.</summary>
    PartlyDown,

    /// <summary>Down for all the time known.</summary>
    Down,

    /// <summary>Neither up nor down for any of it: no checks, or only NotRun and maintenance.</summary>
    NoData,
}
