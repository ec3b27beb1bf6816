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
    // Compiled getters, per type: packing a location's results reads every field of every one.
    private static readonly ConcurrentDictionary<Type, Dictionary<string, Func<object, object?>>> Getters = new();

    private LiveForm()
    {
    }

    public static LiveForm Instance { get; } = new();

    public object? Property(object item, string name) => Getters.GetOrAdd(item.GetType(), GettersOf).TryGetValue(name, out var get) ? get(item) : null;

    private static Dictionary<string, Func<object, object?>> GettersOf(Type type)
    {
        var getters = new Dictionary<string, Func<object, object?>>(StringComparer.Ordinal);

        // The type's own property first, where one hides another of its base type's.
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && !getters.ContainsKey(property.Name))
            {
                getters[property.Name] = Getter(type, property);
            }
        }

        return getters;
    }

    private static Func<object, object?> Getter(Type type, PropertyInfo property)
    {
        var item = Expression.Parameter(typeof(object));
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(Expression.Property(Expression.Convert(item, type), property), typeof(object)), item).Compile();
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
