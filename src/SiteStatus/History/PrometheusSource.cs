using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Checking;
using SiteStatus.Export;
using SiteStatus.Json;

namespace SiteStatus.History;

/// <summary>
/// Outcomes from Prometheus's series of the module's metrics (probe_success, probe_duration_seconds,
/// probe_maintenance, probe_failure_info, by target and location), read with range queries
/// (/api/v1/query_range) at a step of the run interval. Each step stands for the last check within it
/// (last_over_time over one step), so a step without a sample is a run that did not happen, not the one before
/// repeated; a step with probe_failure_info but no probe_success is a NotRun. Series of one target and location
/// from several jobs or instances are one: down when any says down.
/// </summary>
internal sealed class PrometheusSource(HttpClient client, Uri server, TimeSpan step, IReadOnlyList<KeyValuePair<string, string>> headers, TimeSpan timeout) : IHistorySource
{
    // Prometheus refuses a range query of more than 11,000 points per series; longer ranges are read in parts.
    private const int PointsPerQuery = 10_000;

    private readonly long _step = Math.Max(1, (long)step.TotalSeconds);

    /// <summary>
    /// One step less a millisecond: Prometheus 2 takes a range's start in (3 does not), and a step must not see the
    /// check at the step before, or a run that did not happen would repeat it.
    /// </summary>
    private string Range => $"{(_step * 1000) - 1}ms";

