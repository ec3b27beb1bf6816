using System;
using SiteStatus.Checking;
using Xunit;

namespace SiteStatus.Tests;

public sealed class UriPatternTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/ünï/*", "http://127.0.0.1:8080/ünï/日本")]
    [InlineData("https://bücher.example/*", "https://bücher.example/kaufen?q=ä")]
    [InlineData("*/caf\u00e9?q=*", "https://example.com/café?q=1")]
    [InlineData("https://*.example/ünï", "https://bücher.example/ünï")]
    public void APatternWithCharactersBeyondAscii_MatchesTheUrlAsResultsWriteIt(string pattern, string url)
    {
        var written = UriPattern.AsWritten(pattern, out var problem);
        var uri = new Uri(url).AbsoluteUri;

        Assert.Null(problem);
        Assert.True(UriPattern.Matches(written!, uri), $"'{written}' does not match '{uri}'");
    }

    [Fact]
    public void APatternWithCharactersBeyondAscii_MatchesNoOtherUrl()
    {
        var written = UriPattern.AsWritten("http://127.0.0.1/ünï/*", out _);

        Assert.False(UriPattern.Matches(written!, new Uri("http://127.0.0.1/uni/x").AbsoluteUri));
        Assert.False(UriPattern.Matches(written!, new Uri("http://127.0.0.1/ünö/x").AbsoluteUri));
    }
}
