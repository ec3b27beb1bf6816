using System;
using System.Collections.Generic;

namespace SiteStatus.State;

/// <summary>What an alert message changes in the state, whether it was delivered or not.</summary>
internal static class AlertDelivery
{
    /// <summary>
    /// Records the fate of <paramref name="alerts"/> (masked URL, the location the result came from, and alert kind). Delivered: the entries that waited for
    /// exactly those alerts wait no more. Not delivered: each entry the alert still describes waits for it, so the next
    /// run reports it again (also the first time a file is used this way, before any run knew to keep it pending).
    /// Returns how many entries changed.
    /// </summary>
    public static int Record(StateStore state, IEnumerable<(string Url, string? Location, string Kind)> alerts, bool delivered, DateTimeOffset now)
    {
        var count = 0;
        foreach (var (url, location, kind) in alerts)
        {
            if (state.Find(url, location) is not { } site || !AlertKind.IsKnown(kind))
            {
                continue;
            }

            if (!delivered)
            {
                // A newer change than the alert's (it recovered meanwhile) is not overwritten by the older one.
                if (site.PendingAlert is null && site.Confirmed == (kind == AlertKind.Recovered ? SiteState.Up : SiteState.Down))
                {
                    site.PendingAlert = kind;
                    count++;
                }

                continue;
            }

            if (site.PendingAlert == kind)
            {
                site.PendingAlert = null;
                if (kind != AlertKind.Recovered)
                {
                    // Reminders count from the last Down alert that reached someone.
                    site.LastAlert = now;
                }

                count++;
            }
        }

        return count;
    }
}
