using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using SiteStatus.Checking;

namespace SiteStatus.Commands;

/// <summary>Refuses, as a parameter error, status codes and ranges that do not parse (e.g. 299-200, 20x, 1000).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateStatusCodesAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var items = arguments is IEnumerable many and not string
            ? many.Cast<object?>().Select(o => o?.ToString() ?? string.Empty)
            : [arguments?.ToString() ?? string.Empty];
        try
        {
            StatusCodeSet.Parse(items);
        }
        catch (FormatException e)
        {
            throw new ValidationMetadataException(e.Message, e);
        }
    }
}
