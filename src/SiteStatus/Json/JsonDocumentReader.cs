using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SiteStatus.Json;

/// <summary>A body that is not JSON, with where reading stopped.</summary>
internal sealed class JsonFormatException(string message) : Exception(message);

/// <summary>
/// Reads JSON text into plain values (null, bool, double, string, lists, ordinal dictionaries) for conditions to walk.
/// Small and strict on purpose: both builds use it (Windows PowerShell has no JSON reader of its own), the text is
/// already capped, and nesting is bounded so a hostile body cannot exhaust the stack.
/// </summary>
#pragma warning disable CA1846 // Span overloads of the parsers are not in netstandard2.0; the copies are a few characters.
internal sealed class JsonDocumentReader
{
    private const int MaximumDepth = 128;

    private readonly string _text;
    private int _position;

    private JsonDocumentReader(string text) => _text = text;

    /// <exception cref="JsonFormatException">The text is not one complete JSON value.</exception>
    public static object? Parse(string text)
    {
        var reader = new JsonDocumentReader(text);
        var value = reader.ReadValue(0);
        reader.SkipWhiteSpace();
        if (reader._position < text.Length)
        {
            throw reader.Error("more text after the JSON value");
        }

        return value;
    }

    private object? ReadValue(int depth)
    {
        if (depth > MaximumDepth)
        {
            throw Error($"nested deeper than {MaximumDepth} levels");
        }

        SkipWhiteSpace();
        if (_position >= _text.Length)
        {
            throw Error("the text ends where a value should be");
        }

        switch (_text[_position])
        {
            case '{':
                return ReadObject(depth);
            case '[':
                return ReadArray(depth);
            case '"':
                return ReadString();
            case 't':
                return ReadWord("true", true);
            case 'f':
                return ReadWord("false", false);
            case 'n':
                return ReadWord("null", null);
            default:
                return ReadNumber();
        }
    }

    private Dictionary<string, object?> ReadObject(int depth)
    {
        var members = new Dictionary<string, object?>(StringComparer.Ordinal);
        _position++;
        SkipWhiteSpace();
        if (TryTake('}'))
        {
            return members;
        }

        do
        {
            SkipWhiteSpace();
            if (_position >= _text.Length || _text[_position] != '"')
            {
                throw Error("a member name in quotes was expected");
            }

            var name = ReadString();
            SkipWhiteSpace();
            Expect(':');
            members[name] = ReadValue(depth + 1);
            SkipWhiteSpace();
        }
        while (TryTake(','));

        Expect('}');
        return members;
    }

    private List<object?> ReadArray(int depth)
    {
        var items = new List<object?>();
        _position++;
        SkipWhiteSpace();
        if (TryTake(']'))
        {
            return items;
        }

        do
        {
            items.Add(ReadValue(depth + 1));
            SkipWhiteSpace();
        }
        while (TryTake(','));

        Expect(']');
        return items;
    }

    private string ReadString()
    {
        _position++;
        var text = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == '"')
            {
                return text.ToString();
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                break;
            }

            var escaped = _text[_position++];
            switch (escaped)
            {
                case '"' or '\\' or '/':
                    text.Append(escaped);
                    break;
                case 'b':
                    text.Append('\b');
                    break;
                case 'f':
                    text.Append('\f');
                    break;
                case 'n':
                    text.Append('\n');
                    break;
                case 'r':
                    text.Append('\r');
                    break;
                case 't':
                    text.Append('\t');
                    break;
                case 'u' when _position + 4 <= _text.Length
                    && int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    text.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw Error($"'\\{escaped}' is not an escape JSON knows");
            }
        }

        throw Error("a string is not closed");
    }

    private object? ReadWord(string word, object? value)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
        {
            throw Error($"'{word}' was expected");
        }

        _position += word.Length;
        return value;
    }

    private double ReadNumber()
    {
        var start = _position;
        while (_position < _text.Length && _text[_position] is (>= '0' and <= '9') or '+' or '-' or '.' or 'e' or 'E')
        {
            _position++;
        }

        if (_position == start
            || !double.TryParse(_text.Substring(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            _position = start;
            throw Error("a value was expected");
        }

        return number;
    }

    private void SkipWhiteSpace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
        {
            _position++;
        }
    }

    private bool TryTake(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryTake(c))
        {
            throw Error(_position >= _text.Length ? $"the text ends where '{c}' should be" : $"'{c}' was expected");
        }
    }

    private JsonFormatException Error(string problem) =>
        new(string.Format(CultureInfo.InvariantCulture, "{0} at character {1}", problem, _position + 1));
}
#pragma warning restore CA1846
