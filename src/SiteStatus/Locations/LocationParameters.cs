using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace SiteStatus.Locations;

/// <summary>
/// Which of the parameters a user bound cross to each location: all but PowerShell's common parameters (the streams and
/// preferences of the command the user ran, which writes what comes back) and those marked
/// <see cref="NotSentToLocationsAttribute"/>. So a new check parameter crosses without a list to keep.
/// </summary>
internal static class LocationParameters
{
    /// <summary>Whether the parameter <paramref name="name"/> of <paramref name="command"/> crosses to each location.</summary>
    public static bool IsSent(Type command, string name) =>
        !Cmdlet.CommonParameters.Contains(name)
        && !Cmdlet.OptionalCommonParameters.Contains(name)
        && !(command.GetProperty(name) is { } property && Attribute.IsDefined(property, typeof(NotSentToLocationsAttribute)));

    /// <summary>The parameters of <paramref name="bound"/> that cross to each location, by name.</summary>
    public static Hashtable Sent(Type command, IDictionary<string, object> bound)
    {
        var sent = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in bound)
        {
            if (IsSent(command, parameter.Key))
            {
                sent[parameter.Key] = parameter.Value;
            }
        }

        return sent;
    }
}
