using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace SiteStatus.Commands;

/// <summary>One URL read from the input: its text, and the object it came from when it was a property of one.</summary>
internal readonly struct SiteInput(string? text, object? source, string? property)
{
    /// <summary>The URL as given; null for a null input or an object with no URL property.</summary>
    public string? Text { get; } = text;

    /// <summary>The object the URL was read from (a CSV row, a hashtable, a result); null for a plain string.</summary>
    public object? Source { get; } = source;

    /// <summary>The property or key the URL was read from; null for a plain string or an object without one.</summary>
    public string? Property { get; } = property;

    /// <summary>What an error record about this input names as its target: the object it came from, else the text.</summary>
    public object? Target => Source ?? Text;
}

/// <summary>
/// Turns whatever the pipeline carries into URLs: strings (also wrapped, as Get-Content's are), [uri]s, nested arrays,
/// objects and hashtables with a Url, Uri or Address property or key. Null and objects without a URL are kept as inputs
/// with no text, so each gets its error instead of ending the run or becoming a nonsense URL.
/// </summary>
internal static class PipelineInput
{
    /// <summary>The property and key names a URL is read from, in order of preference.</summary>
    public static readonly string[] UrlNames = ["Uri", "Url", "Address"];

    public static IEnumerable<SiteInput> Read(object? input)
    {
        var value = input is PSObject wrapped ? wrapped.BaseObject : input;
        switch (value)
        {
            case null:
                yield return new SiteInput(null, null, null);
                break;
            case string text:
                yield return new SiteInput(text, null, null);
                break;
            case Uri uri:
                yield return new SiteInput(uri.OriginalString, null, null);
                break;
            case IDictionary dictionary:
                yield return FromDictionary(dictionary);
                break;
            case IEnumerable items:
                foreach (var item in items)
                {
                    foreach (var inner in Read(item))
                    {
                        yield return inner;
                    }
                }

                break;
            default:
                yield return FromObject(input!, value);
                break;
        }
    }

    /// <summary>The value of a dictionary key, matched without regard to case, as PowerShell matches property names.</summary>
    public static bool TryGetKey(IDictionary dictionary, string name, out object? value)
    {
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is string key && string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>A property or key's value as text: null and empty stay so; [uri]s keep their original text.</summary>
    public static string? AsText(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
    {
        null => null,
        string text => text,
        Uri uri => uri.OriginalString,
        var other => LanguagePrimitives.ConvertTo<string>(other),
    };

    private static SiteInput FromDictionary(IDictionary dictionary)
    {
        foreach (var name in UrlNames)
        {
            if (TryGetKey(dictionary, name, out var value))
            {
                return new SiteInput(AsText(value) ?? string.Empty, dictionary, name);
            }
        }

        return new SiteInput(null, dictionary, null);
    }

    private static SiteInput FromObject(object input, object value)
    {
        var properties = PSObject.AsPSObject(input).Properties;
        foreach (var name in UrlNames)
        {
            if (properties[name] is { } property)
            {
                return new SiteInput(AsText(property.Value) ?? string.Empty, input, property.Name);
            }
        }

        // Numbers and the like have no properties to look in: their text is the input, as for a string.
        return value is IConvertible ? new SiteInput(AsText(value), null, null) : new SiteInput(null, input, null);
    }
}
