using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using SiteStatus.Checking;

namespace SiteStatus.Commands;

/// <summary>Refuses, as a parameter error, a JSON condition that does not follow the grammar (path, operator, value).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateJsonConditionAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var items = arguments is IEnumerable many and not string ? many.Cast<object?>() : [arguments];
        foreach (var item in items)
        {
            try
            {
                JsonCondition.Parse(item?.ToString() ?? string.Empty);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new ValidationMetadataException(e.Message, e);
            }
        }
    }
}
