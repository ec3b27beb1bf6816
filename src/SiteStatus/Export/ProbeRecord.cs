using System;
using System.Collections.Generic;
using Certificate = SiteStatus.Export.FieldsOf<SiteStatus.Export.CertificateRecord>;
using Address = SiteStatus.Export.FieldsOf<SiteStatus.Export.AddressRecord>;
using Condition = SiteStatus.Export.FieldsOf<SiteStatus.Export.ConditionRecord>;
using Record = SiteStatus.Export.FieldsOf<SiteStatus.Export.ProbeRecord>;

namespace SiteStatus.Export;

/// <summary>
/// One result or report as the exports see it, free of PowerShell: read from live objects and from their Deserialized
/// forms (jobs, remoting) alike, so every export is a pure function of these. <see cref="ResultFields"/>, below, fills
/// and writes it, field by field.
/// </summary>
internal sealed class ProbeRecord
{
    public string Uri { get; set; } = string.Empty;

    /// <summary>Where the check ran from, when the result says (remote checks).</summary>
    public string? Location { get; set; }

    /// <summary>Up, Flaky, Degraded, Down, Partial (-AllAddresses) or NotRun.</summary>
    public string Status { get; set; } = string.Empty;

    public int? StatusCode { get; set; }

    public string Failure { get; set; } = "None";

    public string? Reason { get; set; }

    public double ResponseTimeMs { get; set; }

    public string? FinalUri { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public int Attempts { get; set; }

    public string? Method { get; set; }

    /// <summary>"1.1", "2": what the final response came over.</summary>
    public string? HttpVersion { get; set; }

    public IReadOnlyList<ConditionRecord> Conditions { get; set; } = [];

    /// <summary>Set when the result came from a run with -StatePath.</summary>
    public string? ConfirmedStatus { get; set; }

    public string? PreviousStatus { get; set; }

    public bool Changed { get; set; }

    public DateTimeOffset? Since { get; set; }

    public int? ConsecutiveFailures { get; set; }

    public int? ConsecutiveSuccesses { get; set; }

    public bool Reminder { get; set; }

    /// <summary>The check started inside a maintenance window of the site: no alert is due for it.</summary>
    public bool Maintenance { get; set; }

    /// <summary>With -AllAddresses: what each address of the host gave.</summary>
    public IReadOnlyList<AddressRecord> Addresses { get; set; } = [];

    /// <summary>The rest is filled for reports only.</summary>
    public bool IsReport { get; set; }

    public double? DnsMs { get; set; }

    public double? ConnectMs { get; set; }

    public double? TlsMs { get; set; }

    public double? FirstByteMs { get; set; }

    public double? TotalMs { get; set; }

    public int? RedirectCount { get; set; }

    public long? ContentLength { get; set; }

    public string? ContentType { get; set; }

    public string? Server { get; set; }

    public string? RemoteAddress { get; set; }

    public string? TlsVersion { get; set; }

    public CertificateRecord? Certificate { get; set; }

    public IReadOnlyList<string> Warnings { get; set; } = [];

    /// <summary>The registrable domain whose expiry was asked for, with what its registry said (or why nothing is known).</summary>
    public string? Domain { get; set; }

    public DateTimeOffset? DomainExpires { get; set; }

    public int? DomainDaysLeft { get; set; }

    public string? DomainReason { get; set; }

    /// <summary>Up, Flaky and Degraded answered; Down did not; NotRun was not checked.</summary>
    public bool IsUp => Status is "Up" or "Flaky" or "Degraded";

    public bool WasChecked => Status != "NotRun";
}

/// <summary>
/// The fields of a result, described once: each public property of <see cref="SiteStatusResult"/> and
/// <see cref="SiteStatusReport"/> by its name, its kind and where <see cref="ProbeRecord"/> keeps it. JSON Lines writes
/// by this table (in its order), the exports read results live, Deserialized or parsed from JSON by it, and a
/// location's results cross a session packed by it. A new result field is its property on the result or report, and
/// in this file its property on <see cref="ProbeRecord"/> and one entry here; ResultFieldsTests fails until they agree.
/// </summary>
internal static class ResultFields
{
    private const string Timing = "Timing";

