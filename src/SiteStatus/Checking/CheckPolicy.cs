using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SiteStatus.Checking;

/// <summary>
/// How one site is judged: what the command line sets for every site, and what a row of a sites file overrides for its own.
/// Targets carry it into the probe, so one pool checks sites with different policies under the same limits.
/// Sites with no settings of their own share the command line's instance.
/// </summary>
internal sealed record CheckPolicy
{
    public static CheckPolicy Default { get; } = new();

    /// <summary>The bound on one attempt: connect, TLS, headers, every redirect and any body read.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public int MaximumRedirection { get; init; } = 10;

    public string UserAgent { get; init; } = ProbeOptions.DefaultUserAgent;

    /// <summary>The status codes that count as up.</summary>
    public StatusCodeSet ExpectedStatus { get; init; } = StatusCodeSet.Success;

    /// <summary>Ask with HEAD, falling back to GET where the server refuses HEAD (405, 501).</summary>
    public bool UseHead { get; init; }

    public int MaximumRetryCount { get; init; }

    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A pattern the start of the body must match.</summary>
    public Regex? ContentMatch { get; init; }

    /// <summary>A pattern the start of the body must not match.</summary>
    public Regex? ContentNotMatch { get; init; }

    /// <summary>Conditions on the body read as JSON.</summary>
    public IReadOnlyList<JsonCondition> JsonConditions { get; init; } = [];

    /// <summary>The most body bytes read for content and JSON conditions, counted after decompression.</summary>
    public int MaximumContentBytes { get; init; } = 1024 * 1024;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>A site slower than this fails its check (ConditionFailed).</summary>
    public TimeSpan? MaximumResponseTime { get; init; }

    /// <summary>A certificate that expires within this many days fails the check (ConditionFailed).</summary>
    public int? MinimumCertificateDays { get; init; }

    /// <summary>A report warns (Degraded) when the certificate expires within this many days.</summary>
    public int CertificateExpiryWarningDays { get; init; } = 14;

    /// <summary>A report warns (Degraded) when the site answers slower than this.</summary>
    public int? SlowThresholdMs { get; init; }

    /// <summary>Whether the check must read the start of the body.</summary>
    public bool ReadsBody => ContentMatch is not null || ContentNotMatch is not null || JsonConditions.Count > 0;

    /// <summary>Whether the check must see the server's certificate, and so needs a connection of its own.</summary>
    public bool SeesCertificate => MinimumCertificateDays is not null;
}
