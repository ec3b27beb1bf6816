using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using SiteStatus.Checking;
using SiteStatus.Checking.Settings;

namespace SiteStatus.Commands;

/// <summary>
/// A site's own policy, read from the object it came in (a CSV row, a JSON object, a hashtable): every setting of the
/// catalog (<see cref="CheckSettings"/>), by its name. A value there wins over the command line for that site only;
/// null or an empty cell means "not set". Sites with no settings share the command line's policy, so a plain URL list
/// costs nothing here.
/// </summary>
internal static class SiteSettings
{
    /// <summary>The error id of a row with a value that cannot be used.</summary>
    public const string InvalidSiteSetting = "InvalidSiteSetting";

    /// <summary>The policy for the site <paramref name="source"/> describes: <paramref name="commandLine"/> with the object's settings over it.</summary>
    /// <returns>The policy, or null with <paramref name="error"/> naming the setting whose value cannot be used.</returns>
    public static CheckPolicy? Read(object source, CheckPolicy commandLine, out InputError? error)
    {
        error = null;
        var policy = commandLine;
        var dictionary = (source is PSObject wrapped ? wrapped.BaseObject : source) as IDictionary;
        var properties = dictionary is null ? PSObject.AsPSObject(source).Properties : null;
        foreach (var setting in CheckSettings.All)
        {
            object? value = null;
            if (dictionary is not null)
            {
                PipelineInput.TryGetKey(dictionary, setting.Name, out value);
            }
            else if (properties![setting.Name] is { } property)
            {
                value = property.Value;
            }

            if (Plain(value) is not { } plain)
            {
                continue;
            }

            try
            {
                policy = setting.Apply(policy, plain);
            }
            catch (FormatException e)
            {
                // Headers may hold secrets (Authorization, API keys): their values are never quoted back.
                var shown = setting.Name == "Headers" ? string.Empty : $", '{SiteTarget.Quote(Shown(plain))}',";
                error = new InputError(InvalidSiteSetting, $"The {setting.Name} of this site{shown} cannot be used: {e.Message}", null);
                return null;
            }
        }

        return policy;
    }

    /// <summary>
    /// A value as the catalog reads it, free of PowerShell's wrappers: a text, a number, a boolean, a list of texts, or a
    /// dictionary (a JSON object's properties); null when it is not set (null, or a blank cell).
    /// </summary>
    private static object? Plain(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
    {
        null => null,
        SwitchParameter flag => flag.IsPresent,
        string text => text.Trim().Length == 0 ? null : text,
        IDictionary dictionary => dictionary,
        PSCustomObject => PSObject.AsPSObject(value).Properties.ToDictionary(p => p.Name, p => PipelineInput.AsText(p.Value) ?? string.Empty),
        IEnumerable items => items.Cast<object?>().Select(item => PipelineInput.AsText(item) ?? string.Empty).ToArray(),
        var other => other,
    };

    private static string Shown(object value) => value switch
    {
        string[] items => string.Join(", ", items),
        IDictionary => "an object",
        _ => LanguagePrimitives.ConvertTo<string>(value),
    };
}
