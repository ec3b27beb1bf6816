using System;
using System.Collections.Generic;
using SiteStatus.Checking.Conditions;
using SiteStatus.Checking.Maintenance;
using SiteStatus.Checking.Settings;

namespace SiteStatus.Checking;

/// <summary>
/// How one site is judged: what the command line sets for every site, and what a row of a sites file overrides for its own.
/// Targets carry it into the probe, so one pool checks sites with different policies under the same limits.
/// Sites with no settings of their own share the command line's instance. Its values, defaults included, come from
/// the settings catalog (<see cref="CheckSettings"/>); nothing here restates them.
/// </summary>
internal sealed record CheckPolicy
{
    /// <summary>Every setting at its default.</summary>
    public static CheckPolicy Default => CheckSettings.Defaults;

    /// <summary>The bound on one attempt: connect, TLS, headers, every redirect and any body read.</summary>
    public TimeSpan Timeout { get; init; }

    public int MaximumRedirection { get; init; }

    public required string UserAgent { get; init; }

    /// <summary>The status codes that count as up.</summary>
    public required StatusCodeSet ExpectedStatus { get; init; }

    /// <summary>
    /// The HTTP version asked for. Over https a server may answer with a lower one (ALPN); over http, 2 is spoken with
    /// prior knowledge (h2c), and 3, which needs TLS, is asked as 1.1.
    /// </summary>
    public required Version HttpVersion { get; init; }

    /// <summary>Ask with HEAD, falling back to GET where the server refuses HEAD (405, 501).</summary>
    public bool UseHead { get; init; }

    public int MaximumRetryCount { get; init; }

    public TimeSpan RetryInterval { get; init; }

    /// <summary>Every condition the answer must meet, of every kind, in the order the settings gave them.</summary>
    public IReadOnlyList<ISiteCondition> Conditions { get; init; } = [];

    /// <summary>The most body bytes read for content and JSON conditions, counted after decompression.</summary>
    public int MaximumContentBytes { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>A report warns (Degraded) when the certificate expires within this many days.</summary>
    public int CertificateExpiryWarningDays { get; init; }

    /// <summary>A report warns (Degraded) when the site answers slower than this.</summary>
    public int? SlowThresholdMs { get; init; }

    /// <summary>A report warns (Degraded) when the domain registration expires within this many days; null: no warning, and no lookup for it.</summary>
    public int? DomainExpiryWarningDays { get; init; }

    /// <summary>The RDAP server asked for the site's domain, over the bootstrap file's; null: the bootstrap file's.</summary>
    public Uri? RdapServer { get; init; }

    /// <summary>Whether the check asks when the site's domain registration expires (a network call to its registry).</summary>
    public bool LooksUpDomain => DomainExpiryWarningDays is not null || Any(c => c is DomainDaysCondition);

    /// <summary>The site's recurring maintenance windows: a check that starts in one still runs, and says so.</summary>
    public IReadOnlyList<MaintenanceWindow> MaintenanceWindows { get; init; } = [];

    /// <summary>Check the URL at every address of its host, each with the host name kept for Host and SNI (-AllAddresses).</summary>
    public bool AllAddresses { get; init; }

    /// <summary>Whether the check must read the start of the body.</summary>
    public bool ReadsBody => Any(c => c.ReadsBody);

    /// <summary>Whether the check must see the server's certificate, and so needs a connection of its own.</summary>
    public bool SeesCertificate => Any(c => c.SeesCertificate);

    /// <summary>Whether any condition is judged at <paramref name="stage"/>.</summary>
    public bool Judges(ConditionStage stage) => Any(c => c.Stage == stage);

    /// <summary>Whether one of the site's maintenance windows is on at <paramref name="instant"/>.</summary>
    public bool InMaintenance(DateTimeOffset instant)
    {
        // A loop, not LINQ: asked of every check, and most sites have no window.
        var windows = MaintenanceWindows;
        for (var i = 0; i < windows.Count; i++)
        {
            if (windows[i].IsActive(instant))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// This policy with the conditions of one setting replaced by <paramref name="conditions"/> (none: that setting's
    /// are dropped), where that setting's stood, so a row of a sites file overrides one kind and keeps the others.
    /// </summary>
    public CheckPolicy WithConditions(string setting, IEnumerable<ISiteCondition> conditions)
    {
        var kept = new List<ISiteCondition>(Conditions.Count);
        var at = -1;
        foreach (var condition in Conditions)
        {
            if (condition.Setting != setting)
            {
                kept.Add(condition);
            }
            else if (at < 0)
            {
                at = kept.Count;
            }
        }

        kept.InsertRange(at < 0 ? kept.Count : at, conditions);
        return this with { Conditions = kept };
    }

    // A loop, not LINQ: asked of every check.
    private bool Any(Func<ISiteCondition, bool> test)
    {
        var conditions = Conditions;
        for (var i = 0; i < conditions.Count; i++)
        {
            if (test(conditions[i]))
            {
                return true;
            }
        }

        return false;
    }
}
