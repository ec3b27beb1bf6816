using System;
using SiteStatus.History;

namespace SiteStatus.Commands;

/// <summary>Refuses a month that is not yyyy-MM.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateMonthAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text) => UptimeWindow.ParseMonth(text);
}
