using System;
using System.Collections.Generic;
using System.Linq;

namespace SiteStatus.Checking.Conditions;

/// <summary>
/// The versions of HTTP a response may come over, as blackbox_exporter's valid_http_versions: a site that should speak
/// HTTP/2 and answers over HTTP/1.1 (a proxy in front that lost it, say) fails the check.
/// </summary>
internal sealed class ValidHttpVersionCondition : ISiteCondition
{
    public const string SettingName = "ValidHttpVersion";

    private readonly IReadOnlyList<Version> _allowed;

    private ValidHttpVersionCondition(IReadOnlyList<Version> allowed)
    {
        _allowed = allowed;
        var names = allowed.Select(HttpVersions.Name).ToList();
        Text = names.Count == 1 ? $"HttpVersion == {names[0]}" : $"HttpVersion in ({string.Join(", ", names)})";
    }

    public string Text { get; }

    public string Setting => SettingName;

    public ConditionStage Stage => ConditionStage.Answer;

    public bool ReadsBody => false;

    public bool SeesCertificate => false;

    /// <summary>One condition that allows every version of <paramref name="versions"/>; none when they are none.</summary>
    /// <exception cref="FormatException">One is not an HTTP version.</exception>
    public static IEnumerable<ISiteCondition> Parse(IEnumerable<string> versions)
    {
        var allowed = versions.Select(HttpVersions.Parse).Distinct().OrderBy(v => v).ToList();
        return allowed.Count == 0 ? [] : [new ValidHttpVersionCondition(allowed)];
    }

    public ConditionOutcome Evaluate(ConditionFacts facts)
    {
        var seen = facts.HttpVersion;
        if (_allowed.Contains(seen))
        {
            return new ConditionOutcome(Text, true, HttpVersions.Name(seen));
        }

        // A version above what the check asked for can never come: say so, or the failure looks like the site's.
        var asked = facts.RequestedHttpVersion is { } requested && requested < _allowed[0]
            ? $", and the check asked for HTTP/{HttpVersions.Name(requested)} at most (-HttpVersion)"
            : string.Empty;
        return new ConditionOutcome(Text, false, HttpVersions.Name(seen)) { Why = $"The response came over HTTP/{HttpVersions.Name(seen)}; -ValidHttpVersion allows {Allowed()}{asked}" };
    }

    private string Allowed()
    {
        var names = _allowed.Select(v => "HTTP/" + HttpVersions.Name(v)).ToList();
        return names.Count == 1 ? names[0] + " only" : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];
    }
}
