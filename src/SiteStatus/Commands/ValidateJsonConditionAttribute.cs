using System;

namespace SiteStatus.Commands;

/// <summary>Refuses a JSON condition that does not follow the grammar (path, operator, value).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateJsonConditionAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text) => Checking.Conditions.JsonCondition.Parse(text);
}
