using System;
using System.Collections.Generic;
using System.Globalization;
using SiteStatus.Checking;
using SiteStatus.State;

namespace SiteStatus;

/// <summary>
/// What exactly happened when one URL was checked, as Get-SiteStatusReport emits it:
/// everything a <see cref="SiteStatusResult"/> has, plus the connection, the timings, the redirects and the certificate.
/// </summary>
public sealed class SiteStatusReport : SiteStatusResult
{
    internal SiteStatusReport(ProbeOutcome outcome, ProbeDetails details, List<string> warnings, StateChange? state)
        : base(outcome, StateOf(outcome) == SiteState.Up && warnings.Count > 0 ? SiteState.Degraded : StateOf(outcome), state)
    {
        RemoteAddress = details.RemoteAddress;
        Server = details.Server;
        ContentType = details.ContentType;
        ContentLength = details.ContentLength;
        Timing = details.Timing;
        Redirects = new TextList<RedirectHop>(details.Redirects, " -> ");
        Certificate = details.Certificate;
        TlsVersion = details.TlsVersion;
        Warnings = new TextList<string>(warnings, "; ");
        Domain = outcome.Domain?.Domain;
        DomainExpires = outcome.Domain?.Expires;
        DomainDaysLeft = outcome.Domain?.DaysLeft(outcome.Started);
        DomainReason = outcome.Domain?.Unknown;
    }

    /// <summary>The IP address connected to for the final request; null when the connection was reused or the runtime cannot tell.</summary>
    public string? RemoteAddress { get; }

    /// <summary>The Server header of the final response.</summary>
    public string? Server { get; }

    /// <summary>The Content-Type header of the final response.</summary>
    public string? ContentType { get; }

    /// <summary>The Content-Length header of the final response; the body itself is never downloaded.</summary>
    public long? ContentLength { get; }

    /// <summary>Where the time of the final request went.</summary>
    public SiteTiming Timing { get; }

    /// <summary>Every request of the check in order, each URL with its status code; the last one gave the final answer. As text: "301 http://a/ -> 200 https://a/".</summary>
    public TextList<RedirectHop> Redirects { get; }

    /// <summary>The final https server's certificate, filled even when it failed validation; null for plain http.</summary>
    public SiteCertificate? Certificate { get; }

    /// <summary>The TLS version of the final https connection, as "TLS 1.3"; null for http, and on Windows PowerShell 5.1, whose handler does not say.</summary>
    public string? TlsVersion { get; }

    /// <summary>What an operator should know although the site may be up: a certificate near expiry, a slow answer. As text: the warnings joined by "; ".</summary>
    public TextList<string> Warnings { get; }

    /// <summary>With -MinimumDomainDays or -DomainExpiryWarningDays: the registrable domain whose registration was asked for (example.com.br for https://shop.example.com.br/); null when none was asked, or the host has none (an IP address, a single-label name).</summary>
    public string? Domain { get; }

    /// <summary>When the domain's registration expires, as its registry's RDAP server said; null when not asked for or not known (DomainReason says why).</summary>
    public DateTimeOffset? DomainExpires { get; }

    /// <summary>Whole days from the check to DomainExpires, negative once it has passed; null when DomainExpires is.</summary>
    public int? DomainDaysLeft { get; }

    /// <summary>Why DomainExpires is not known although it was asked for: an IP address, no RDAP server for the domain, no answer, an answer with no real expiration date; null otherwise.</summary>
    public string? DomainReason { get; }

    /// <summary>The warnings a report carries under its site's thresholds.</summary>
    internal static List<string> FindWarnings(ProbeOutcome outcome, ProbeDetails details, CheckPolicy policy)
    {
        var warnings = new List<string>();
        var expiryWarningDays = policy.CertificateExpiryWarningDays;
        var slowThresholdMs = policy.SlowThresholdMs;
        if (details.Certificate is { } certificate && certificate.DaysUntilExpiry < expiryWarningDays)
        {
            var now = DateTimeOffset.UtcNow;
            warnings.Add(certificate.NotAfter < now
                ? string.Format(CultureInfo.InvariantCulture, "The certificate expired {0} days ago ({1:yyyy-MM-dd}).", (int)(now - certificate.NotAfter).TotalDays, certificate.NotAfter)
                : string.Format(CultureInfo.InvariantCulture, "The certificate expires in {0} days ({1:yyyy-MM-dd}).", certificate.DaysUntilExpiry, certificate.NotAfter));
        }

        if (slowThresholdMs is { } threshold && outcome.StatusCode is not null && outcome.Elapsed.TotalMilliseconds > threshold)
        {
            warnings.Add(string.Format(CultureInfo.InvariantCulture, "Answered in {0:0} ms, slower than {1} ms.", outcome.Elapsed.TotalMilliseconds, threshold));
        }

        if (policy.DomainExpiryWarningDays is { } domainDays && outcome.Domain is { Expires: { } expires } domain && domain.DaysLeft(outcome.Started) is { } left && left < domainDays)
        {
            warnings.Add(left < 0
                ? string.Format(CultureInfo.InvariantCulture, "The domain {0} expired {1} days ago ({2:yyyy-MM-dd}).", domain.Domain, -left, expires)
                : string.Format(CultureInfo.InvariantCulture, "The domain {0} expires in {1} days ({2:yyyy-MM-dd}).", domain.Domain, left, expires));
        }

        return warnings;
    }
}
