using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace SiteStatus.Commands;

/// <summary>
/// The progress bar of a run: shown once the run has taken a second, refreshed at most twice a second whatever the
/// rate of results, and removed when the run ends. Written by the pipeline thread only.
/// </summary>
internal sealed class RunProgress(string activity, int? total)
{
    private const int ActivityId = 0x5175;

    private static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(500);

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private TimeSpan? _lastWritten;
    private ProgressRecord? _last;
    private int _done;
    private int _up;
    private int _down;

    /// <param name="up">The site is up (Flaky included).</param>
    /// <param name="ran">The URL was checked: false for NotRun, which counts as done but neither up nor down.</param>
    public void Count(bool up, bool ran)
    {
        _done++;
        if (up)
        {
            _up++;
        }
        else if (ran)
        {
            _down++;
        }
    }

    public void WriteIfDue(Cmdlet cmdlet, int inFlight)
    {
        var now = _clock.Elapsed;
        if (now < ShowAfter || now - _lastWritten < RefreshEvery)
        {
            return;
        }

        _lastWritten = now;
        var rate = _done / now.TotalSeconds;

        // A new record each time: hosts and streams may keep the ones written.
        _last = new ProgressRecord(ActivityId, activity, string.Format(
            CultureInfo.CurrentCulture,
            total is not null ? "{0} of {5} done: {1} up, {2} down; {3} in flight; {4:0.#}/s" : "{0} done: {1} up, {2} down; {3} in flight; {4:0.#}/s",
            _done,
            _up,
            _down,
            inFlight,
            rate,
            total));
        if (total is { } count && count > 0)
        {
            _last.PercentComplete = Math.Min(100, _done * 100 / count);
            _last.SecondsRemaining = rate > 0 ? (int)Math.Ceiling((count - _done) / rate) : -1;
        }

        cmdlet.WriteProgress(_last);
    }

    public void Complete(Cmdlet cmdlet)
    {
        if (_last is null)
        {
            return;
        }

        cmdlet.WriteProgress(new ProgressRecord(ActivityId, activity, _last.StatusDescription) { RecordType = ProgressRecordType.Completed });
    }
}
