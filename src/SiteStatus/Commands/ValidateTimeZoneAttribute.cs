using System;
using SiteStatus.Checking;

namespace SiteStatus.Commands;

/// <summary>Refuses a time zone id this system does not know.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateTimeZoneAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text)
    {
        if (TimeZoneId.Find(text) is null)
        {
            throw new FormatException($"This system knows no time zone '{text}': {TimeZoneId.Expected}.");
        }
    }
}
