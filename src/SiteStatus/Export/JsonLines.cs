using System.Text;
using SiteStatus.Json;

namespace SiteStatus.Export;

/// <summary>
/// One result as one compact JSON object on one line, for log shippers and jq: the properties' own names, always all
/// of them (null when empty), enums as strings, times in ISO 8601, timing and certificate as nested objects.
/// </summary>
internal static class JsonLines
{
    public static string Write(ProbeRecord record)
    {
        var text = new StringBuilder(512);
        var json = new JsonWriter(text).StartObject()
            .Name("Uri").Value(record.Uri)
            .Name("Location").Value(record.Location)
            .Name("Status").Value(record.Status)
            .Name("StatusCode").Value(record.StatusCode)
            .Name("Failure").Value(record.Failure)
            .Name("Reason").Value(record.Reason)
            .Name("ResponseTimeMs").Value(record.ResponseTimeMs)
            .Name("FinalUri").Value(record.FinalUri)
            .Name("Timestamp").Value(record.Timestamp)
            .Name("Attempts").Value(record.Attempts)
            .Name("Method").Value(record.Method)
            .Name("Conditions").StartArray();
        foreach (var (condition, passed, observed) in record.Conditions)
        {
            json.StartObject().Name("Condition").Value(condition).Name("Passed").Value(passed).Name("Observed").Value(observed).EndObject();
        }

        json.EndArray()
            .Name("PreviousStatus").Value(record.PreviousStatus)
            .Name("ConfirmedStatus").Value(record.ConfirmedStatus)
            .Name("Changed").Value(record.Changed)
            .Name("Since").Value(record.Since)
            .Name("ConsecutiveFailures").Value(record.ConsecutiveFailures)
            .Name("ConsecutiveSuccesses").Value(record.ConsecutiveSuccesses)
            .Name("Reminder").Value(record.Reminder);
        if (record.IsReport)
        {
            WriteReport(json, record);
        }

        json.EndObject();
        return text.ToString();
    }

    private static void WriteReport(JsonWriter json, ProbeRecord record)
    {
        json.Name("RemoteAddress").Value(record.RemoteAddress)
            .Name("HttpVersion").Value(record.HttpVersion)
            .Name("TlsVersion").Value(record.TlsVersion)
            .Name("Server").Value(record.Server)
            .Name("ContentType").Value(record.ContentType)
            .Name("ContentLength").Value(record.ContentLength)
            .Name("Redirects").Value(record.RedirectCount)
            .Name("Timing").StartObject()
            .Name("DnsMs").Value(record.DnsMs)
            .Name("ConnectMs").Value(record.ConnectMs)
            .Name("TlsMs").Value(record.TlsMs)
            .Name("FirstByteMs").Value(record.FirstByteMs)
            .Name("TotalMs").Value(record.TotalMs)
            .EndObject()
            .Name("Certificate");
        if (record.Certificate is { } certificate)
        {
            json.StartObject()
                .Name("Subject").Value(certificate.Subject)
                .Name("Issuer").Value(certificate.Issuer)
                .Name("NotBefore").Value(certificate.NotBefore)
                .Name("NotAfter").Value(certificate.NotAfter)
                .Name("DaysUntilExpiry").Value(certificate.DaysUntilExpiry)
                .Name("SerialNumber").Value(certificate.SerialNumber)
                .Name("Sha256Fingerprint").Value(certificate.Sha256Fingerprint)
                .Name("SubjectAlternativeNames").Values(certificate.SubjectAlternativeNames)
                .Name("ChainStatus").Values(certificate.ChainStatus)
                .EndObject();
        }
        else
        {
            json.Value((string?)null);
        }

        json.Name("Warnings").Values(record.Warnings);
    }
}
