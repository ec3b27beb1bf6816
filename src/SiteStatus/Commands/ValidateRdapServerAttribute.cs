using System;

namespace SiteStatus.Commands;

/// <summary>Refuses an RDAP server that is not an http or https base URL.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateRdapServerAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text) => Checking.Settings.CheckSettings.RdapServer(text);
}
