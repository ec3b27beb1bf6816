using System;
using System.Collections.Generic;
using System.Globalization;
using SiteStatus.Json;

namespace SiteStatus.Domains;

/// <summary>
/// Reads the expiration date from an RDAP domain answer (RFC 9083): the eventDate of its event whose eventAction is
/// "expiration". Anything else is no date: an answer with no such event, a date that does not parse, or a date no
/// registration can have (before 1985, when the first domain was registered: the 0001-01-01 and 1970-01-01 that some
/// registries send for "none") is unknown with its reason, never an expiry.
/// </summary>
internal static class RdapAnswer
{
    /// <summary>The first domain names were registered in 1985: an earlier date is a placeholder, not an expiry.</summary>
    public static readonly DateTimeOffset EarliestRealDate = new(1985, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The expiration date of an answer, or null with the reason.</summary>
    public static DateTimeOffset? Expiration(string json, out string reason)
    {
        reason = string.Empty;
        object? document;
        try
        {
            document = JsonDocumentReader.Parse(json);
        }
        catch (JsonFormatException e)
        {
            reason = $"the RDAP answer is not JSON ({e.Message.TrimEnd('.')})";
            return null;
        }

        if (document is not Dictionary<string, object?> domain)
        {
            reason = "the RDAP answer is not a domain object";
            return null;
        }

        var dates = new List<string>();
        if (domain.TryGetValue("events", out var events) && events is List<object?> list)
        {
            foreach (var item in list)
            {
                if (item is Dictionary<string, object?> one && one.TryGetValue("eventAction", out var action) && action is string name
                    && string.Equals(name, "expiration", StringComparison.OrdinalIgnoreCase))
                {
                    dates.Add(one.TryGetValue("eventDate", out var date) && date is string text ? text : string.Empty);
                }
            }
        }

        if (dates.Count == 0)
        {
            reason = "the RDAP answer has no expiration event";
            return null;
        }

        // A registry that lists more than one (a renewal added beside the old date) means the latest.
        DateTimeOffset? latest = null;
        foreach (var text in dates)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                reason = $"the RDAP answer's expiration date '{text}' is not a date";
                return null;
            }

            if (date < EarliestRealDate)
            {
                reason = string.Format(CultureInfo.InvariantCulture, "the RDAP answer's expiration date {0:yyyy-MM-dd} is a placeholder, not a date any registration has", date);
                return null;
            }

            latest = latest is { } other && other > date ? other : date;
        }

        return latest;
    }
}
