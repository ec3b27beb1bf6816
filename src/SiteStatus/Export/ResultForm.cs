using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq.Expressions;
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
    // A compiled getter per type and name: packing a location's results reads every field of every one.
    private static readonly ConcurrentDictionary<(Type Type, string Name), Func<object, object?>?> Getters = new();

    private LiveForm()
    {
    }

    public static LiveForm Instance { get; } = new();

    public object? Property(object item, string name) => Getters.GetOrAdd((item.GetType(), name), Getter)?.Invoke(item);

    private static Func<object, object?>? Getter((Type Type, string Name) key)
    {
        if (key.Type.GetProperty(key.Name, BindingFlags.Public | BindingFlags.Instance) is not { } property)
        {
            return null;
        }

        var item = Expression.Parameter(typeof(object));
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(Expression.Property(Expression.Convert(item, key.Type), property), typeof(object)), item).Compile();
    }
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
