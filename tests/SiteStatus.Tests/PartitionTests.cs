using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SiteStatus.Tests;

public sealed class PartitionTests
{
    [Fact]
    public void Partitions_CoverTheInputExactlyOnce_AndKeepEachHostTogether()
    {
        // Eight hosts on loopback addresses where nothing listens: every check ends at once, refused.
        var urls = Enumerable.Range(0, 40).Select(i => $"http://127.0.0.{(i % 8) + 2}:9/page{i}").ToList();
        var inputs = urls.Concat(["not a url", "ftp://example.test/", "http://127.0.0.2:9/page0"]).ToArray();

        var parts = Enumerable.Range(0, 3).Select(i => PowerShellHost.Run($"$inputs | Test-SiteStatus -Partition {i}/3", ("inputs", inputs))).ToList();

        var checkedUrls = parts.SelectMany(p => p.Output.Select(o => ((SiteStatusResult)o.BaseObject).Uri)).ToList();
        var errors = parts.SelectMany(p => p.Errors.Select(e => (string)e.TargetObject)).ToList();
        Assert.Equal(urls.Append("http://127.0.0.2:9/page0").Order(StringComparer.Ordinal), checkedUrls.Order(StringComparer.Ordinal));
        Assert.Equal(["ftp://example.test/", "not a url"], errors.Order(StringComparer.Ordinal));
        foreach (var host in urls.Select(u => new Uri(u).Host).Distinct())
        {
            Assert.Single(parts, p => p.Output.Any(o => new Uri(((SiteStatusResult)o.BaseObject).Uri).Host == host));
        }

        Assert.All(parts, p => Assert.NotEmpty(p.Output));
    }

    [Theory]
    [InlineData("3/3")]
    [InlineData("1")]
    [InlineData("-1/2")]
    [InlineData("a/b")]
    [InlineData("1/0")]
    public void BadPartition_IsAParameterError(string partition)
    {
        var (_, errors) = PowerShellHost.Run("Test-SiteStatus http://127.0.0.1:9/ -Partition $p", ("p", partition));

        Assert.StartsWith("ParameterArgumentValidationError,", Assert.Single(errors).FullyQualifiedErrorId, StringComparison.Ordinal);
    }
}