    /// <summary>What every result has, Test-SiteStatus's and Get-SiteStatusReport's.</summary>
    public static IReadOnlyList<ResultField<ProbeRecord>> Result { get; } =
    [
        Record.Text("Uri", r => r.Uri, (r, v) => r.Uri = v ?? string.Empty),
        Record.Text("Location", r => r.Location, (r, v) => r.Location = v),
        Record.Text("Status", r => r.Status, (r, v) => r.Status = v ?? string.Empty),
        Record.Integer("StatusCode", r => r.StatusCode, (r, v) => r.StatusCode = (int?)v),
        Record.Text("Failure", r => r.Failure, (r, v) => r.Failure = v ?? "None"),
        Record.Text("Reason", r => r.Reason, (r, v) => r.Reason = v),
        Record.Number("ResponseTimeMs", r => r.ResponseTimeMs, (r, v) => r.ResponseTimeMs = v ?? 0),
        Record.Text("FinalUri", r => r.FinalUri, (r, v) => r.FinalUri = v),
        Record.Time("Timestamp", r => r.Timestamp, (r, v) => r.Timestamp = v),
        Record.Integer("Attempts", r => r.Attempts, (r, v) => r.Attempts = (int?)v ?? 1),
        Record.Text("Method", r => r.Method, (r, v) => r.Method = v),
        Record.Text("HttpVersion", r => r.HttpVersion, (r, v) => r.HttpVersion = v),
        Record.Objects("Conditions", r => r.Conditions, (r, v) => r.Conditions = v, () => new ConditionRecord(),
        [
            Condition.Text("Condition", c => c.Condition, (c, v) => c.Condition = v ?? string.Empty),
            Condition.Flag("Passed", c => c.Passed, (c, v) => c.Passed = v),
            Condition.Text("Observed", c => c.Observed, (c, v) => c.Observed = v),
        ]),
        Record.Text("PreviousStatus", r => r.PreviousStatus, (r, v) => r.PreviousStatus = v),
        Record.Text("ConfirmedStatus", r => r.ConfirmedStatus, (r, v) => r.ConfirmedStatus = v),
        Record.Flag("Changed", r => r.Changed, (r, v) => r.Changed = v),
        Record.Time("Since", r => r.Since, (r, v) => r.Since = v),
        Record.Integer("ConsecutiveFailures", r => r.ConsecutiveFailures, (r, v) => r.ConsecutiveFailures = (int?)v),
        Record.Integer("ConsecutiveSuccesses", r => r.ConsecutiveSuccesses, (r, v) => r.ConsecutiveSuccesses = (int?)v),
        Record.Flag("Reminder", r => r.Reminder, (r, v) => r.Reminder = v),
        Record.Flag("Maintenance", r => r.Maintenance, (r, v) => r.Maintenance = v),
        Record.Objects("Addresses", r => r.Addresses, (r, v) => r.Addresses = v, () => new AddressRecord(),
        [
            Address.Text("Address", a => a.Address, (a, v) => a.Address = v ?? string.Empty),
            Address.Text("Status", a => a.Status, (a, v) => a.Status = v ?? string.Empty),
            Address.Integer("StatusCode", a => a.StatusCode, (a, v) => a.StatusCode = (int?)v),
            Address.Text("Failure", a => a.Failure, (a, v) => a.Failure = v ?? "None"),
            Address.Text("Reason", a => a.Reason, (a, v) => a.Reason = v),
            Address.Number("ResponseTimeMs", a => a.ResponseTimeMs, (a, v) => a.ResponseTimeMs = v ?? 0),
            Address.Text("RemoteAddress", a => a.RemoteAddress, (a, v) => a.RemoteAddress = v),
        ]),
    ];

