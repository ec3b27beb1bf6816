using System;

namespace SiteStatus.Commands;

/// <summary>Refuses status codes and ranges that do not parse (e.g. 299-200, 20x, 1000).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateStatusCodesAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text) => Checking.StatusCodeSet.Parse([text]);
}
