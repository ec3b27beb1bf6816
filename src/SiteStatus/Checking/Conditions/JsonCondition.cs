using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SiteStatus.Checking;

/// <summary>What one condition found: whether it held, and the value it saw.</summary>
internal sealed record ConditionOutcome(string Condition, bool Passed, string? Observed);

/// <summary>
/// A condition on a JSON body: a path, an operator and a literal, such as <c>status == UP</c>, <c>checks[0].state != failed</c>,
/// <c>items.length &gt; 0</c> or <c>version =~ ^2\.</c>. The path is names joined by dots, with [n] for array items and
/// .length for the size of an array, string or object (unless the object has a member of that name); it may start with $.
/// The literal is the rest of the text, or a quoted string; null, true and false unquoted are JSON's; &lt;, &lt;=, &gt; and
/// &gt;= compare numbers; == and != compare numbers as numbers and anything else as text, case-sensitively; =~ matches
/// a regular expression against the value as text.
/// </summary>
internal sealed class JsonCondition
{
    private const int ObservedLength = 80;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private static readonly Regex Grammar = new(
        @"^\s*(?<path>[^\s=!<>~]+)\s*(?<op>==|!=|<=|>=|=~|<|>)\s*(?<literal>.*?)\s*$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    private static readonly Regex Segment = new(@"\G(?:\.?(?<name>[^.\[\]]+)|\[(?<index>[0-9]+)\])", RegexOptions.CultureInvariant);

    private readonly object[] _path;
    private readonly string _operator;
    private readonly string _literal;
    private readonly bool _quoted;
    private readonly double? _number;
    private readonly Regex? _pattern;

    private JsonCondition(string text, object[] path, string op, string literal, bool quoted)
    {
        Text = text;
        _path = path;
        _operator = op;
        _literal = literal;
        _quoted = quoted;
        _number = !quoted && double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
        _pattern = op == "=~" ? new Regex(literal, RegexOptions.CultureInvariant, MatchTimeout) : null;
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <exception cref="FormatException">The text does not follow the grammar; the message says where.</exception>
    public static JsonCondition Parse(string text)
    {
        var match = Grammar.Match(text ?? string.Empty);
        if (!match.Success)
        {
            throw new FormatException($"'{text}' is not a condition: write a path, one of == != < <= > >= =~, and a value, as in 'status == UP'.");
        }

        var pathText = match.Groups["path"].Value;
        var path = ParsePath(pathText[0] == '$' ? pathText.Substring(1) : pathText, text!);
        var op = match.Groups["op"].Value;
        var literal = match.Groups["literal"].Value;
        var quoted = literal.Length >= 2 && (literal[0] == '"' || literal[0] == '\'') && literal[literal.Length - 1] == literal[0];
        if (quoted)
        {
            literal = literal.Substring(1, literal.Length - 2);
        }
        else if (literal.Length == 0)
        {
            throw new FormatException($"'{text}' has no value after '{op}'.");
        }

        var condition = new JsonCondition(text!.Trim(), path, op, literal, quoted);
        if (op is "<" or "<=" or ">" or ">=" && condition._number is null)
        {
            throw new FormatException($"'{text}' compares with '{op}', which needs a number, not '{literal}'.");
        }

        return condition;
    }

    /// <summary>Checks the condition against a parsed body.</summary>
    public ConditionOutcome Evaluate(object? document)
    {
        if (!TryResolve(document, out var value, out var missing))
        {
            return new ConditionOutcome(Text, false, missing);
        }

        var observed = Show(value);
        bool passed;
        try
        {
            passed = Holds(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return new ConditionOutcome(Text, false, observed + " (matching took too long)");
        }

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
                ? $"no item [{i}] in {walked} ({Describe(value)})"
                : $"no member '{segment}' in {walked} ({Describe(value)})";
            return false;
        }

        missing = null;
        return true;
    }

    private bool Holds(object? value)
    {
        switch (_operator)
        {
            case "=~":
                return value is not null && _pattern!.IsMatch(AsText(value));
            case "==":
                return IsEqual(value);
            case "!=":
                return !IsEqual(value);
        }

        if (value is not double number)
        {
            return false;
        }

        var limit = _number!.Value;
        return _operator switch
        {
            "<" => number < limit,
            "<=" => number <= limit,
            ">" => number > limit,
            _ => number >= limit,
        };
    }

    private bool IsEqual(object? value)
    {
        if (!_quoted)
        {
            switch (_literal)
            {
                case "null":
                    return value is null;
                case "true" or "false":
                    return value is bool flag && flag == (_literal == "true");
            }

            if (value is double number && _number is { } expected)
            {
                return number.Equals(expected);
            }
        }

        return value is not null and not List<object?> and not Dictionary<string, object?> && string.Equals(AsText(value), _literal, StringComparison.Ordinal);
    }

    private static string AsText(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        _ => Show(value),
    };

    private static string Describe(object? value) => value switch
    {
        null => "null",
        List<object?> items => $"an array of {items.Count}",
        Dictionary<string, object?> => "an object",
        string => "a string",
        _ => AsText(value),
    };

    /// <summary>The value as a person reads it in a reason: strings quoted, objects and arrays summarised, cut short when long.</summary>
    private static string Show(object? value)
    {
        var shown = value switch
        {
            null => "null",
            string text => "\"" + text + "\"",
            List<object?> items => $"[an array of {items.Count}]",
            Dictionary<string, object?> members => "{" + string.Join(", ", members.Keys) + "}",
            _ => AsText(value),
        };
        return shown.Length <= ObservedLength ? shown : shown.Remove(ObservedLength) + "…";
    }
}
