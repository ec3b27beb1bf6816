using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SiteStatus.Checking.Conditions;

/// <summary>
/// The <c>SUBJECT OPERATOR VALUE</c> form that JSON and header conditions share, and how a value is compared: == and !=
/// compare numbers as numbers and anything else as text, case-sensitively; &lt;, &lt;=, &gt; and &gt;= compare numbers;
/// =~ matches a regular expression against the value as text. The value is the rest of the text, or a quoted string;
/// null, true and false unquoted are JSON's. Values are JSON's kinds: text, number (double), true or false, null, arrays and objects.
/// </summary>
internal sealed class Comparison
{
    private const int ObservedLength = 80;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private static readonly Regex Grammar = new(
        @"^\s*(?<subject>[^\s=!<>~]+)\s*(?<op>==|!=|<=|>=|=~|<|>)\s*(?<literal>.*?)\s*$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    private readonly string _operator;
    private readonly string _literal;
    private readonly bool _quoted;
    private readonly double? _number;
    private readonly Regex? _pattern;

    private Comparison(string subject, string op, string literal, bool quoted)
    {
        Subject = subject;
        _operator = op;
        _literal = literal;
        _quoted = quoted;
        _number = !quoted && double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
        _pattern = op == "=~" ? new Regex(literal, RegexOptions.CultureInvariant, MatchTimeout) : null;
    }

    /// <summary>What is compared, as written: a JSON path, a header's name.</summary>
    public string Subject { get; }

    /// <param name="text">The condition.</param>
    /// <param name="subjectExample">What the subject is, for the error: "a path", "a header name".</param>
    /// <param name="example">A whole condition of this kind, for the error.</param>
    /// <exception cref="FormatException">The text does not follow the grammar; the message says where.</exception>
    public static Comparison Parse(string? text, string subjectExample, string example)
    {
        var match = Grammar.Match(text ?? string.Empty);
        if (!match.Success)
        {
            throw new FormatException($"'{text}' is not a condition: write {subjectExample}, one of == != < <= > >= =~, and a value, as in '{example}'.");
        }

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

        Comparison comparison;
        try
        {
            comparison = new Comparison(match.Groups["subject"].Value, op, literal, quoted);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{text}' has a pattern that is not a regular expression: {e.Message.TrimEnd('.')}.", e);
        }

        if (op is "<" or "<=" or ">" or ">=" && comparison._number is null)
        {
            throw new FormatException($"'{text}' compares with '{op}', which needs a number, not '{literal}'.");
        }

        return comparison;
    }

    /// <summary>Whether <paramref name="value"/> meets the comparison, and the value as a person reads it.</summary>
    public (bool Passed, string Observed) Judge(object? value)
    {
        var observed = Show(value);
        try
        {
            return (Holds(value), observed);
        }
        catch (RegexMatchTimeoutException)
        {
            return (false, observed + " (matching took too long)");
        }
    }

    /// <summary>
    /// Whether a value that is only ever text (a header's) meets the comparison: =~ and a quoted or non-numeric literal
    /// compare the text as it came; &lt; &lt;= &gt; &gt;= and a numeric literal compare it as a number when it reads as one.
    /// null, true and false unquoted are text here, as the value is.
    /// </summary>
    public (bool Passed, string Observed) JudgeText(string text)
    {
        var observed = Show(text);
        var number = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : (double?)null;
        try
        {
            var passed = _operator switch
            {
                "=~" => _pattern!.IsMatch(text),
                "==" or "!=" => (_number is { } expected && !_quoted && number is { } actual
                    ? actual.Equals(expected)
                    : string.Equals(text, _literal, StringComparison.Ordinal)) == (_operator == "=="),
                _ => number is { } value && Holds(value),
            };
            return (passed, observed);
        }
        catch (RegexMatchTimeoutException)
        {
            return (false, observed + " (matching took too long)");
        }
    }

    /// <summary>A value in a few words, for a reason that says what was there instead.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        List<object?> items => $"an array of {items.Count}",
        Dictionary<string, object?> => "an object",
        string => "a string",
        _ => AsText(value),
    };

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
