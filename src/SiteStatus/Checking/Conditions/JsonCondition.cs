using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SiteStatus.Checking.Conditions;

/// <summary>
/// A condition on a JSON body: a path, an operator and a value (<see cref="Comparison"/>), such as <c>status == UP</c>,
/// <c>checks[0].state != failed</c>, <c>items.length &gt; 0</c> or <c>version =~ ^2\.</c>. The path is names joined by
/// dots, with [n] for array items and .length for the size of an array, string or object (unless the object has a
/// member of that name); it may start with $. A missing path fails the condition.
/// </summary>
internal sealed class JsonCondition : ISiteCondition
{
    public const string SettingName = "JsonCondition";

    private static readonly Regex Segment = new(@"\G(?:\.?(?<name>[^.\[\]]+)|\[(?<index>[0-9]+)\])", RegexOptions.CultureInvariant);

    private readonly object[] _path;
    private readonly Comparison _comparison;

    private JsonCondition(string text, object[] path, Comparison comparison)
    {
        Text = text;
        _path = path;
        _comparison = comparison;
    }

    public string Text { get; }

    public string Setting => SettingName;

    public ConditionStage Stage => ConditionStage.Answer;

    public bool ReadsBody => true;

    public bool SeesCertificate => false;

    /// <exception cref="FormatException">The text does not follow the grammar; the message says where.</exception>
    public static JsonCondition Parse(string text)
    {
        var comparison = Comparison.Parse(text, "a path", "status == UP");
        var pathText = comparison.Subject;
        return new JsonCondition(text.Trim(), ParsePath(pathText[0] == '$' ? pathText.Substring(1) : pathText, text), comparison);
    }

    public ConditionOutcome Evaluate(ConditionFacts facts)
    {
        if (!facts.TryJson(out var document, out var problem))
        {
            return new ConditionOutcome(Text, false, facts.Body.Complete ? "not JSON" : "cut at -MaximumContentBytes") { Why = $"{problem}: '{Text}' cannot hold" };
        }

        if (!TryResolve(document, out var value, out var missing))
        {
            return new ConditionOutcome(Text, false, missing);
        }

        var (passed, observed) = _comparison.Judge(value);
        return new ConditionOutcome(Text, passed, observed);
    }

    private static object[] ParsePath(string path, string text)
    {
        var segments = new List<object>();
        var at = 0;
        while (at < path.Length)
        {
            var match = Segment.Match(path, at);
            if (!match.Success || match.Length == 0)
            {
                throw new FormatException($"'{text}' has a path that cannot be read at '{path.Substring(at)}': write names joined by dots, with [n] for array items.");
            }

            segments.Add(match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture) : match.Groups["name"].Value);
            at += match.Length;
        }

        return segments.ToArray();
    }

    private bool TryResolve(object? document, out object? value, out string? missing)
    {
        value = document;
        var walked = new StringBuilder("$");
        foreach (var segment in _path)
        {
            switch (segment, value)
            {
                case (int index, List<object?> items) when index < items.Count:
                    value = items[index];
                    walked.Append('[').Append(index).Append(']');
                    continue;
                case (string name, Dictionary<string, object?> members) when members.TryGetValue(name, out var member):
                    value = member;
                    walked.Append('.').Append(name);
                    continue;
                case ("length", List<object?> items):
                    value = (double)items.Count;
                    continue;
                case ("length", string text):
                    value = (double)text.Length;
                    continue;
                case ("length", Dictionary<string, object?> members):
                    value = (double)members.Count;
                    continue;
            }

            missing = segment is int i
                ? $"no item [{i}] in {walked} ({Comparison.Describe(value)})"
                : $"no member '{segment}' in {walked} ({Comparison.Describe(value)})";
            return false;
        }

        missing = null;
        return true;
    }
}
