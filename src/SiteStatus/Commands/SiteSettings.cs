using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using SiteStatus.Checking;

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
        ("TimeoutSec", (p, v) => p with { Timeout = TimeSpan.FromSeconds(Number(v, 1, SiteCheckCommandBase.MaximumTimeoutSec, "seconds")) }),
        ("MaximumRedirection", (p, v) => p with { MaximumRedirection = Number(v, 0, int.MaxValue, "redirects") }),
        ("MaximumRetryCount", (p, v) => p with { MaximumRetryCount = Number(v, 0, 10, "retries") }),
        ("RetryIntervalSec", (p, v) => p with { RetryInterval = TimeSpan.FromSeconds(Number(v, 0, SiteCheckCommandBase.MaximumTimeoutSec, "seconds")) }),
        ("ContentMatch", (p, v) => p with { ContentMatch = Pattern(v) }),
        ("NotContentMatch", (p, v) => p with { ContentNotMatch = Pattern(v) }),
        ("JsonCondition", (p, v) => p with { JsonConditions = List(v).SelectMany(item => item.Split(ListSeparators)).Where(c => c.Trim().Length > 0).Select(JsonCondition.Parse).ToList() }),
        ("MaximumContentBytes", (p, v) => p with { MaximumContentBytes = Number(v, 1, SiteCheckCommandBase.MaximumContentBytesLimit, "bytes") }),
        ("Headers", (p, v) => p with { Headers = ParseHeaders(v) }),
        ("UserAgent", (p, v) => p with { UserAgent = UserAgents.Resolve(Text(v)) }),
        ("MaximumResponseTimeMs", (p, v) => p with { MaximumResponseTime = TimeSpan.FromMilliseconds(Number(v, 1, int.MaxValue, "milliseconds")) }),
        ("MinimumCertificateDays", (p, v) => p with { MinimumCertificateDays = Number(v, 0, 36_500, "days") }),
        ("CertificateExpiryWarningDays", (p, v) => p with { CertificateExpiryWarningDays = Number(v, 0, 36_500, "days") }),
        ("SlowThresholdMs", (p, v) => p with { SlowThresholdMs = Number(v, 1, int.MaxValue, "milliseconds") }),
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

    /// <summary>
    /// A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>: a number (JSON's 5.0 too) or a text of
    /// one. A fraction, a boolean or a word is refused, where PowerShell's conversion would round 1.5 and turn true into 1.
    /// </summary>
    private static int Number(object value, int minimum, int maximum, string unit)
    {
        var number = (value is PSObject wrapped ? wrapped.BaseObject : value) switch
        {
            string text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN,
            IConvertible convertible when IsNumber(convertible.GetTypeCode()) => convertible.ToDouble(CultureInfo.InvariantCulture),
            _ => double.NaN,
        };
        return Math.Floor(number) == number && number >= minimum && number <= maximum
            ? (int)number
            : throw new FormatException(string.Format(CultureInfo.InvariantCulture, "it must be a whole number of {0} from {1} to {2}.", unit, minimum, maximum));
    }

    private static bool IsNumber(TypeCode type) => type is >= TypeCode.SByte and <= TypeCode.Decimal;

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
