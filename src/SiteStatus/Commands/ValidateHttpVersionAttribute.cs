using System;

namespace SiteStatus.Commands;

/// <summary>Refuses a text that is no HTTP version (1.0, 1.1, 2 or 3).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateHttpVersionAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text) => Checking.HttpVersions.Parse(text);
}
