using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using SiteStatus.Checking;
using SiteStatus.Checking.Conditions;

namespace SiteStatus.Commands;

/// <summary>
/// A site's own policy, read from the object it came in (a CSV row, a JSON object, a hashtable): every per-check
/// parameter, by the same name. A value there wins over the command line for that site only; null or an empty cell
/// means "not set". Sites with no settings share the command line's policy, so a plain URL list costs nothing here.
/// </summary>
internal static class SiteSettings
{
    /// <summary>The error id of a row with a value that cannot be used.</summary>
    public const string InvalidSiteSetting = "InvalidSiteSetting";

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    private static readonly char[] ListSeparators = [';', '\n'];

    // Each setting: its name (the parameter's), and how a value changes the policy. A bad value throws FormatException.
    private static readonly (string Name, Func<CheckPolicy, object, CheckPolicy> Apply)[] Settings =
    [
        ("ExpectedStatusCode", (p, v) => p with { ExpectedStatus = StatusCodeSet.Parse(List(v).SelectMany(item => item.Split(';'))) }),
        ("Method", (p, v) => p with { UseHead = ParseMethod(v) == CheckMethod.Head }),
        ("TimeoutSec", (p, v) => p with { Timeout = TimeSpan.FromSeconds(Number(v, 1, SiteCheckCommandBase.MaximumTimeoutSec)) }),
        ("MaximumRedirection", (p, v) => p with { MaximumRedirection = Number(v, 0, int.MaxValue) }),
        ("MaximumRetryCount", (p, v) => p with { MaximumRetryCount = Number(v, 0, 10) }),
        ("RetryIntervalSec", (p, v) => p with { RetryInterval = TimeSpan.FromSeconds(Number(v, 0, SiteCheckCommandBase.MaximumTimeoutSec)) }),
        (ContentMatchCondition.SettingName, (p, v) => p.WithConditions(ContentMatchCondition.SettingName, [new ContentMatchCondition(Pattern(v))])),
        (ContentNotMatchCondition.SettingName, (p, v) => p.WithConditions(ContentNotMatchCondition.SettingName, [new ContentNotMatchCondition(Pattern(v))])),
        (HeaderCondition.SettingName, (p, v) => p.WithConditions(HeaderCondition.SettingName, Items(v).Select(HeaderCondition.Parse))),
        (JsonCondition.SettingName, (p, v) => p.WithConditions(JsonCondition.SettingName, Items(v).Select(JsonCondition.Parse))),
        ("MaximumContentBytes", (p, v) => p with { MaximumContentBytes = Number(v, 1, SiteCheckCommandBase.MaximumContentBytesLimit) }),
        ("Headers", (p, v) => p with { Headers = ParseHeaders(v) }),
        ("UserAgent", (p, v) => p with { UserAgent = UserAgents.Resolve(Text(v)) }),
        (ResponseTimeCondition.SettingName, (p, v) => p.WithConditions(ResponseTimeCondition.SettingName, [new ResponseTimeCondition(TimeSpan.FromMilliseconds(Number(v, 1, int.MaxValue)))])),
        (CertificateDaysCondition.SettingName, (p, v) => p.WithConditions(CertificateDaysCondition.SettingName, [new CertificateDaysCondition(Number(v, 0, 36_500))])),
        ("CertificateExpiryWarningDays", (p, v) => p with { CertificateExpiryWarningDays = Number(v, 0, 36_500) }),
        ("SlowThresholdMs", (p, v) => p with { SlowThresholdMs = Number(v, 1, int.MaxValue) }),
    ];

