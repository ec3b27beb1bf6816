namespace SiteStatus.State;

/// <summary>The kinds of alert a state entry can wait to deliver: the names alert messages use.</summary>
internal static class AlertKind
{
    /// <summary>The site was confirmed Down.</summary>
    public const string Down = "Down";

    /// <summary>The site was confirmed Up again after a Down alert.</summary>
    public const string Recovered = "Recovered";

    /// <summary>The site is still Down, and the reminder interval has passed.</summary>
    public const string Reminder = "Reminder";

    /// <summary>Whether <paramref name="text"/> names one of these kinds.</summary>
    public static bool IsKnown(string text) => text is Down or Recovered or Reminder;
}
