using System;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace SiteStatus.Commands;

/// <summary>Refuses, as a parameter error, a pattern that is not a valid regular expression.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateRegularExpressionAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        try
        {
            _ = new Regex(arguments?.ToString() ?? string.Empty, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new ValidationMetadataException($"'{arguments}' is not a valid regular expression: {e.Message}", e);
        }
    }
}
