using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using SiteStatus.Checking.Conditions;
using SiteStatus.Checking.Maintenance;

namespace SiteStatus.Checking.Settings;

/// <summary>
/// The catalog of per-check settings: the one place a setting is declared. The cmdlets' parameters (real typed
/// properties, for help and tab completion) take their defaults and ranges from the constants here, a test keeps them
/// and this catalog in agreement both ways, the command line and every row of a sites file are read through
/// <see cref="CheckSetting.Apply"/>, and <see cref="CheckPolicy.Default"/> is this catalog's defaults. A new setting is
/// one entry here, its parameter, and (for a condition) one file in Conditions/.
/// </summary>
internal static class CheckSettings
{
    public const int DefaultTimeoutSec = 10;

    /// <summary>A day: longer is no status check, and it keeps every timer within every runtime's range.</summary>
    public const int MaximumTimeoutSec = 86_400;

    public const int DefaultMaximumRedirection = 10;

    public const int MaximumRetryCountLimit = 10;

    public const int DefaultRetryIntervalSec = 1;

    public const int DefaultMaximumContentBytes = 1024 * 1024;

    /// <summary>The most body bytes a check may read: 64 MiB.</summary>
    public const int MaximumContentBytesLimit = 64 * 1024 * 1024;

    public const int MaximumCertificateDays = 36_500;

    public const int DefaultCertificateExpiryWarningDays = 14;

    /// <summary>A registration runs for ten years at most; a hundred is past any that matters.</summary>
    public const int MaximumDomainDays = 36_500;

    public const string DefaultExpectedStatusCode = "200-299";

    /// <summary>The HTTP version a check asks for unless told otherwise: 1.1, as before there was a choice.</summary>
    public const string DefaultHttpVersion = "1.1";

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    private static readonly char[] ListSeparators = [';', '\n'];

