using System;
using System.Management.Automation;
using SiteStatus.Checking;
using SiteStatus.Export;

namespace SiteStatus.Commands;

/// <summary>
/// Reads results and reports into the exports' records by property name (<see cref="ResultFields"/>), so live objects,
/// their Deserialized forms (from Start-Job and Invoke-Command, where enums are strings and times may be property
/// bags) and the objects ConvertFrom-Json makes of JSON Lines all read the same.
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
        // A live result is read by its own properties; anything else as PowerShell shows it.
        var (item, form) = input.BaseObject is SiteStatusResult live ? (live, LiveForm.Instance) : ((object)input, (IResultForm)PowerShellForm.Instance);
        if (form.Property(item, "Uri") is null || form.Property(item, "Status") is null)
        {
            return null;
        }

        var record = new ProbeRecord();
        ResultFields.Read(record, item, form);

        // A result made by hand or by another tool may name a URL with its password: none reaches output from here.
        record.Uri = Masked(record.Uri)!;
        record.FinalUri = Masked(record.FinalUri);
        return record;
    }

    private static string? Masked(string? url) =>
        url is not null && System.Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 ? SiteTarget.Mask(uri) : url;

    /// <summary>Objects as PowerShell shows them: a property bag (Deserialized, or from ConvertFrom-Json) stays one, to be read by its properties in turn.</summary>
    private sealed class PowerShellForm : IResultForm
    {
        private PowerShellForm()
        {
        }

        public static PowerShellForm Instance { get; } = new();

        public object? Property(object item, string name) => PSObject.AsPSObject(item).Properties[name]?.Value switch
        {
            PSObject { BaseObject: PSCustomObject } bag => bag,
            PSObject wrapped => wrapped.BaseObject,
            var value => value,
        };
    }
}
