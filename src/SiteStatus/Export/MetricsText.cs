using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SiteStatus.Export;

/// <summary>
/// Results as metrics under blackbox_exporter's http prober names, types and labels wherever the value exists, so its
/// alert rules and dashboards work unchanged; plus what blackbox never said: why a probe failed, attempts, flakiness,
/// maintenance and, with state, the confirmed status. A result of -AllAddresses adds, to the verdict, the status code,
/// the duration and why it failed, a series for each address checked, labelled address as blackbox_exporter's issue 1512
/// would: the URL's own series stays the verdict for every user. A pure function: records in, text out, LF line ends.
/// </summary>
internal static class MetricsText
{
    // blackbox_exporter's phases of probe_http_duration_seconds; transfer is not among them, as no body is downloaded.
    private static readonly string[] Phases = ["resolve", "connect", "tls", "processing"];

    private static readonly Family[] Families =
    [
        new("probe_success", "Displays whether or not the probe was a success", r => One(r.IsUp ? 1 : 0).Concat(PerAddress(r, a => a.IsUp ? 1 : 0))),
        new("probe_duration_seconds", "Returns how long the probe took to complete in seconds", r => One(r.ResponseTimeMs / 1000).Concat(PerAddress(r, a => a.ResponseTimeMs / 1000))),
        new("probe_dns_lookup_time_seconds", "Returns the time taken for probe dns lookup in seconds", r => r.ConnectMs is null ? [] : One((r.DnsMs ?? 0) / 1000)),
        new("probe_http_status_code", "Response HTTP status code", r => One(r.StatusCode ?? 0).Concat(PerAddress(r, a => a.StatusCode ?? 0))),
        new("probe_http_redirects", "The number of redirects", r => r.RedirectCount is { } redirects ? One(redirects) : []),
        new("probe_http_ssl", "Indicates if SSL was used for the final redirect", r => One(IsHttps(r.FinalUri ?? r.Uri) ? 1 : 0)),
        new("probe_http_version", "Returns the version of HTTP of the probe response", r => HttpVersion(r)),
        new("probe_http_content_length", "Length of http content response", r => r.ContentLength is { } length ? One(length) : []),
        new("probe_http_duration_seconds", "Duration of http request by phase, summed over all redirects", PhaseDurations),
        new("probe_ssl_earliest_cert_expiry", "Returns last SSL chain expiry in unixtime", r => r.Certificate is { } c ? One(c.NotAfter.ToUnixTimeSeconds()) : []),
        new("probe_domain_expiry_timestamp_seconds", "When the domain registration expires, as its registry's RDAP server says, in unixtime", r => r.DomainExpires is { } expires ? One(expires.ToUnixTimeSeconds()) : []),
        new("probe_ssl_last_chain_info", "Contains SSL leaf certificate information", ChainInfo),
        new("probe_tls_version_info", "Returns the TLS version used or NaN when unknown", r => r.TlsVersion is { } version ? [(new[] { ("version", version) }, 1)] : []),
        new("probe_failed_due_to_regex", "Indicates if probe failed due to regex", r => One(r.Failure == "ContentMismatch" ? 1 : 0)),
        new("probe_failure_info", "Why the probe failed: the failure kind as the reason label, 1 for a failed probe", FailureInfo, WhenNotRun: true),
        new("probe_maintenance", "Whether the probe started inside a maintenance window of its site", r => One(r.Maintenance ? 1 : 0), WhenNotRun: true),
        new("probe_attempts", "Attempts the probe made: more than 1 after retries of transient failures", r => One(r.Attempts)),
        new("probe_flaky", "Indicates if the probe was up only after a retry", r => One(r.Status == "Flaky" ? 1 : 0)),
        new("probe_confirmed_up", "Whether the site is up after the failure and success thresholds of its state file", r => r.ConfirmedStatus is { } confirmed ? One(confirmed == "Up" ? 1 : 0) : [], WhenNotRun: true),
        new("probe_status_since_timestamp_seconds", "When the confirmed status began, in unixtime", r => r.Since is { } since ? One(since.ToUnixTimeMilliseconds() / 1000.0) : [], WhenNotRun: true),
    ];

    /// <summary>Every family once, its series in input order; the last result for a target and location wins.</summary>
    public static string Write(IEnumerable<ProbeRecord> records, MetricsFormat format)
    {
        var latest = new Dictionary<(string, string?), ProbeRecord>();
        var order = new List<(string, string?)>();
        foreach (var record in records)
        {
            var key = (record.Uri, record.Location);
            if (!latest.ContainsKey(key))
            {
                order.Add(key);
            }

            latest[key] = record;
        }

        return Text(order.Select(key => (IReadOnlyList<ProbeRecord>)[latest[key]]), format, timestamps: false);
    }

    /// <summary>
    /// OpenMetrics of every result, each sample with its check time as the timestamp, for promtool tsdb
    /// create-blocks-from openmetrics: a family's series in input order, each series' samples in time order. Of two
    /// results of one target and location at the same instant, the later given stands, as a series holds one sample
    /// an instant. Every record must have its Timestamp.
    /// </summary>
    public static string Backfill(IEnumerable<ProbeRecord> records)
    {
        var series = records.GroupBy(r => (r.Uri, r.Location)).Select(g =>
        {
            var ordered = g.OrderBy(r => r.Timestamp!.Value).ToList();
            return (IReadOnlyList<ProbeRecord>)ordered.Where((r, i) => i + 1 == ordered.Count || ordered[i + 1].Timestamp != r.Timestamp).ToList();
        });
        return Text(series, MetricsFormat.OpenMetrics, timestamps: true);
    }

