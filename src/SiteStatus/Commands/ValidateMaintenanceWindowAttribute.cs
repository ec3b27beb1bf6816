using System;

namespace SiteStatus.Commands;

/// <summary>Refuses a maintenance window that does not follow its syntax (days, start, duration, time zone).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateMaintenanceWindowAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text) => Checking.Maintenance.MaintenanceWindow.Parse(text);
}
