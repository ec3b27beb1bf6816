using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SiteStatus.Checking;
using SiteStatus.Json;

namespace SiteStatus.Commands;

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

    /// <summary>The checks of a packed batch, each with the URL it answers, to be matched with the target sent.</summary>
    /// <exception cref="JsonFormatException">The text is not a packed batch.</exception>
    public static IEnumerable<PackedOutcome> Unpack(string text)
    {
        if (JsonDocumentReader.Parse(text.Substring(Marker.Length)) is not List<object?> checks)
        {
            throw new JsonFormatException("a packed batch is an array");
        }

        foreach (var check in checks)
        {
            yield return check is List<object?> { Count: 11 } fields
                ? new PackedOutcome(fields)
                : throw new JsonFormatException("a packed check is an array of 11 fields");
        }
    }
}

/// <summary>One check of a packed batch.</summary>
internal sealed class PackedOutcome(List<object?> fields)
{
    /// <summary>The URL as the far side showed it: what the caller's target for it shows too.</summary>
    public string Uri => (string)fields[0]!;

    /// <summary>The outcome for the target the caller sent, from <paramref name="location"/>.</summary>
    public ProbeOutcome For(SiteTarget target, string location) => new()
    {
        Target = target,
        Failure = (FailureKind)(int)(double)fields[1]!,
        StatusCode = fields[2] is double code ? (int)code : null,
        Reason = (string)fields[3]!,
        Elapsed = TimeSpan.FromTicks((long)(double)fields[4]!),
        FinalUri = fields[5] is string final ? new Uri(final) : target.RequestUri,
        Started = DateTimeOffset.Parse((string)fields[6]!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Attempts = (int)(double)fields[7]!,
        Method = fields[8] as string,
        Conditions = ((List<object?>)fields[9]!).Cast<List<object?>>().Select(c => new ConditionOutcome((string)c[0]!, (bool)c[1]!, c[2] as string)).ToList(),
        CutByRunDeadline = (bool)fields[10]!,
        Location = location,
    };
}