    // A check that did not run gives no verdict, so no alert fires on the checker's own trouble: only why, and the
    // confirmed state carried forward from the state file, so an alert on it neither resolves nor fires again.
    private static string Text(IEnumerable<IReadOnlyList<ProbeRecord>> targets, MetricsFormat format, bool timestamps)
    {
        var byTarget = targets.ToList();
        var text = new StringBuilder();
        foreach (var family in Families)
        {
            var header = false;
            foreach (var records in byTarget)
            {
                // The samples of one series together: a record's label sets in the order they first come.
                var samples = new List<(string Labels, List<(double Value, DateTimeOffset? At)> Points)>();
                foreach (var record in records)
                {
                    var series = record.WasChecked || family.WhenNotRun ? family.Series(record) : [];
                    foreach (var (labels, value) in series)
                    {
                        var written = Labels(record, labels);
                        var index = samples.FindIndex(s => s.Labels == written);
                        if (index < 0)
                        {
                            samples.Add((written, []));
                            index = samples.Count - 1;
                        }

                        samples[index].Points.Add((value, record.Timestamp));
                    }
                }

                foreach (var (labels, points) in samples)
                {
                    if (!header)
                    {
                        text.Append("# HELP ").Append(family.Name).Append(' ').Append(family.Help).Append('\n');
                        text.Append("# TYPE ").Append(family.Name).Append(" gauge\n");
                        header = true;
                    }

                    foreach (var (value, at) in points)
                    {
                        text.Append(family.Name).Append(labels).Append(' ').Append(Number(value));
                        if (timestamps)
                        {
                            text.Append(' ').Append(Number(at!.Value.ToUnixTimeMilliseconds() / 1000.0));
                        }

                        text.Append('\n');
                    }
                }
            }
        }

        if (format == MetricsFormat.OpenMetrics)
        {
            text.Append("# EOF\n");
        }

        return text.ToString();
    }

    /// <summary>A label value as the format wants it: backslash, double quote and line feed escaped.</summary>
    public static string EscapeLabel(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    // The site is the target label, as blackbox_exporter's target parameter: Prometheus owns instance and job, and a
    // scrape renames an instance label of the file to exported_instance.
    private static string Labels(ProbeRecord record, IEnumerable<(string Name, string Value)> labels)
    {
        var text = new StringBuilder();
        text.Append("{target=\"").Append(EscapeLabel(record.Uri)).Append('"');
        if (record.Location is { } location)
        {
            text.Append(",location=\"").Append(EscapeLabel(location)).Append('"');
        }

        foreach (var (name, value) in labels)
        {
            text.Append(',').Append(name).Append("=\"").Append(EscapeLabel(value)).Append('"');
        }

        return text.Append('}').ToString();
    }

    private static IEnumerable<((string, string)[] Labels, double Value)> One(double value) => [([], value)];

    // An address the run's deadline kept from its check measured nothing there.
    private static IEnumerable<((string, string)[] Labels, double Value)> PerAddress(ProbeRecord record, Func<AddressRecord, double> value) =>
        record.Addresses.Where(a => a.WasChecked).Select(a => (new[] { ("address", a.Address) }, value(a)));

    // Not for a probe in maintenance: rules that page on why a site failed pass over a site that is meant to be down.
    private static IEnumerable<((string, string)[] Labels, double Value)> FailureInfo(ProbeRecord record)
    {
        if (record.Maintenance)
        {
            return [];
        }

        var failed = record.Addresses.Where(a => a.WasChecked && !a.IsUp).Select(a => (new[] { ("address", a.Address), ("reason", a.Failure) }, 1.0));
        return record.IsUp ? failed : failed.Prepend((new[] { ("reason", record.Failure) }, 1));
    }

    private static IEnumerable<((string, string)[] Labels, double Value)> HttpVersion(ProbeRecord record) =>
        double.TryParse(record.HttpVersion, NumberStyles.Float, CultureInfo.InvariantCulture, out var version) ? One(version) : [];

    // Phases are known only where the runtime tells the connection apart (the net8.0 build). The timings are sums over
    // the redirect chain, so processing, each request's wait for its first byte once connected, is summed too.
    private static IEnumerable<((string, string)[] Labels, double Value)> PhaseDurations(ProbeRecord record)
    {
        if (record.ConnectMs is not { } connect || record.FirstByteMs is not { } firstByte)
        {
            return [];
        }

        var resolve = record.DnsMs ?? 0;
        var tls = record.TlsMs ?? 0;
        double[] values = [resolve, connect, tls, Math.Max(0, firstByte - resolve - connect - tls)];
        return Phases.Select((phase, i) => (new[] { ("phase", phase) }, values[i] / 1000));
    }

    private static IEnumerable<((string, string)[] Labels, double Value)> ChainInfo(ProbeRecord record)
    {
        if (record.Certificate is not { } certificate)
        {
            return [];
        }

        return
        [
            (new[]
            {
                ("fingerprint_sha256", certificate.Sha256Fingerprint ?? string.Empty),
                ("issuer", certificate.Issuer),
                ("serialnumber", (certificate.SerialNumber ?? string.Empty).TrimStart('0')),
                ("subject", certificate.Subject),
                ("subjectalternative", string.Join(",", certificate.SubjectAlternativeNames)),
            }, 1),
        ];
    }

    private static bool IsHttps(string uri) => uri.StartsWith("https:", StringComparison.OrdinalIgnoreCase);

    // Fifteen digits: what a double holds exactly, without a binary fraction's trailing noise (0.10916870000000001).
    private static string Number(double value) => value.ToString("G15", CultureInfo.InvariantCulture);

    // WhenNotRun: the family is written for a result that was not checked too.
    private sealed record Family(string Name, string Help, Func<ProbeRecord, IEnumerable<((string Name, string Value)[] Labels, double Value)>> Series, bool WhenNotRun = false);
}
