using SiteStatus.Checking;
using Xunit;

namespace SiteStatus.Tests;

public sealed class SiteTargetTests
{
    [Theory]
    [InlineData("example.com", "https://example.com/")]
    [InlineData("  example.com/health  ", "https://example.com/health")]
    [InlineData("localhost:8080/status", "https://localhost:8080/status")]
    [InlineData("http://example.com", "http://example.com/")]
    [InlineData("HTTPS://Example.COM/Path", "https://example.com/Path")]
    [InlineData("http://[::1]:8080/", "http://[::1]:8080/")]
    public void Parse_ReadsBareHostsAsHttps_AndKeepsExplicitSchemes(string input, string expected)
    {
        var target = SiteTarget.Parse(input, out var error);

        Assert.Null(error);
        Assert.NotNull(target);
        Assert.Equal(expected, target.RequestUri.AbsoluteUri);
        Assert.Equal(expected, target.Display);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("http://")]
    [InlineData("ftp://example.com/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:ops@example.com")]
    [InlineData("http://[::1")]
    public void Parse_RefusesWhatIsNotAnHttpUrl(string input)
    {
        var target = SiteTarget.Parse(input, out var error);

        Assert.Null(target);
        Assert.Contains(input.Trim(), error, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# a comment")]
    [InlineData("   # indented comment")]
    public void IsIgnorable_BlankAndCommentLines(string line) => Assert.True(SiteTarget.IsIgnorable(line));

    [Fact]
    public void UserInfo_IsMaskedForDisplay_AndNotSent()
    {
        var target = SiteTarget.Parse("https://user:secret@example.com/x", out _);

        Assert.NotNull(target);
        Assert.Equal("https://***@example.com/x", target.Display);
        Assert.Equal("https://example.com/x", target.RequestUri.AbsoluteUri);
    }
}
