using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace SiteStatus.Commands;

/// <summary>
/// Reads a number given as a window as days: PowerShell reads an unquoted 7d or 30d as the decimal literal 7 or 30
/// (d is its decimal suffix), so -Window 7d, 30d would otherwise arrive as 7 and 30.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WindowTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        Unwrap(inputData) switch
        {
            string text => text,
            IEnumerable many => many.Cast<object?>().Select(Window).ToArray(),
            var one => Window(one),
        };

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static object? Window(object? item) => Unwrap(item) switch
    {
        decimal or int or long or double => string.Format(CultureInfo.InvariantCulture, "{0}d", Unwrap(item)),
        var other => other,
    };
}
