using System;
using System.Text.RegularExpressions;

namespace SiteStatus.Checking.Conditions;

/// <summary>
/// A condition on a header of the final answer: its name, an operator and a value (<see cref="Comparison"/>), such as
/// <c>Cache-Control =~ max-age</c>, <c>Content-Type == application/json</c> or <c>Age &lt; 600</c>. The value is text:
/// =~ and == with text match it as it came; &lt;, &gt; and == with a number compare it as a number when it reads as one.
/// A header the answer does not have fails the condition; several values are joined with ", ".
/// </summary>
internal sealed class HeaderCondition : ISiteCondition
{
    public const string SettingName = "HeaderCondition";

    // RFC 9110's token: the characters a field name may have.
    private static readonly Regex FieldName = new("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$", RegexOptions.CultureInvariant);

    private readonly Comparison _comparison;

    private HeaderCondition(string text, Comparison comparison)
    {
        Text = text;
        _comparison = comparison;
    }

    public string Text { get; }

    public string Setting => SettingName;

    public ConditionStage Stage => ConditionStage.Answer;

    public bool ReadsBody => false;

    public bool SeesCertificate => false;

    /// <exception cref="FormatException">The text does not follow the grammar; the message says where.</exception>
    public static HeaderCondition Parse(string text)
    {
        var comparison = Comparison.Parse(text, "a header name", "Cache-Control =~ max-age");
        if (!FieldName.IsMatch(comparison.Subject))
        {
            throw new FormatException($"'{text}' names the header '{comparison.Subject}', which is not a header name.");
        }

        return new HeaderCondition(text.Trim(), comparison);
    }

    public ConditionOutcome Evaluate(ConditionFacts facts)
    {
        if (facts.Header(_comparison.Subject) is not { } value)
        {
            return new ConditionOutcome(Text, false, $"no {_comparison.Subject} header");
        }

        var (passed, observed) = _comparison.JudgeText(value);
        return new ConditionOutcome(Text, passed, observed);
    }
}
