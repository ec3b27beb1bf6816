using System;

namespace SiteStatus.State;

/// <summary>How one result stands against the state: what was confirmed before, what is now, and whether to alert.</summary>
internal sealed record StateChange(
    SiteState? PreviousStatus,
    SiteState ConfirmedStatus,
    bool Changed,
    DateTimeOffset Since,
    int ConsecutiveFailures,
    int ConsecutiveSuccesses,
    bool Reminder,
    double? AvailabilityPercent,
    int Checks);

/// <summary>
/// Turns each run's verdicts into confirmed statuses and alerts, by the <see cref="StateRules"/>. A URL never seen
/// counts as confirmed Up, so the first alert about it is a Down one. A confirmed status dates from the first run of the
/// streak that confirmed it. Where delivery is tracked, an alert not yet delivered is reported again by each run until
/// it is. A check in maintenance, like one not run, counts toward nothing: it changes no confirmed status, breaks no
/// streak and alerts no one. A URL given twice in one run counts once: its first outcome. Called on the pipeline thread.
/// </summary>
internal sealed class StateTracker(IStateEntries sites, StateRules rules, bool deliveryTracked)
{
    /// <summary>
    /// Weighs one verdict: up (Up, Flaky, Degraded), down (Down, Partial), or not run (changes nothing). <paramref name="checkedAt"/> is
    /// when the check started, which dates a streak; <paramref name="now"/> when the run weighs it.
    /// </summary>
    public StateChange Apply(string url, SiteState verdict, bool maintenance, DateTimeOffset checkedAt, DateTimeOffset now)
    {
        var seen = sites.Find(url);
        if (seen?.WeighedThisRun is { } weighed)
        {
            // A URL listed twice is one site checked once more in the same run, not another run in a row.
            return weighed with { Changed = false, Reminder = false };
        }

        if (verdict == SiteState.NotRun || maintenance)
        {
            if (seen is null)
            {
                return new StateChange(null, SiteState.Up, false, now, 0, 0, false, null, 0);
            }

            // Checked in maintenance: still seen, so the entry is kept however long the maintenance lasts.
            seen.LastSeen = maintenance ? now : seen.LastSeen;
            return Describe(seen, seen.Confirmed, changed: false, reminder: false);
        }

        // Partial (-AllAddresses: down at some addresses of the host) is an outage for the users sent there.
        var known = seen is not null;
        if (seen is null)
        {
            seen = new StateEntry { Confirmed = SiteState.Up, Since = now };
            sites.Add(url, seen);
        }

        var change = Weigh(seen, known, verdict is SiteState.Down or SiteState.Partial, checkedAt, now);
        seen.WeighedThisRun = change;
        return change;
    }

    private StateChange Weigh(StateEntry site, bool known, bool down, DateTimeOffset checkedAt, DateTimeOffset now)
    {

        var previous = site.Confirmed;
        var streakGoesOn = down ? site.ConsecutiveFailures > 0 : site.ConsecutiveSuccesses > 0;
        site.LastSeen = now;
        site.History.Add(!down);
        site.RunsSinceChange = Math.Min(site.RunsSinceChange + 1, OutcomeHistory.Window);
        site.ConsecutiveFailures = down ? site.ConsecutiveFailures + 1 : 0;
        site.ConsecutiveSuccesses = down ? 0 : site.ConsecutiveSuccesses + 1;
        site.StreakStarted = streakGoesOn && site.StreakStarted is { } started ? started : checkedAt;

        var changed = false;
        if (previous == SiteState.Up && Counted(site, up: false) >= rules.FailureThreshold)
        {
            (site.Confirmed, site.Since, site.LastAlert, site.RunsSinceChange, changed) = (SiteState.Down, site.StreakStarted.Value, now, 0, true);
            site.PendingAlert = deliveryTracked ? AlertKind.Down : null;
        }
        else if (previous == SiteState.Down && Counted(site, up: true) >= rules.SuccessThreshold)
        {
            // Down is only ever confirmed by a reported transition, so a recovery always follows an alert.
            (site.Confirmed, site.Since, site.LastAlert, site.RunsSinceChange, changed) = (SiteState.Up, site.StreakStarted.Value, null, 0, true);
            site.PendingAlert = deliveryTracked ? AlertKind.Recovered : null;
        }
        else if (deliveryTracked && site.PendingAlert is AlertKind.Down or AlertKind.Recovered)
        {
            // The change was reported before, but its alert has not been delivered: report it again.
            changed = true;
        }

        var reminder = !changed && site.Confirmed == SiteState.Down
            && ((deliveryTracked && site.PendingAlert == AlertKind.Reminder)
                || (rules.ReminderInterval is { } interval && (site.LastAlert is not { } last || now - last >= interval)));
        if (reminder)
        {
            site.LastAlert = now;
            site.PendingAlert = deliveryTracked ? AlertKind.Reminder : null;
        }

        return Describe(site, known ? previous : null, changed, reminder);
    }

    // Runs that went the one way: in a row, or within the window since the last confirmed change.
    private int Counted(StateEntry site, bool up) => rules.Window is { } window
        ? site.History.CountLast(Math.Min(window, site.RunsSinceChange), up)
        : up ? site.ConsecutiveSuccesses : site.ConsecutiveFailures;

    private static StateChange Describe(StateEntry site, SiteState? previous, bool changed, bool reminder) => new(
        previous,
        site.Confirmed,
        changed,
        site.Since,
        site.ConsecutiveFailures,
        site.ConsecutiveSuccesses,
        reminder,
        site.History.AvailabilityPercent,
        site.History.Count);
}
