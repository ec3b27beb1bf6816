using System;

namespace SiteStatus.Commands;

/// <summary>Refuses an HTTP version this machine cannot ask for: 2 and 3 on Windows PowerShell 5.1, 3 without QUIC.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateRequestableHttpVersionAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text) => Checking.HttpVersions.Requested(text);
}
