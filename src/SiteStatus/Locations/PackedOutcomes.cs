using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SiteStatus.Checking;
using SiteStatus.Json;
using SiteStatus.Checking.Conditions;

namespace SiteStatus.Locations;

/// <summary>
/// Test-SiteStatus results as they cross a session: one text per batch (a marker line, then a JSON array with an array
/// per check) instead of a serialized object per result, so both sides spend a fraction of the time serializing.
/// The caller rebuilds each check's outcome against the target it sent, and so writes the same live
/// SiteStatusResult objects a local run writes. Both sides run this exact module version, so the layout is private.
/// </summary>
internal static class PackedOutcomes
{
    private const string Marker = "SiteStatus.PackedOutcomes/1\n";

    /// <summary>Whether a location's output is a packed batch.</summary>
    public static bool IsPacked(object? output) => output is string text && text.StartsWith(Marker, StringComparison.Ordinal);

    /// <summary>One text for the checks of a batch: [uri, failure, code, reason, elapsed ticks, final URI (null: the URL itself), started, attempts, method, conditions, cut by the run's deadline].</summary>
    public static string Pack(IReadOnlyList<ProbeOutcome> outcomes)
    {
        var text = new StringBuilder(Marker, Marker.Length + (outcomes.Count * 160));
        var json = new JsonWriter(text).StartArray();
        foreach (var outcome in outcomes)
        {
            json.StartArray()
                .Value(outcome.Target.Display)
                .Value((long)outcome.Failure)
                .Value(outcome.StatusCode)
                .Value(outcome.Reason)
                .Value(outcome.Elapsed.Ticks)
                .Value(ReferenceEquals(outcome.FinalUri, outcome.Target.RequestUri) ? null : outcome.FinalUri.AbsoluteUri)
                .Value(outcome.Started)
                .Value(outcome.Attempts)
                .Value(outcome.Method)
                .StartArray();
            foreach (var condition in outcome.Conditions)
            {
                json.StartArray().Value(condition.Condition).Value(condition.Passed).Value(condition.Observed).EndArray();
            }

            json.EndArray().Value(outcome.CutByRunDeadline).EndArray();
        }

        json.EndArray();
        return text.ToString();
    }

    /// <summary>
    /// The checks of a packed batch, each read into its values, ready to be matched with the target sent: done where
    /// the batch arrives, so the pipeline thread only matches and writes.
    /// </summary>
    /// <exception cref="JsonFormatException">The text is not a packed batch.</exception>
    public static IReadOnlyList<PackedOutcome> Unpack(string text) =>
        JsonDocumentReader.Parse(text.Substring(Marker.Length)) is List<object?> checks
            ? checks.Select(check => check is List<object?> { Count: 11 } fields
                ? new PackedOutcome(fields)
                : throw new JsonFormatException("a packed check is an array of 11 fields")).ToList()
            : throw new JsonFormatException("a packed batch is an array");
}

/// <summary>One check of a packed batch, its values read.</summary>
internal sealed class PackedOutcome
{
    private readonly FailureKind _failure;
    private readonly int? _statusCode;
    private readonly string _reason;
    private readonly TimeSpan _elapsed;
    private readonly Uri? _finalUri;
    private readonly DateTimeOffset _started;
    private readonly int _attempts;
    private readonly string? _method;
    private readonly IReadOnlyList<ConditionOutcome> _conditions;
    private readonly bool _cutByRunDeadline;

    public PackedOutcome(List<object?> fields)
    {
        Uri = (string)fields[0]!;
        _failure = (FailureKind)(int)(double)fields[1]!;
        _statusCode = fields[2] is double code ? (int)code : null;
        _reason = (string)fields[3]!;
        _elapsed = TimeSpan.FromTicks((long)(double)fields[4]!);
        _finalUri = fields[5] is string final ? new Uri(final) : null;
        _started = DateTimeOffset.Parse((string)fields[6]!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        _attempts = (int)(double)fields[7]!;
        _method = fields[8] as string;
        _conditions = ((List<object?>)fields[9]!).Cast<List<object?>>().Select(c => new ConditionOutcome((string)c[0]!, (bool)c[1]!, c[2] as string)).ToList();
        _cutByRunDeadline = (bool)fields[10]!;
    }

    /// <summary>The URL as the far side showed it: what the caller's target for it shows too.</summary>
    public string Uri { get; }

    /// <summary>The outcome for the target the caller sent, from <paramref name="location"/>.</summary>
    public ProbeOutcome For(SiteTarget target, string location) => new()
    {
        Target = target,
        Failure = _failure,
        StatusCode = _statusCode,
        Reason = _reason,
        Elapsed = _elapsed,
        FinalUri = _finalUri ?? target.RequestUri,
        Started = _started,
        Attempts = _attempts,
        Method = _method,
        Conditions = _conditions,
        CutByRunDeadline = _cutByRunDeadline,
        Location = location,
    };
}
