using System;

namespace SiteStatus.Commands;

/// <summary>Refuses a partition that is not "i/N" with 0 &lt;= i &lt; N.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidatePartitionAttribute : ValidateParsesAttribute
{
    private protected override void Parse(string text) => Checking.Partition.Parse(text);
}