    public static IReadOnlyList<CheckSetting> All { get; } =
    [
        new() { Name = "ExpectedStatusCode", ParameterType = typeof(string[]), Default = new[] { DefaultExpectedStatusCode }, Apply = (p, v) => p with { ExpectedStatus = StatusCodeSet.Parse(Texts(v).SelectMany(item => item.Split(';'))) } },
        new() { Name = "Method", ParameterType = typeof(CheckMethod), Default = CheckMethod.Get, Apply = (p, v) => p with { UseHead = Method(v) == CheckMethod.Head } },
        new() { Name = "HttpVersion", ParameterType = typeof(string), Default = DefaultHttpVersion, Apply = (p, v) => p with { HttpVersion = HttpVersions.Requested(Text(v)) } },
        Number("TimeoutSec", DefaultTimeoutSec, 1, MaximumTimeoutSec, "seconds", (p, n) => p with { Timeout = TimeSpan.FromSeconds(n) }),
        Number("MaximumRedirection", DefaultMaximumRedirection, 0, int.MaxValue, "redirects", (p, n) => p with { MaximumRedirection = n }),
        Number("MaximumRetryCount", 0, 0, MaximumRetryCountLimit, "retries", (p, n) => p with { MaximumRetryCount = n }),
        Number("RetryIntervalSec", DefaultRetryIntervalSec, 0, MaximumTimeoutSec, "seconds", (p, n) => p with { RetryInterval = TimeSpan.FromSeconds(n) }),
        Conditions(ContentMatchCondition.SettingName, typeof(string), v => [new ContentMatchCondition(Pattern(v))]),
        Conditions(ContentNotMatchCondition.SettingName, typeof(string), v => [new ContentNotMatchCondition(Pattern(v))]),
        Conditions(HeaderCondition.SettingName, typeof(string[]), v => Items(v).Select(HeaderCondition.Parse)),
        Conditions(JsonCondition.SettingName, typeof(string[]), v => Items(v).Select(JsonCondition.Parse)),
        Conditions(ValidHttpVersionCondition.SettingName, typeof(string[]), v => ValidHttpVersionCondition.Parse(Items(v).SelectMany(item => item.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)))),
        Number("MaximumContentBytes", DefaultMaximumContentBytes, 1, MaximumContentBytesLimit, "bytes", (p, n) => p with { MaximumContentBytes = n }),
        new() { Name = "Headers", ParameterType = typeof(IDictionary), Apply = (p, v) => p with { Headers = Headers(v) } },
        new() { Name = "UserAgent", ParameterType = typeof(string), Default = ProbeOptions.DefaultUserAgent, Apply = (p, v) => p with { UserAgent = UserAgent(v) } },
        Number(ResponseTimeCondition.SettingName, null, 1, int.MaxValue, "milliseconds", (p, n) => p.WithConditions(ResponseTimeCondition.SettingName, [new ResponseTimeCondition(TimeSpan.FromMilliseconds(n))])),
        Number(CertificateDaysCondition.SettingName, null, 0, MaximumCertificateDays, "days", (p, n) => p.WithConditions(CertificateDaysCondition.SettingName, [new CertificateDaysCondition(n)])),
        Number("CertificateExpiryWarningDays", DefaultCertificateExpiryWarningDays, 0, MaximumCertificateDays, "days", (p, n) => p with { CertificateExpiryWarningDays = n }, reportOnly: true),
        Number("SlowThresholdMs", null, 1, int.MaxValue, "milliseconds", (p, n) => p with { SlowThresholdMs = n }, reportOnly: true),
        Number(DomainDaysCondition.SettingName, null, 0, MaximumDomainDays, "days", (p, n) => p.WithConditions(DomainDaysCondition.SettingName, [new DomainDaysCondition(n)])),
        Number("DomainExpiryWarningDays", null, 0, MaximumDomainDays, "days", (p, n) => p with { DomainExpiryWarningDays = n }, reportOnly: true),
        new() { Name = "RdapServer", ParameterType = typeof(string), Apply = (p, v) => p with { RdapServer = RdapServer(Text(v)) } },
        new() { Name = "MaintenanceWindow", ParameterType = typeof(string[]), Apply = (p, v) => p with { MaintenanceWindows = Items(v).Select(MaintenanceWindow.Parse).ToList() } },
        new() { Name = "AllAddresses", ParameterType = typeof(bool), Default = false, Apply = (p, v) => p with { AllAddresses = AllAddresses(v) } },
    ];

    /// <summary>The policy of a site that sets nothing of its own: every setting at its default.</summary>
    public static CheckPolicy Defaults { get; } = All.Where(s => s.Default is not null).Aggregate(
        new CheckPolicy { UserAgent = ProbeOptions.DefaultUserAgent, ExpectedStatus = StatusCodeSet.Parse([DefaultExpectedStatusCode]), HttpVersion = HttpVersions.Parse(DefaultHttpVersion) },
        (policy, setting) => setting.Apply(policy, setting.Default!));

    private static CheckSetting Number(string name, int? fallback, int minimum, int maximum, string unit, Func<CheckPolicy, int, CheckPolicy> apply, bool reportOnly = false) => new()
    {
        Name = name,
        ParameterType = fallback is null ? typeof(int?) : typeof(int),
        Default = fallback,
        Range = (minimum, maximum),
        ReportOnly = reportOnly,
        Apply = (p, v) => apply(p, WholeNumber(v, minimum, maximum, unit)),
    };

    // A setting of conditions replaces its own kind's and keeps the others: a row's JsonCondition leaves the command line's ContentMatch.
    private static CheckSetting Conditions(string name, Type type, Func<object, IEnumerable<ISiteCondition>> parse) => new()
    {
        Name = name,
        ParameterType = type,
        Apply = (p, v) => p.WithConditions(name, parse(v)),
    };

    /// <summary>
    /// A whole number in range: a number (JSON's 5.0 too) or a text of one. A fraction, a boolean or a word is refused,
    /// where a loose conversion would round 1.5 and read true as 1.
    /// </summary>
    private static int WholeNumber(object value, int minimum, int maximum, string unit)
    {
        var number = value switch
        {
            string text => double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN,
            bool => double.NaN,
            IConvertible convertible when convertible.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal => convertible.ToDouble(CultureInfo.InvariantCulture),
            _ => double.NaN,
        };
        return Math.Floor(number) == number && number >= minimum && number <= maximum
            ? (int)number
            : throw new FormatException(string.Format(CultureInfo.InvariantCulture, "it must be a whole number of {0} from {1} to {2}.", unit, minimum, maximum));
    }

    private static string Text(object value) => (value is string text ? text : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty).Trim();

    /// <summary>A value as a list of texts: an array's items, or the one value.</summary>
    private static IEnumerable<string> Texts(object value) => value is IEnumerable items and not string and not IDictionary
        ? items.Cast<object?>().Select(item => item is null ? string.Empty : Text(item))
        : [Text(value)];

    /// <summary>
    /// A list setting's items: an array's as they are, or those of one text (a cell) separated by ';' or new lines
    /// outside quotes, so that 'text/plain; charset=utf-8' stays one value; blank ones passed over.
    /// </summary>
    private static IEnumerable<string> Items(object value) =>
        (value is string text ? SplitOutsideQuotes(text) : Texts(value)).Where(c => c.Trim().Length > 0);

    private static IEnumerable<string> SplitOutsideQuotes(string text)
    {
        var start = 0;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } open)
            {
                quote = c == open ? null : open;
            }
            else if (c is '\'' or '"' && (i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                // A quoted value starts after a space (status == 'a; b'); an apostrophe inside a word (it's) opens nothing.
                quote = c;
            }
            else if (Array.IndexOf(ListSeparators, c) >= 0)
            {
                yield return text.Substring(start, i - start);
                start = i + 1;
            }
        }

        yield return text.Substring(start);
    }

    /// <summary>A switch: a boolean, True or False (any case), or 1 or 0, as a JSON value or a cell gives it.</summary>
    private static bool Flag(object value) => value switch
    {
        bool flag => flag,
        string text when bool.TryParse(text.Trim(), out var flag) => flag,
        string text when text.Trim() is "1" or "0" => text.Trim() == "1",
        IConvertible number when number.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal && number.ToDouble(CultureInfo.InvariantCulture) is 0 or 1
            => number.ToDouble(CultureInfo.InvariantCulture) == 1,
        _ => throw new FormatException("it must be True or False."),
    };

    // Windows PowerShell's handler has no ConnectCallback, so it cannot connect to an address of its choosing.
    private static bool AllAddresses(object value) =>
