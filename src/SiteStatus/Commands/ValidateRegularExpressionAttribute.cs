using System;

namespace SiteStatus.Commands;

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
