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

/// <summary>Refuses a JSON condition that does not follow the grammar (path, operator, value).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateJsonConditionAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text) => Checking.Conditions.JsonCondition.Parse(text);
}

/// <summary>Refuses a header condition that does not follow the grammar (header name, operator, value).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateHeaderConditionAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text) => Checking.Conditions.HeaderCondition.Parse(text);
}

/// <summary>Refuses a partition that is not "i/N" with 0 &lt;= i &lt; N.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidatePartitionAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text) => Checking.Partition.Parse(text);
}

/// <summary>Refuses a pattern that is not a valid regular expression.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateRegularExpressionAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(text, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'{text}' is not a valid regular expression: {e.Message}", e);
        }
    }
}

/// <summary>Refuses status codes and ranges that do not parse (e.g. 299-200, 20x, 1000).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateStatusCodesAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text) => Checking.StatusCodeSet.Parse([text]);
}
