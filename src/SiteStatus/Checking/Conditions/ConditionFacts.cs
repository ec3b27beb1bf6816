using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using SiteStatus.Domains;
using SiteStatus.Json;

namespace SiteStatus.Checking.Conditions;

/// <summary>
/// What conditions can see of a check: the final answer (status, headers, its HTTP version, the start of the body, read
/// once and parsed as JSON at most once, whichever conditions ask), or the finished check (its time, the certificate).
/// </summary>
internal sealed class ConditionFacts
{
    private readonly HttpResponseMessage? _response;
    private bool _parsed;
    private object? _document;
    private string? _notJson;

    private ConditionFacts(HttpResponseMessage? response, BodyStart body, int maximumContentBytes, ProbeOutcome? outcome)
    {
        _response = response;
        Body = body;
        MaximumContentBytes = maximumContentBytes;
        Elapsed = outcome?.Elapsed ?? TimeSpan.Zero;
        Certificate = outcome?.Details?.Certificate;
        Domain = outcome?.Domain;
        Started = outcome?.Started ?? default;
    }

    /// <summary>The start of the body (decompressed, capped); empty when no condition of the site reads it.</summary>
    public BodyStart Body { get; }

    public int MaximumContentBytes { get; }

    /// <summary>The whole check, redirects and retries included.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The server's certificate; null over plain http or before the check is over.</summary>
    public SiteCertificate? Certificate { get; }

    /// <summary>The HTTP version the answer came over; asked of conditions on the answer only.</summary>
    public Version HttpVersion => (_response ?? throw new InvalidOperationException("Only an answer has an HTTP version.")).Version;

    /// <summary>The HTTP version the request of the answer asked for.</summary>
    public Version? RequestedHttpVersion => _response?.RequestMessage?.Version;

    /// <summary>When the site's domain registration expires, or why that is unknown; null when the policy did not ask, or before the check is over.</summary>
    public DomainExpiry? Domain { get; }

    /// <summary>When the check started: days left are counted from it.</summary>
    public DateTimeOffset Started { get; }

    public static ConditionFacts OfAnswer(HttpResponseMessage response, BodyStart body, int maximumContentBytes) => new(response, body, maximumContentBytes, null);

    public static ConditionFacts OfCheck(ProbeOutcome outcome) => new(null, default, 0, outcome);

    /// <summary>A header's values as one text, joined as HTTP joins them; null when the answer has no such header.</summary>
    public string? Header(string name)
    {
        if (_response is null)
        {
            return null;
        }

        IEnumerable<string>? values = null;
        if (!_response.Headers.TryGetValues(name, out values))
        {
            _response.Content?.Headers.TryGetValues(name, out values);
        }

        return values is null ? null : string.Join(", ", values);
    }

    /// <summary>The body read as JSON; false with the problem, in words, when it is not JSON or was cut at the cap.</summary>
    public bool TryJson(out object? document, out string problem)
    {
        if (!_parsed)
        {
            _parsed = true;
            try
            {
                _document = JsonDocumentReader.Parse(Body.Text);
            }
            catch (JsonFormatException notJson)
            {
                _notJson = Body.Complete
                    ? $"The body is not JSON ({notJson.Message.TrimEnd('.')})"
                    : string.Format(CultureInfo.InvariantCulture, "The body is longer than -MaximumContentBytes ({0} bytes), so it cannot be read as JSON whole", MaximumContentBytes);
            }
        }

        document = _document;
        problem = _notJson ?? string.Empty;
        return _notJson is null;
    }
}