    /// <summary>The server as messages show it: scheme, host and port, never user information.</summary>
    private string Shown => $"{server.Scheme}://{server.Authority}";

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<HistoryOutcome>>> ReadAsync(IReadOnlyList<string> uriPatterns, string? location, DateTimeOffset from, DateTimeOffset to, CancellationToken stopping)
    {
        var selector = Selector(uriPatterns, location);
        var points = new Dictionary<(string Target, string? Location), SortedDictionary<long, Point>>();
        var first = (long)Math.Ceiling(from.ToUnixTimeMilliseconds() / 1000.0 / _step) * _step;
        var last = ((long)Math.Ceiling(to.ToUnixTimeMilliseconds() / 1000.0 / _step) - 1) * _step;
        for (var start = first; start <= last; start += PointsPerQuery * _step)
        {
            var end = Math.Min(last, start + ((PointsPerQuery - 1) * _step));
            foreach (var (series, at, value) in await QueryAsync($"min by (target, location) (last_over_time(probe_success{selector}[{Range}]))", start, end, stopping).ConfigureAwait(false))
            {
                At(points, series, at).Success = value;
            }

            foreach (var (series, at, value) in await QueryAsync($"max by (target, location) (last_over_time(probe_duration_seconds{selector}[{Range}]))", start, end, stopping).ConfigureAwait(false))
            {
                At(points, series, at).Seconds = value;
            }

            foreach (var (series, at, value) in await QueryAsync($"max by (target, location) (last_over_time(probe_maintenance{selector}[{Range}]))", start, end, stopping).ConfigureAwait(false))
            {
                At(points, series, at).Maintenance = value >= 1;
            }

            foreach (var (series, at, _) in await QueryAsync($"max by (target, location, reason) (last_over_time(probe_failure_info{selector}[{Range}]))", start, end, stopping).ConfigureAwait(false))
            {
                var point = At(points, series, at);
                point.Failure ??= series.TryGetValue("reason", out var reason) ? reason : null;
            }
        }

        return points
            .Where(p => uriPatterns.Count == 0 || uriPatterns.Any(pattern => UriPattern.Matches(pattern, p.Key.Target)))
            .GroupBy(p => p.Key.Target, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<HistoryOutcome>)g.SelectMany(p => p.Value.Select(v => Outcome(p.Key.Target, p.Key.Location, v.Key, v.Value))).OrderBy(o => o.CheckedAt).ToList(),
                StringComparer.Ordinal);
    }

    // Target patterns as one RE2 alternation (Prometheus anchors it); the location as it is written.
    private static string Selector(IReadOnlyList<string> uriPatterns, string? location)
    {
        var matchers = new List<string>();
        if (uriPatterns.Count > 0)
        {
            matchers.Add($"target=~\"{Quoted(string.Join("|", uriPatterns.Select(Regex)))}\"");
        }

        if (location is not null)
        {
            matchers.Add($"location=\"{Quoted(location)}\"");
        }

        return matchers.Count == 0 ? string.Empty : "{" + string.Join(",", matchers) + "}";
    }

    /// <summary>
    /// A <see cref="UriPattern"/> as an RE2 regular expression (Prometheus's label matchers, which anchor it at both
    /// ends): every ASCII character that is neither a letter nor a digit is escaped, which RE2 reads as that character,
    /// and (?i) ignores case.
    /// </summary>
    private static string Regex(string pattern)
    {
        var regex = new StringBuilder("(?i)");
        foreach (var c in pattern)
        {
            regex.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                _ when c < 128 && !char.IsLetterOrDigit(c) => "\\" + c,
                _ => c.ToString(),
            });
        }

        return regex.ToString();
    }

    // A PromQL string in double quotes: backslash, double quote and line feed escaped, as in the exposition format.
    private static string Quoted(string value) => MetricsText.EscapeLabel(value);

    private static Point At(Dictionary<(string, string?), SortedDictionary<long, Point>> points, IReadOnlyDictionary<string, string> series, long at)
    {
        var key = (series["target"], series.TryGetValue("location", out var location) ? location : null);
        if (!points.TryGetValue(key, out var byTime))
        {
            points[key] = byTime = [];
        }

        if (!byTime.TryGetValue(at, out var point))
        {
            byTime[at] = point = new Point();
        }

        return point;
    }

    private static HistoryOutcome Outcome(string target, string? location, long at, Point point)
    {
        var status = point.Success is not { } success ? SiteState.NotRun : success >= 1 ? SiteState.Up : SiteState.Down;
        var failure = status switch
        {
            SiteState.NotRun => nameof(FailureKind.NotRun),
            SiteState.Up => nameof(FailureKind.None),
            _ => point.Failure ?? nameof(FailureKind.None),
        };
        return new HistoryOutcome(target, location, DateTimeOffset.FromUnixTimeSeconds(at), status, failure, null, (point.Seconds ?? 0) * 1000, null, point.Maintenance);
    }

    /// <summary>The samples of a range query: each series' labels, and its (time, value) pairs; every series has a target.</summary>
    private async Task<List<(IReadOnlyDictionary<string, string> Series, long At, double Value)>> QueryAsync(string query, long start, long end, CancellationToken stopping)
    {
        var text = await PostAsync(
            [
                new("query", query),
                new("start", start.ToString(CultureInfo.InvariantCulture)),
                new("end", end.ToString(CultureInfo.InvariantCulture)),
                new("step", _step.ToString(CultureInfo.InvariantCulture)),
            ],
            stopping).ConfigureAwait(false);
        var samples = new List<(IReadOnlyDictionary<string, string>, long, double)>();
        try
        {
            var data = (Dictionary<string, object?>)((Dictionary<string, object?>)JsonDocumentReader.Parse(text)!)["data"]!;
            foreach (var item in (List<object?>)data["result"]!)
            {
                var series = (Dictionary<string, object?>)item!;
                var labels = ((Dictionary<string, object?>)series["metric"]!).ToDictionary(l => l.Key, l => (string)l.Value!, StringComparer.Ordinal);
                if (!labels.ContainsKey("target"))
                {
                    continue;
                }

                foreach (var sample in (List<object?>)series["values"]!)
                {
                    var pair = (List<object?>)sample!;
                    var value = double.Parse((string)pair[1]!, NumberStyles.Float, CultureInfo.InvariantCulture);
                    samples.Add((labels, (long)Math.Round((double)pair[0]!), value));
                }
            }
        }
        catch (Exception e) when (e is JsonFormatException or InvalidCastException or KeyNotFoundException or NullReferenceException or FormatException or ArgumentOutOfRangeException)
        {
            throw new HistoryReadException($"Prometheus at {Shown} answered what is not a range query's result: {e.Message}", e);
        }

        return samples;
    }

    /// <summary>The body of a successful query; a HistoryReadException saying why otherwise.</summary>
    private async Task<string> PostAsync(KeyValuePair<string, string>[] form, CancellationToken stopping)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(server.AbsoluteUri.TrimEnd('/') + "/"), "api/v1/query_range"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        foreach (var header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        bounded.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, bounded.Token).ConfigureAwait(false);
#if NET8_0_OR_GREATER
            var body = await response.Content.ReadAsStringAsync(bounded.Token).ConfigureAwait(false);
#else
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
#endif
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            // Prometheus says what it refused in an error field; anything else (a proxy's page) by its status.
            var said = TryParse(body) is Dictionary<string, object?> answer && answer.TryGetValue("error", out var error) && error is string words ? words : null;
            throw new HistoryReadException(string.Format(
                CultureInfo.InvariantCulture,
                "Prometheus at {0} answered {1} {2}{3}",
                Shown,
                (int)response.StatusCode,
                response.ReasonPhrase,
                said is null ? "." : $": {said}"));
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            throw new HistoryReadException($"Prometheus at {Shown} did not answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e)
        {
            throw new HistoryReadException($"Prometheus at {Shown} could not be reached: {e.Message}", e);
        }
    }

    private static object? TryParse(string text)
    {
        try
        {
            return JsonDocumentReader.Parse(text);
        }
        catch (JsonFormatException)
        {
            return null;
        }
    }

    /// <summary>What the series say of one target and location at one step.</summary>
    private sealed class Point
    {
        public double? Success { get; set; }

        public double? Seconds { get; set; }

        public bool Maintenance { get; set; }

        public string? Failure { get; set; }
    }
}
