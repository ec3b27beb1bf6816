using System;

namespace SiteStatus.Commands;

/// <summary>Refuses a header condition that does not follow the grammar (header name, operator, value).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateHeaderConditionAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text) => Checking.Conditions.HeaderCondition.Parse(text);
}
