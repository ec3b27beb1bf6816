using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SiteStatus.Checking;
using SiteStatus.Checking.Conditions;
using SiteStatus.Export;
using SiteStatus.Json;

namespace SiteStatus.Locations;

/// <summary>
/// Test-SiteStatus results as they cross a session: one text per batch (a marker line, then a JSON array with an array
/// per check) instead of a serialized object per result, so both sides spend a fraction of the time serializing.
/// The caller rebuilds each check's outcome against the target it sent, and so writes the same live
/// SiteStatusResult objects a local run writes. Both sides run this exact module version, so the layout is private.
/// </summary>
internal static class PackedOutcomes
{
    private const string Marker = "SiteStatus.PackedOutcomes/2\n";

    /// <summary>Whether a location's output is a packed batch.</summary>
    public static bool IsPacked(object? output) => output is string text && text.StartsWith(Marker, StringComparison.Ordinal);

    /// <summary>One text for the checks of a batch, each [cut by the run's deadline, then its result's fields in the order of <see cref="ResultFields"/>, up to the last that is not empty].</summary>
    public static string Pack(IReadOnlyList<(SiteStatusResult Result, bool CutByRunDeadline)> checks)
    {
        var text = new StringBuilder(Marker, Marker.Length + (checks.Count * 320));
        var json = new JsonWriter(text).StartArray();
        foreach (var (result, cut) in checks)
        {
            var record = new ProbeRecord();
            ResultFields.Read(record, result, LiveForm.Instance);
            // Fields left empty at the end (a location's results have no state) read back empty when they are left out.
            var fields = ResultFields.Of(record);
            var count = fields.Count;
            while (count > 0 && fields[count - 1].IsEmpty(record))
            {
                count--;
            }

            json.StartArray().Value(cut);
            for (var i = 0; i < count; i++)
            {
                fields[i].Write(json, record);
            }

            json.EndArray();
        }

        json.EndArray();
        return text.ToString();
    }

    /// <summary>
    /// The checks of a packed batch, each read into its record, ready to be matched with the target sent: done where
    /// the batch arrives, so the pipeline thread only matches and writes.
    /// </summary>
    /// <exception cref="JsonFormatException">The text is not a packed batch.</exception>
    public static IReadOnlyList<PackedOutcome> Unpack(string text) =>
        JsonDocumentReader.Parse(text.Substring(Marker.Length)) is List<object?> checks
            ? checks.Select(check => check is List<object?> { Count: > 1 } values && values[0] is bool cut
                ? new PackedOutcome(Read(values), cut)
                : throw new JsonFormatException("a packed check is an array: whether the run's deadline cut it, then its result's fields")).ToList()
            : throw new JsonFormatException("a packed batch is an array");

    private static ProbeRecord Read(List<object?> values)
    {
        var record = new ProbeRecord();
        for (var i = 0; i < ResultFields.All.Count; i++)
        {
            ResultFields.All[i].Read(record, i + 1 < values.Count ? values[i + 1] : null, JsonForm.Instance);
        }

        return record;
    }
}

/// <summary>One check of a packed batch: its result, read.</summary>
internal sealed class PackedOutcome(ProbeRecord record, bool cutByRunDeadline)
{
    /// <summary>The URL as the far side showed it: what the caller's target for it shows too.</summary>
    public string Uri => record.Uri;

    /// <summary>The outcome for the target the caller sent, from <paramref name="location"/>: what the far side's result was made of.</summary>
    public ProbeOutcome For(SiteTarget target, string location) => new()
    {
        Target = target,
        Failure = Enum.TryParse<FailureKind>(record.Failure, out var failure) ? failure : FailureKind.None,
        StatusCode = record.StatusCode,
        Reason = record.Reason ?? string.Empty,
        Elapsed = Milliseconds(record.ResponseTimeMs),
        FinalUri = record.FinalUri is { } final && final != target.Display ? new Uri(final) : target.RequestUri,
        Started = record.Timestamp ?? default,
        Attempts = record.Attempts,
        Method = record.Method,
        HttpVersion = record.HttpVersion,
        Conditions = record.Conditions.Select(c => new ConditionOutcome(c.Condition, c.Passed, c.Observed)).ToList(),
        CutByRunDeadline = cutByRunDeadline,
        Maintenance = record.Maintenance,
        Location = location,
        Addresses = record.Addresses.Select(a => new AddressOutcome
        {
            Address = a.Address,
            Status = Enum.TryParse<SiteState>(a.Status, out var status) ? status : SiteState.Down,
            StatusCode = a.StatusCode,
            Failure = Enum.TryParse<FailureKind>(a.Failure, out var kind) ? kind : FailureKind.None,
            Reason = a.Reason ?? string.Empty,
            Elapsed = Milliseconds(a.ResponseTimeMs),
            RemoteAddress = a.RemoteAddress,
        }).ToList(),
    };

    private static TimeSpan Milliseconds(double milliseconds) => TimeSpan.FromTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond));
}
