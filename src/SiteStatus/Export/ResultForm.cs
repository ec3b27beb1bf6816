using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection;

namespace SiteStatus.Export;

/// <summary>
/// A form a result comes in (a live object, parsed JSON, its Deserialized form) and how to read a property of one of
/// its objects by name. Values come back as the form holds them, an enum or its name, a number or its text: the
/// fields' kinds read any of them.
/// </summary>
internal interface IResultForm
{
    /// <summary>The value of the property <paramref name="name"/> of <paramref name="item"/>; null when it has none.</summary>
    object? Property(object item, string name);
}

/// <summary>Live results, reports and the objects they hold, read by their public properties.</summary>
internal sealed class LiveForm : IResultForm
{
    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo?> Properties = new();

    private LiveForm()
    {
    }

    public static LiveForm Instance { get; } = new();

    public object? Property(object item, string name) =>
        Properties.GetOrAdd((item.GetType(), name), key => key.Item1.GetProperty(key.Item2, BindingFlags.Public | BindingFlags.Instance))?.GetValue(item);
}

/// <summary>JSON as <see cref="Json.JsonDocumentReader"/> reads it: objects are ordinal dictionaries.</summary>
internal sealed class JsonForm : IResultForm
{
    private JsonForm()
    {
    }

    public static JsonForm Instance { get; } = new();

    public object? Property(object item, string name) => item is Dictionary<string, object?> members && members.TryGetValue(name, out var value) ? value : null;
}