    /// <summary>What a report adds. JSON Lines gives Redirects as their number, as the metrics do.</summary>
    public static IReadOnlyList<ResultField<ProbeRecord>> Report { get; } =
    [
        Record.Text("RemoteAddress", r => r.RemoteAddress, (r, v) => r.RemoteAddress = v),
        Record.Text("TlsVersion", r => r.TlsVersion, (r, v) => r.TlsVersion = v),
        Record.Text("Server", r => r.Server, (r, v) => r.Server = v),
        Record.Text("ContentType", r => r.ContentType, (r, v) => r.ContentType = v),
        Record.Integer("ContentLength", r => r.ContentLength, (r, v) => r.ContentLength = v),
        Record.HopCount("Redirects", r => r.RedirectCount, (r, v) => r.RedirectCount = (int?)v),
        Record.Group(Timing, r => r.IsReport, (r, v) => r.IsReport = v,
        [
            Record.Number("DnsMs", r => r.DnsMs, (r, v) => r.DnsMs = v),
            Record.Number("ConnectMs", r => r.ConnectMs, (r, v) => r.ConnectMs = v),
            Record.Number("TlsMs", r => r.TlsMs, (r, v) => r.TlsMs = v),
            Record.Number("FirstByteMs", r => r.FirstByteMs, (r, v) => r.FirstByteMs = v),
            Record.Number("TotalMs", r => r.TotalMs, (r, v) => r.TotalMs = v),
        ]),
        Record.Object("Certificate", r => r.Certificate, (r, v) => r.Certificate = v, () => new CertificateRecord(),
        [
            Certificate.Text("Subject", c => c.Subject, (c, v) => c.Subject = v ?? string.Empty),
            Certificate.Text("Issuer", c => c.Issuer, (c, v) => c.Issuer = v ?? string.Empty),
            Certificate.Time("NotBefore", c => c.NotBefore, (c, v) => c.NotBefore = v ?? default),
            Certificate.Time("NotAfter", c => c.NotAfter, (c, v) => c.NotAfter = v ?? default),
            Certificate.Integer("DaysUntilExpiry", c => c.DaysUntilExpiry, (c, v) => c.DaysUntilExpiry = (int?)v ?? 0),
            Certificate.Text("SerialNumber", c => c.SerialNumber, (c, v) => c.SerialNumber = v),
            Certificate.Text("Sha256Fingerprint", c => c.Sha256Fingerprint, (c, v) => c.Sha256Fingerprint = v),
            Certificate.Texts("SubjectAlternativeNames", c => c.SubjectAlternativeNames, (c, v) => c.SubjectAlternativeNames = v),
            Certificate.Texts("ChainStatus", c => c.ChainStatus, (c, v) => c.ChainStatus = v),
        ]),
        Record.Texts("Warnings", r => r.Warnings, (r, v) => r.Warnings = v),
        Record.Text("Domain", r => r.Domain, (r, v) => r.Domain = v),
        Record.Time("DomainExpires", r => r.DomainExpires, (r, v) => r.DomainExpires = v),
        Record.Integer("DomainDaysLeft", r => r.DomainDaysLeft, (r, v) => r.DomainDaysLeft = (int?)v),
        Record.Text("DomainReason", r => r.DomainReason, (r, v) => r.DomainReason = v),
    ];

    /// <summary>A report's fields: every one.</summary>
    public static IReadOnlyList<ResultField<ProbeRecord>> All { get; } = [.. Result, .. Report];

    /// <summary>The fields <paramref name="record"/> has: all for a report, a result's for a result.</summary>
    public static IReadOnlyList<ResultField<ProbeRecord>> Of(ProbeRecord record) => record.IsReport ? All : Result;

    /// <summary>Fills <paramref name="record"/> from <paramref name="item"/>, every field read by its name as <paramref name="form"/> holds it.</summary>
    public static void Read(ProbeRecord record, object item, IResultForm form)
    {
        // A report is what has a Timing: a result's report fields stay empty without being looked for.
        foreach (var field in form.Property(item, Timing) is null ? Result : All)
        {
            field.Read(record, form.Property(item, field.Name), form);
        }
    }
}

/// <summary>The certificate of a report, as the exports see it.</summary>
internal sealed class CertificateRecord
{
    public string Subject { get; set; } = string.Empty;

    public string Issuer { get; set; } = string.Empty;

    public DateTimeOffset NotBefore { get; set; }

    public DateTimeOffset NotAfter { get; set; }

    public int DaysUntilExpiry { get; set; }

    public IReadOnlyList<string> SubjectAlternativeNames { get; set; } = [];

    public IReadOnlyList<string> ChainStatus { get; set; } = [];

    public string? SerialNumber { get; set; }

    public string? Sha256Fingerprint { get; set; }
}

/// <summary>What one address of the host gave (-AllAddresses), as the exports see it.</summary>
internal sealed class AddressRecord
{
    public string Address { get; set; } = string.Empty;

    /// <summary>Up, Flaky, Down or NotRun.</summary>
    public string Status { get; set; } = string.Empty;

    public int? StatusCode { get; set; }

    public string Failure { get; set; } = "None";

    public string? Reason { get; set; }

    public double ResponseTimeMs { get; set; }

    public string? RemoteAddress { get; set; }

    /// <summary>Up there, after a retry or not.</summary>
    public bool IsUp => Status is "Up" or "Flaky";

    public bool WasChecked => Status != "NotRun";
}

/// <summary>One condition of a result, as the exports see it.</summary>
internal sealed class ConditionRecord
{
    public string Condition { get; set; } = string.Empty;

    public bool Passed { get; set; }

    public string? Observed { get; set; }
}
