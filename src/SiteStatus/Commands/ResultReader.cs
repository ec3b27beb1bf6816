using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using SiteStatus.Checking;
using SiteStatus.Export;

namespace SiteStatus.Commands;

/// <summary>
/// Reads results and reports into the exports' records by property name, so live objects and their Deserialized forms
/// (from Start-Job and Invoke-Command, where enums are strings and times may be property bags) read the same.
/// </summary>
internal static class ResultReader
{
    public const string NotAResult = "NotASiteStatusResult";

    /// <summary>The record; null, with a NotASiteStatusResult error written by <paramref name="cmdlet"/>, when the input is not a result.</summary>
    public static ProbeRecord? ReadOrError(Cmdlet cmdlet, PSObject input)
    {
        if (Read(input) is { } record)
        {
            return record;
        }

        cmdlet.WriteError(new ErrorRecord(
            new ArgumentException($"'{SiteTarget.Quote(input.ToString())}' is not a result of Test-SiteStatus or Get-SiteStatusReport: it has no Uri and Status."),
            NotAResult,
            ErrorCategory.InvalidArgument,
            input));
        return null;
    }

    /// <summary>The record, or null when the object is not a result or report (it has no Uri and Status).</summary>
    public static ProbeRecord? Read(PSObject input)
    {
        var p = input.Properties;
        if (Text(p["Uri"]?.Value) is not { } uri || Text(p["Status"]?.Value) is not { } status)
        {
            return null;
        }

        var timing = p["Timing"]?.Value is { } t ? PSObject.AsPSObject(t).Properties : null;
        return new ProbeRecord
        {
            Uri = uri,
            Location = Text(p["Location"]?.Value),
            Status = status,
            StatusCode = Integer(p["StatusCode"]?.Value),
            Failure = Text(p["Failure"]?.Value) ?? "None",
            Reason = Text(p["Reason"]?.Value),
            ResponseTimeMs = Real(p["ResponseTimeMs"]?.Value) ?? 0,
            FinalUri = Text(p["FinalUri"]?.Value),
            Timestamp = Time(p["Timestamp"]?.Value),
            Attempts = Integer(p["Attempts"]?.Value) ?? 1,
            Method = Text(p["Method"]?.Value),
            Conditions = Items(p["Conditions"]?.Value)
                .Select(c => PSObject.AsPSObject(c).Properties)
                .Select(c => (Text(c["Condition"]?.Value) ?? string.Empty, Flag(c["Passed"]?.Value), Text(c["Observed"]?.Value)))
                .ToList(),
            PreviousStatus = Text(p["PreviousStatus"]?.Value),
            ConfirmedStatus = Text(p["ConfirmedStatus"]?.Value),
            Changed = Flag(p["Changed"]?.Value),
            Since = Time(p["Since"]?.Value),
            ConsecutiveFailures = Integer(p["ConsecutiveFailures"]?.Value),
            ConsecutiveSuccesses = Integer(p["ConsecutiveSuccesses"]?.Value),
            Reminder = Flag(p["Reminder"]?.Value),
            IsReport = timing is not null,
            DnsMs = Real(timing?["DnsMs"]?.Value),
            ConnectMs = Real(timing?["ConnectMs"]?.Value),
            TlsMs = Real(timing?["TlsMs"]?.Value),
            FirstByteMs = Real(timing?["FirstByteMs"]?.Value),
            TotalMs = Real(timing?["TotalMs"]?.Value),
            RedirectCount = p["Redirects"]?.Value is { } hops ? Math.Max(0, Items(hops).Count() - 1) : null,
            HttpVersion = Text(p["HttpVersion"]?.Value),
            ContentLength = Integer(p["ContentLength"]?.Value),
            ContentType = Text(p["ContentType"]?.Value),
            Server = Text(p["Server"]?.Value),
            RemoteAddress = Text(p["RemoteAddress"]?.Value),
            TlsVersion = Text(p["TlsVersion"]?.Value),
            Certificate = p["Certificate"]?.Value is { } certificate ? Certificate(PSObject.AsPSObject(certificate).Properties) : null,
            Warnings = Items(p["Warnings"]?.Value).Select(w => Text(w) ?? string.Empty).ToList(),
        };
    }

    private static CertificateRecord Certificate(PSMemberInfoCollection<PSPropertyInfo> c) => new()
    {
        Subject = Text(c["Subject"]?.Value) ?? string.Empty,
        Issuer = Text(c["Issuer"]?.Value) ?? string.Empty,
        NotBefore = Time(c["NotBefore"]?.Value) ?? default,
        NotAfter = Time(c["NotAfter"]?.Value) ?? default,
        DaysUntilExpiry = Integer(c["DaysUntilExpiry"]?.Value) ?? 0,
        SubjectAlternativeNames = Items(c["SubjectAlternativeNames"]?.Value).Select(n => Text(n) ?? string.Empty).ToList(),
        ChainStatus = Items(c["ChainStatus"]?.Value).Select(s => Text(s) ?? string.Empty).ToList(),
        SerialNumber = Text(c["SerialNumber"]?.Value),
        Sha256Fingerprint = Text(c["Sha256Fingerprint"]?.Value),
    };

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static string? Text(object? value) => Unwrap(value) switch
    {
        null => null,
        string text => text,
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };

    private static int? Integer(object? value) => Unwrap(value) is { } v and not PSCustomObject ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : null;

    private static double? Real(object? value) => Unwrap(value) is { } v and not PSCustomObject ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;

    private static bool Flag(object? value) => Unwrap(value) is { } v && Convert.ToBoolean(v, CultureInfo.InvariantCulture);

    private static IEnumerable<object?> Items(object? value) => Unwrap(value) switch
    {
        null => [],
        string text => [text],
        IEnumerable items => items.Cast<object?>(),
        var one => [one],
    };

    /// <summary>A time, live or deserialized: DateTimeOffset, DateTime, text, or the property bag a DateTimeOffset becomes.</summary>
    private static DateTimeOffset? Time(object? value) => Unwrap(value) switch
    {
        null => null,
        DateTimeOffset time => time,
        DateTime time => new DateTimeOffset(time),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
        var bag when PSObject.AsPSObject(bag).Properties["UtcDateTime"]?.Value is { } utc => new DateTimeOffset(DateTime.SpecifyKind((DateTime)Unwrap(utc)!, DateTimeKind.Utc)),
        _ => null,
    };
}
