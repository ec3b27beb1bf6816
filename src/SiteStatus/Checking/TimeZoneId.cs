using System;

namespace SiteStatus.Checking;

/// <summary>Time zones as users name them: an IANA id (Europe/Berlin), or UTC.</summary>
internal static class TimeZoneId
{
    /// <summary>What to give instead of an id the system does not know, for messages.</summary>
    public const string Expected = "give an IANA id such as Europe/Berlin or America/New_York, or UTC (Windows PowerShell 5.1 knows Windows ids only, such as 'W. Europe Standard Time')";

    /// <summary>The zone; null when this system knows none by that id.</summary>
    public static TimeZoneInfo? Find(string id)
    {
        if (id.Equals("UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException or System.Security.SecurityException or System.IO.IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
