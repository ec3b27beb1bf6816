using System;
using System.Management.Automation;

namespace SiteStatus.Commands;

/// <summary>Refuses, as a parameter error, a partition that is not "i/N" with 0 &lt;= i &lt; N.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidatePartitionAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        try
        {
            Checking.Partition.Parse(arguments?.ToString() ?? string.Empty);
        }
        catch (FormatException e)
        {
            throw new ValidationMetadataException(e.Message, e);
        }
    }
}
