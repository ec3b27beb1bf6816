using System;

namespace SiteStatus.State;

/// <summary>
/// How runs confirm a status: a site becomes Down when FailureThreshold runs failed, Up again when SuccessThreshold runs
/// succeeded; in a row, or with a <see cref="Window"/> among the last that many runs since the last confirmed change.
/// A site still Down is reminded of every ReminderInterval.
/// </summary>
/// <param name="FailureThreshold">Failed runs that confirm Down.</param>
/// <param name="SuccessThreshold">Successful runs that confirm Up again.</param>
/// <param name="Window">Null: the runs count in a row. Else the thresholds count among the last this many runs since the last confirmed change.</param>
/// <param name="ReminderInterval">How often a site still Down is reminded of; null for never.</param>
internal sealed record StateRules(int FailureThreshold, int SuccessThreshold, int? Window, TimeSpan? ReminderInterval);
