using System;

namespace SiteStatus.Checking.Settings;

/// <summary>
/// One per-check setting, declared once: its name (the parameter's, and the column or property of a sites file), the
/// parameter's type and default, its range, and how a value changes a <see cref="CheckPolicy"/>. A value is read
/// the same way from a parameter and from a row of a sites file.
/// </summary>
internal sealed class CheckSetting
{
    public required string Name { get; init; }

    /// <summary>The type of the cmdlet parameter of this name.</summary>
    public required Type ParameterType { get; init; }

    /// <summary>The parameter's default; null when the setting is off unless given.</summary>
    public object? Default { get; init; }

    /// <summary>The range a number must be in, when the setting is a number.</summary>
    public (int Minimum, int Maximum)? Range { get; init; }

    /// <summary>Whether only Get-SiteStatusReport has this setting (its warnings).</summary>
    public bool ReportOnly { get; init; }

    /// <summary>The policy with this setting's value over it.</summary>
    /// <exception cref="FormatException">The value cannot be used; the message says what it must be.</exception>
    public required Func<CheckPolicy, object, CheckPolicy> Apply { get; init; }
}
