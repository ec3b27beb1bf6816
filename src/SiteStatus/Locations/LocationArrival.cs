using System.Collections.Generic;
using System.Management.Automation;

namespace SiteStatus.Locations;

/// <summary>
/// Something a location sent back: a result, a packed batch of checks (<see cref="PackedOutcomes"/>), an error record,
/// or the end of its checks (with why, when it failed).
/// </summary>
internal sealed record LocationArrival(Location Location, PSObject? Result, ErrorRecord? Error, bool Ended = false, string? Failure = null, IReadOnlyList<PackedOutcome>? Packed = null);
