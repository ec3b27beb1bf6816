using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SiteStatus.Json;

/// <summary>
/// Writes compact or indented JSON text into a StringBuilder, one value at a time: the writer both builds share
/// (Windows PowerShell has no JSON writer of its own). The caller writes names and values in a valid order.
/// </summary>
internal sealed class JsonWriter(StringBuilder text, bool indented = false)
{
    private int _depth;
    private bool _first = true;
    private bool _afterName;

    public JsonWriter StartObject() => Open('{');

    public JsonWriter EndObject() => Close('}');

    public JsonWriter StartArray() => Open('[');

    public JsonWriter EndArray() => Close(']');

    /// <summary>A member's name; its value is the next thing written.</summary>
    public JsonWriter Name(string name)
    {
        Separate();
        Quote(text, name);
        text.Append(indented ? ": " : ":");
        _afterName = true;
        return this;
    }

    public JsonWriter Value(string? value) => Write(value is null ? null : Quoted(value));

    public JsonWriter Value(bool value) => Write(value ? "true" : "false");

    public JsonWriter Value(long? value) => Write(value?.ToString(CultureInfo.InvariantCulture));

    public JsonWriter Value(double? value) => Write(value is { } number && !double.IsNaN(number) && !double.IsInfinity(number) ? number.ToString("R", CultureInfo.InvariantCulture) : null);

    /// <summary>An array of strings.</summary>
    public JsonWriter Values(IEnumerable<string> values)
    {
        StartArray();
        foreach (var value in values)
        {
            Value(value);
        }

        return EndArray();
    }

    /// <summary>A value already written as JSON, such as an object rendered compactly inside an indented document.</summary>
    public JsonWriter Raw(string json) => Write(json);

    /// <summary>A time as ISO 8601 with its offset, to the tick: it reads back exactly.</summary>
    public JsonWriter Value(DateTimeOffset? value) => Value(value?.ToString("o", CultureInfo.InvariantCulture));

    /// <summary>A JSON string literal: quotes, backslashes and control characters escaped.</summary>
    public static void Quote(StringBuilder into, string value)
    {
        into.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    into.Append("\\\"");
                    break;
                case '\\':
                    into.Append("\\\\");
                    break;
                case '\n':
                    into.Append("\\n");
                    break;
                case '\r':
                    into.Append("\\r");
                    break;
                case '\t':
                    into.Append("\\t");
                    break;
                case < ' ':
                    into.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    into.Append(c);
                    break;
            }
        }

        into.Append('"');
    }

    private static string Quoted(string value)
    {
        var quoted = new StringBuilder(value.Length + 2);
        Quote(quoted, value);
        return quoted.ToString();
    }

    private JsonWriter Write(string? literal)
    {
        Separate();
        text.Append(literal ?? "null");
        _first = false;
        return this;
    }

    private JsonWriter Open(char bracket)
    {
        Separate();
        text.Append(bracket);
        _depth++;
        _first = true;
        return this;
    }

    private JsonWriter Close(char bracket)
    {
        _depth--;
        if (!_first)
        {
            NewLine();
        }

        text.Append(bracket);
        _first = false;
        return this;
    }

    // A value right after a name goes on the name's line; anything else after the first in a container gets a comma.
    private void Separate()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (!_first)
        {
            text.Append(',');
        }

        if (_depth > 0)
        {
            NewLine();
        }
    }

    private void NewLine()
    {
        if (indented)
        {
            text.Append('\n').Append(' ', _depth * 2);
        }
    }
}
