using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace SiteStatus.Commands;

/// <summary>
/// Refuses, as a parameter error when the command starts, a value the command could not read: each validator says
/// how to read one text and throws FormatException or ArgumentException with what is wrong.
/// </summary>
public abstract class ValidateParsesAttribute : ValidateArgumentsAttribute
{
    /// <summary>Reads one text the way the command will.</summary>
    /// <exception cref="FormatException">The text cannot be read.</exception>
    /// <exception cref="ArgumentException">The text cannot be read.</exception>
    private protected abstract void Parse(string text);

    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var items = arguments is IEnumerable many and not string ? many.Cast<object?>() : [arguments];
        foreach (var item in items)
        {
            try
            {
                Parse(item?.ToString() ?? string.Empty);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new ValidationMetadataException(e.Message, e);
            }
        }
    }
}
