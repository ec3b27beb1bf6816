using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace SiteStatus;

/// <summary>
/// A list of a result or summary: objects for PowerShell ($r.Redirects[0].StatusCode), and, as text (a CSV cell of
/// Export-Csv, say), its items' short texts joined, never a type name.
/// </summary>
/// <typeparam name="T">The items.</typeparam>
public class TextList<T> : ReadOnlyCollection<T>
{
    private readonly string _separator;
    private readonly Func<T, string?> _text;

    internal TextList(IList<T> items, string separator, Func<T, string?>? text = null)
        : base(items)
    {
        _separator = separator;
        _text = text ?? (item => item?.ToString());
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(_separator, this.Select(_text));
}
