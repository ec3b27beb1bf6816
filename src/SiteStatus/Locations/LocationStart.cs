using System;
using System.Collections;

namespace SiteStatus.Locations;

/// <summary>What every location of a run starts with.</summary>
/// <param name="Command">The cmdlet the user ran: each location runs it too.</param>
/// <param name="Parameters">Its parameters that cross to a location (<see cref="LocationParameters"/>).</param>
/// <param name="ThrottleLimit">The checks a location runs at once: while fewer inputs wait there, it gets them at once.</param>
/// <param name="Arrive">Where what comes back is queued, from any thread, for the pipeline thread.</param>
/// <param name="Verbose">A -Verbose line of the command, on the pipeline thread.</param>
internal sealed record LocationStart(string Command, IDictionary Parameters, int ThrottleLimit, Action<LocationArrival> Arrive, Action<string> Verbose);
