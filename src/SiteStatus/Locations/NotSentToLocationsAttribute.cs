using System;

namespace SiteStatus.Locations;

/// <summary>
/// Marks a parameter that the command the user ran applies itself, and does not send to its locations: the locations
/// themselves, which inputs are read, and what is written. Every other parameter crosses (<see cref="LocationParameters"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class NotSentToLocationsAttribute : Attribute
{
}
