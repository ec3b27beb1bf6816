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
        var target = SiteTarget.Parse(input, allowCredential: false, out var error);

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
    [InlineData("http://exa mple.com")]
    [InlineData("data:text/plain,hello")]
    public void Parse_RefusesWhatIsNotAnHttpUrl(string input)
    {
        var target = SiteTarget.Parse(input, allowCredential: false, out var error);

        Assert.Null(target);
        Assert.NotNull(error);
        Assert.Equal(InputError.InvalidUri, error.ErrorId);
        Assert.Contains(input.Trim(), error.Message, System.StringComparison.Ordinal);
        Assert.Equal(input, error.ShownInput);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# a comment")]
    [InlineData("   # indented comment")]
    public void IsIgnorable_BlankAndCommentLines(string line) => Assert.True(SiteTarget.IsIgnorable(line));

    [Theory]
    [InlineData("example.com")]
    [InlineData("  https://example.com/#top")]
    [InlineData("\texample.com # not a comment")]
    public void IsIgnorable_NotForUrls(string line) => Assert.False(SiteTarget.IsIgnorable(line));

    [Fact]
    public void UserInfo_WhenAllowed_IsACredential_MaskedForDisplay_AndOutOfTheUrl()
    {
        var target = SiteTarget.Parse("https://us%40er:p%3Ass@example.com/x", allowCredential: true, out _);

        Assert.NotNull(target);
        Assert.Equal("https://***@example.com/x", target.Display);
        Assert.Equal("https://example.com/x", target.RequestUri.AbsoluteUri);
        Assert.Equal("us@er", target.Credential!.UserName);
        Assert.Equal("p:ss", target.Credential.Password);
    }

    [Fact]
    public void UserInfo_WhenNotAllowed_IsRefused_WithoutTheSecret()
    {
        var target = SiteTarget.Parse("https://user:secret@example.com/x", allowCredential: false, out var error);

        Assert.Null(target);
        Assert.Equal(InputError.CredentialInUri, error!.ErrorId);
        Assert.DoesNotContain("secret", error.Message, System.StringComparison.Ordinal);
        Assert.Equal("https://***@example.com/x", error.ShownInput);
    }

    [Theory]
    [InlineData("http://user:secret@exa mple.com/")]
    [InlineData("ftp://user:secret@example.com/")]
    public void InvalidInput_WithUserInfo_IsShownMasked(string input)
    {
        SiteTarget.Parse(input, allowCredential: true, out var error);

        Assert.DoesNotContain("secret", error!.Message, System.StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.ShownInput, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://exa\u0000mple.com/")]
    [InlineData("http://example.com/\r\nX-Injected: 1")]
    public void ControlCharacters_AreRefused(string input)
    {
        var target = SiteTarget.Parse(input, allowCredential: false, out var error);

        Assert.Null(target);
        Assert.Contains("control characters", error!.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void VeryLongInput_IsQuotedShort()
    {
        var input = "http://" + new string('a', 100_000);

        var target = SiteTarget.Parse(input, allowCredential: false, out var error);

        Assert.Null(target);
        Assert.InRange(error!.Message.Length, 1, 300);
        Assert.Equal(input, error.ShownInput);
    }
}
