using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SiteStatus.Json;

namespace SiteStatus.Export;

/// <summary>One field of a result, or of an object it holds: its name (the property's, and the JSON member's), how its value is written as JSON, and how it is read from any form.</summary>
/// <typeparam name="TOwner">The record that holds the field's value.</typeparam>
internal abstract class ResultField<TOwner>(string name)
{
    public string Name { get; } = name;

    /// <summary>Writes the field's value in <paramref name="owner"/> as one JSON value (its name, if any, is already written).</summary>
    public abstract void Write(JsonWriter json, TOwner owner);

    /// <summary>Sets the field in <paramref name="owner"/> from <paramref name="value"/>, as <paramref name="form"/> holds it; null when the form has none.</summary>
    public abstract void Read(TOwner owner, object? value, IResultForm form);

    /// <summary>Whether the field in <paramref name="owner"/> is empty (null, false, no items): reading null gives it back.</summary>
    public abstract bool IsEmpty(TOwner owner);

    /// <summary>Writes <paramref name="owner"/> as one JSON object of <paramref name="fields"/>, or null when it has none.</summary>
    public static void WriteObject(JsonWriter json, TOwner owner, bool present, IReadOnlyList<ResultField<TOwner>> fields)
    {
        if (!present)
        {
            json.Value((string?)null);
            return;
        }

        json.StartObject();
        foreach (var field in fields)
        {
            field.Write(json.Name(field.Name), owner);
        }

        json.EndObject();
    }
}

/// <summary>A field with a value of its own in the record, of one kind.</summary>
internal sealed class ValueField<TOwner, TValue>(string name, ValueKind<TValue> kind, Func<TOwner, TValue> get, Action<TOwner, TValue> set) : ResultField<TOwner>(name)
{
    public override void Write(JsonWriter json, TOwner owner) => kind.Write(json, get(owner));

    public override void Read(TOwner owner, object? value, IResultForm form) => set(owner, kind.Read(value, form));

    public override bool IsEmpty(TOwner owner) => kind.IsEmpty(get(owner));
}

/// <summary>
/// An object whose members the record keeps as fields of its own (a report's Timing): written as an object, or null
/// when the record does not have it.
/// </summary>
internal sealed class GroupField<TOwner>(string name, Func<TOwner, bool> has, Action<TOwner, bool> setHas, IReadOnlyList<ResultField<TOwner>> members) : ResultField<TOwner>(name)
{
    public override void Write(JsonWriter json, TOwner owner) => WriteObject(json, owner, has(owner), members);

    public override void Read(TOwner owner, object? value, IResultForm form)
    {
        setHas(owner, value is not null);
        foreach (var member in members)
        {
            member.Read(owner, value is null ? null : form.Property(value, member.Name), form);
        }
    }

    public override bool IsEmpty(TOwner owner) => !has(owner);
}

/// <summary>How values of one kind are written as JSON, and read from whatever a form holds for them.</summary>
internal abstract class ValueKind<T>
{
    public abstract void Write(JsonWriter json, T value);

    public abstract T Read(object? value, IResultForm form);

    public virtual bool IsEmpty(T value) => EqualityComparer<T>.Default.Equals(value, default!);
}

/// <summary>The kinds of values results hold, read leniently: a number may come as its text (Import-Csv), an enum as its name (Deserialized).</summary>
internal static class ValueKinds
{
    public static ValueKind<string?> Text { get; } = new TextKind();

    public static ValueKind<long?> Integer { get; } = new IntegerKind();

    public static ValueKind<double?> Number { get; } = new NumberKind();

    public static ValueKind<bool> Flag { get; } = new FlagKind();

    public static ValueKind<DateTimeOffset?> Time { get; } = new TimeKind();

    public static ValueKind<IReadOnlyList<string>> Texts { get; } = new TextsKind();

    /// <summary>A list, as its number of items less one: the redirects of a chain whose last request gave the answer. A number stands for itself.</summary>
    public static ValueKind<long?> HopCount { get; } = new HopCountKind();

    /// <summary>An object with fields of its own, or null.</summary>
    public static ValueKind<T?> Object<T>(Func<T> create, IReadOnlyList<ResultField<T>> fields)
        where T : class => new ObjectKind<T>(create, fields);

    /// <summary>A list of objects with fields of their own.</summary>
    public static ValueKind<IReadOnlyList<T>> Objects<T>(Func<T> create, IReadOnlyList<ResultField<T>> fields)
        where T : class => new ObjectsKind<T>(new ObjectKind<T>(create, fields));