    /// <summary>The policy for the site <paramref name="source"/> describes: <paramref name="commandLine"/> with the object's settings over it.</summary>
    /// <returns>The policy, or null with <paramref name="error"/> naming the setting whose value cannot be used.</returns>
    public static CheckPolicy? Read(object source, CheckPolicy commandLine, out InputError? error)
    {
        error = null;
        var policy = commandLine;
        var dictionary = (source is PSObject wrapped ? wrapped.BaseObject : source) as IDictionary;
        var properties = dictionary is null ? PSObject.AsPSObject(source).Properties : null;
        foreach (var (name, apply) in Settings)
        {
            object? value = null;
            if (dictionary is not null)
            {
                PipelineInput.TryGetKey(dictionary, name, out value);
            }
            else if (properties![name] is { } property)
            {
                value = property.Value;
            }

            if (IsNotSet(value))
            {
                continue;
            }

            try
            {
                policy = apply(policy, value!);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidCastException or PSInvalidCastException or OverflowException)
            {
                // Headers may hold secrets (Authorization, API keys): their values are never quoted back.
                var shown = name == "Headers" ? string.Empty : $", '{Shown(value)}',";
                error = new InputError(InvalidSiteSetting, $"The {name} of this site{shown} cannot be used: {e.Message}", null);
                return null;
            }
        }

        return policy;
    }

    private static bool IsNotSet(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
    {
        null => true,
        string text => text.Trim().Length == 0,
        _ => false,
    };

    private static string Shown(object? value) => SiteTarget.Quote(string.Join(", ", List(value!)));

    private static string Text(object value) => PipelineInput.AsText(value)?.Trim() ?? string.Empty;

    /// <summary>A value as a list of texts: an array's items, or the one value.</summary>
    private static IEnumerable<string> List(object value) =>
        (value is PSObject wrapped ? wrapped.BaseObject : value) is IEnumerable items and not string and not IDictionary
            ? items.Cast<object?>().Select(item => PipelineInput.AsText(item) ?? string.Empty)
            : [Text(value)];

    /// <summary>A list setting's items: an array's, or those of one cell separated by ';' or new lines; blank ones passed over.</summary>
    private static IEnumerable<string> Items(object value) => List(value).SelectMany(item => item.Split(ListSeparators)).Where(c => c.Trim().Length > 0);

    private static int Number(object value, int minimum, int maximum)
    {
        var number = (int)LanguagePrimitives.ConvertTo(value is string text ? text.Trim() : value, typeof(int), CultureInfo.InvariantCulture);
        return number >= minimum && number <= maximum
            ? number
            : throw new FormatException(string.Format(CultureInfo.InvariantCulture, "it must be a whole number from {0} to {1}.", minimum, maximum));
    }

    private static CheckMethod ParseMethod(object value) =>
        Enum.TryParse<CheckMethod>(Text(value), ignoreCase: true, out var method) && method is CheckMethod.Get or CheckMethod.Head
            ? method
            : throw new FormatException("it must be Get or Head.");

    private static Regex Pattern(object value) => new(Text(value), RegexOptions.CultureInvariant, PatternTimeout);

    /// <summary>Headers from a hashtable, a JSON object, or a cell of 'Name: value' pairs separated by ';' or new lines.</summary>
    private static List<KeyValuePair<string, string>> ParseHeaders(object value)
    {
        var unwrapped = value is PSObject wrapped ? wrapped.BaseObject : value;
        if (unwrapped is IDictionary dictionary)
        {
            return dictionary.Cast<DictionaryEntry>().Select(h => new KeyValuePair<string, string>(h.Key.ToString()!, PipelineInput.AsText(h.Value) ?? string.Empty)).ToList();
        }

        if (unwrapped is PSCustomObject)
        {
            return PSObject.AsPSObject(value).Properties.Select(p => new KeyValuePair<string, string>(p.Name, PipelineInput.AsText(p.Value) ?? string.Empty)).ToList();
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var pair in Text(value).Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':');
            if (colon <= 0)
            {
                throw new FormatException("write headers as 'Name: value' pairs, separated by ';'.");
            }

            headers.Add(new KeyValuePair<string, string>(pair.Substring(0, colon).Trim(), pair.Substring(colon + 1).Trim()));
        }

        return headers;
    }
}
