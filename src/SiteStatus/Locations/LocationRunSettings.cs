using System.Collections;

namespace SiteStatus.Locations;

/// <summary>How a <see cref="LocationRun"/> runs, from the command's parameters.</summary>
/// <param name="Command">The cmdlet the user ran: each location runs it too.</param>
/// <param name="Parameters">Its parameters that cross to each location (<see cref="LocationParameters.Sent"/>).</param>
/// <param name="Quorum">With -Quorum: how many locations must see a site down for one verdict of Down.</param>
/// <param name="Spread">With -Spread: each input checked once, by the location its host belongs to.</param>
/// <param name="ThrottleLimit">The checks each location runs at once.</param>
internal sealed record LocationRunSettings(string Command, IDictionary Parameters, int? Quorum, bool Spread, int ThrottleLimit);