    private static string? ToText(object? value) => value switch
    {
        null => null,
        string text => text,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static bool IsNumber(object value) => value is IConvertible convertible && convertible.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal;

    private static IEnumerable<object?> Items(object? value) => value switch
    {
        null => [],
        string text => [text],
        IEnumerable items => items.Cast<object?>(),
        _ => [value],
    };

    private sealed class TextKind : ValueKind<string?>
    {
        public override void Write(JsonWriter json, string? value) => json.Value(value);

        public override string? Read(object? value, IResultForm form) => ToText(value);
    }

    private sealed class IntegerKind : ValueKind<long?>
    {
        public override void Write(JsonWriter json, long? value) => json.Value(value);

        public override long? Read(object? value, IResultForm form) => value switch
        {
            string text => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null,
            { } number when IsNumber(number) => Convert.ToInt64(number, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private sealed class NumberKind : ValueKind<double?>
    {
        public override void Write(JsonWriter json, double? value) => json.Value(value);

        public override double? Read(object? value, IResultForm form) => value switch
        {
            string text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null,
            { } number when IsNumber(number) => Convert.ToDouble(number, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private sealed class FlagKind : ValueKind<bool>
    {
        public override void Write(JsonWriter json, bool value) => json.Value(value);

        public override bool Read(object? value, IResultForm form) => value switch
        {
            bool flag => flag,
            string text => bool.TryParse(text, out var flag) && flag,
            { } number when IsNumber(number) => Convert.ToDouble(number, CultureInfo.InvariantCulture) != 0,
            _ => false,
        };
    }

    private sealed class TimeKind : ValueKind<DateTimeOffset?>
    {
        public override void Write(JsonWriter json, DateTimeOffset? value) => json.Value(value);

        /// <summary>DateTimeOffset, DateTime (ConvertFrom-Json's), text, or the property bag a Deserialized DateTimeOffset is.</summary>
        public override DateTimeOffset? Read(object? value, IResultForm form) => value switch
        {
            null => null,
            DateTimeOffset time => time,
            DateTime time => new DateTimeOffset(time),
            // ISO 8601 as JSON Lines and packed batches write it, quickly; any other text as the invariant culture reads it.
            string text => DateTimeOffset.TryParseExact(text, "o", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time) ? time : null,
            var bag when form.Property(bag, "UtcDateTime") is DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))
                .ToOffset(form.Property(bag, "Offset") is TimeSpan offset ? offset : TimeSpan.Zero),
            _ => null,
        };
    }

    private sealed class TextsKind : ValueKind<IReadOnlyList<string>>
    {
        public override void Write(JsonWriter json, IReadOnlyList<string> value) => json.Values(value);

        public override IReadOnlyList<string> Read(object? value, IResultForm form) => value is null ? [] : Items(value).Select(item => ToText(item) ?? string.Empty).ToList();

        public override bool IsEmpty(IReadOnlyList<string> value) => value.Count == 0;
    }

    private sealed class HopCountKind : ValueKind<long?>
    {
        public override void Write(JsonWriter json, long? value) => json.Value(value);

        public override long? Read(object? value, IResultForm form) => value is IEnumerable hops and not string
            ? Math.Max(0, hops.Cast<object?>().Count() - 1)
            : Integer.Read(value, form);
    }

    private sealed class ObjectKind<T>(Func<T> create, IReadOnlyList<ResultField<T>> fields) : ValueKind<T?>
        where T : class
    {
        public override void Write(JsonWriter json, T? value) => ResultField<T>.WriteObject(json, value!, value is not null, fields);

        public override T? Read(object? value, IResultForm form)
        {
            if (value is null)
            {
                return null;
            }

            var item = create();
            foreach (var field in fields)
            {
                field.Read(item, form.Property(value, field.Name), form);
            }

            return item;
        }
    }

    private sealed class ObjectsKind<T>(ObjectKind<T> item) : ValueKind<IReadOnlyList<T>>
        where T : class
    {
        public override void Write(JsonWriter json, IReadOnlyList<T> value)
        {
            json.StartArray();
            foreach (var one in value)
            {
                item.Write(json, one);
            }

            json.EndArray();
        }

        public override IReadOnlyList<T> Read(object? value, IResultForm form) => value is null ? [] : Items(value).Select(one => item.Read(one, form)).OfType<T>().ToList();

        public override bool IsEmpty(IReadOnlyList<T> value) => value.Count == 0;
    }
}

/// <summary>Makes the fields of one kind of record, so each entry of <see cref="ResultFields"/> names only what is its own.</summary>
internal static class FieldsOf<T>
{
    public static ResultField<T> Text(string name, Func<T, string?> get, Action<T, string?> set) => new ValueField<T, string?>(name, ValueKinds.Text, get, set);

    public static ResultField<T> Integer(string name, Func<T, long?> get, Action<T, long?> set) => new ValueField<T, long?>(name, ValueKinds.Integer, get, set);

    public static ResultField<T> Number(string name, Func<T, double?> get, Action<T, double?> set) => new ValueField<T, double?>(name, ValueKinds.Number, get, set);

    public static ResultField<T> Flag(string name, Func<T, bool> get, Action<T, bool> set) => new ValueField<T, bool>(name, ValueKinds.Flag, get, set);

    public static ResultField<T> Time(string name, Func<T, DateTimeOffset?> get, Action<T, DateTimeOffset?> set) => new ValueField<T, DateTimeOffset?>(name, ValueKinds.Time, get, set);

    public static ResultField<T> Texts(string name, Func<T, IReadOnlyList<string>> get, Action<T, IReadOnlyList<string>> set) => new ValueField<T, IReadOnlyList<string>>(name, ValueKinds.Texts, get, set);

    public static ResultField<T> HopCount(string name, Func<T, long?> get, Action<T, long?> set) => new ValueField<T, long?>(name, ValueKinds.HopCount, get, set);

    public static ResultField<T> Object<TItem>(string name, Func<T, TItem?> get, Action<T, TItem?> set, Func<TItem> create, IReadOnlyList<ResultField<TItem>> fields)
        where TItem : class => new ValueField<T, TItem?>(name, ValueKinds.Object(create, fields), get, set);

    public static ResultField<T> Objects<TItem>(string name, Func<T, IReadOnlyList<TItem>> get, Action<T, IReadOnlyList<TItem>> set, Func<TItem> create, IReadOnlyList<ResultField<TItem>> fields)
        where TItem : class => new ValueField<T, IReadOnlyList<TItem>>(name, ValueKinds.Objects(create, fields), get, set);

    public static ResultField<T> Group(string name, Func<T, bool> has, Action<T, bool> setHas, IReadOnlyList<ResultField<T>> members) => new GroupField<T>(name, has, setHas, members);
}