#if NET8_0_OR_GREATER
        Flag(value);
#else
        Flag(value) ? throw new FormatException("it needs PowerShell 7.4 or later: Windows PowerShell 5.1 cannot connect to each address of a host.") : false;
#endif

    private static CheckMethod Method(object value) => Text(value) switch
    {
        var text when text.Equals("Get", StringComparison.OrdinalIgnoreCase) => CheckMethod.Get,
        var text when text.Equals("Head", StringComparison.OrdinalIgnoreCase) => CheckMethod.Head,
        _ => throw new FormatException("it must be Get or Head."),
    };

    // The pattern runs on what servers send: a timeout keeps a pathological body from stalling the check.
    private static Regex Pattern(object value)
    {
        try
        {
            return new Regex(Text(value), RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{Text(value)}' is not a valid regular expression: {e.Message}", e);
        }
    }

    /// <summary>An RDAP server's base URL: an absolute http or https URL, under which it answers domain/&lt;name&gt;.</summary>
    public static Uri RdapServer(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.UserInfo.Length == 0
            ? uri
            : throw new FormatException($"'{text}' is not an RDAP server's base URL: give an http or https URL with no user name, such as https://rdap.denic.de/ (a domain is then asked at https://rdap.denic.de/domain/example.de).");

    private static string UserAgent(object value)
    {
        var agent = UserAgents.Resolve(Text(value));
        RequestHeader.Check("User-Agent", agent);
        return agent;
    }

    /// <summary>Headers from a dictionary, or a text of 'Name: value' pairs separated by ';' or new lines; each one checked.</summary>
    private static List<KeyValuePair<string, string>> Headers(object value)
    {
        var headers = ParseHeaders(value);
        foreach (var header in headers)
        {
            RequestHeader.Check(header.Key, header.Value);
        }

        return headers;
    }

    private static List<KeyValuePair<string, string>> ParseHeaders(object value)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (value is IDictionary dictionary)
        {
            // The dictionary's own enumerator: a generic one enumerates KeyValuePairs, not DictionaryEntries.
            var entries = dictionary.GetEnumerator();
            while (entries.MoveNext())
            {
                headers.Add(new KeyValuePair<string, string>(Text(entries.Key), entries.Value is null ? string.Empty : Text(entries.Value)));
            }

            return headers;
        }

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
