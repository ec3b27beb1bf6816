using System.Collections.Generic;
using Certificate = SiteStatus.Export.FieldsOf<SiteStatus.Export.CertificateRecord>;
using Condition = SiteStatus.Export.FieldsOf<SiteStatus.Export.ConditionRecord>;
using Record = SiteStatus.Export.FieldsOf<SiteStatus.Export.ProbeRecord>;

namespace SiteStatus.Export;

/// <summary>
/// The fields of a result, described once: each public property of <see cref="SiteStatusResult"/> and
/// <see cref="SiteStatusReport"/> by its name, its kind and where <see cref="ProbeRecord"/> keeps it. JSON Lines writes
/// by this table (in its order), the exports read results live, Deserialized or parsed from JSON by it, and a
/// location's results cross a session packed by it. A new result field is its property on the result or report, its
/// property on <see cref="ProbeRecord"/>, and one entry here; ResultFieldsTests fails until all three agree.
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
    ];

    /// <summary>What a report adds. JSON Lines gives Redirects as their number, as the metrics do.</summary>
    public static IReadOnlyList<ResultField<ProbeRecord>> Report { get; } =
    [
        Record.Text("RemoteAddress", r => r.RemoteAddress, (r, v) => r.RemoteAddress = v),
        Record.Text("HttpVersion", r => r.HttpVersion, (r, v) => r.HttpVersion = v),
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
