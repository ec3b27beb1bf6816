using System;
using System.Linq;
using System.Net;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

public sealed class InputTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>
{
    private readonly TestSite _site = fixture.Site;

    [Fact]
    public void BadInputs_EachGetAnError_TheRestAreChecked_AndNothingIsLost()
    {
        var ok = new Uri(_site.Http, "/ok").AbsoluteUri;
        var bad = new[]
        {
            "not a url", "http://", "http://exa mple.com", "http://[::1", "http://" + new string('a', 100_000), "http://exa\u0007mple.com/",
            "file:///etc/passwd", "ftp://example.com/", "javascript:alert(1)", "data:text/plain,x",
        };
        var skipped = new[] { string.Empty, "   ", "# comment" };

        var (output, errors) = PowerShellHost.Run("$inputs | Test-SiteStatus", ("inputs", bad.Concat(skipped).Append(ok).Append(ok).ToArray()));

        Assert.Equal(bad, errors.Select(e => (string)e.TargetObject));
        Assert.All(errors, e => Assert.StartsWith("InvalidUri,", e.FullyQualifiedErrorId, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.InRange(e.Exception.Message.Length, 1, 300));

        // Duplicates are each checked and reported: no silent dedupe.
        Assert.Equal([ok, ok], output.Select(o => ((SiteStatusResult)o.BaseObject).Uri));
    }

    [Fact]
    public void NullInAnArray_IsAnError_NotASilentSkip()
    {
        var (output, errors) = PowerShellHost.Run("Test-SiteStatus -Uri @($ok, $null)", ("ok", new Uri(_site.Http, "/ok").AbsoluteUri));

        Assert.Single(output);
        var error = Assert.Single(errors);
        Assert.StartsWith("InvalidUri,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Null(error.TargetObject);
    }

    [Fact]
    public void NonStringPipelineObjects_BindByValueOrProperty_OrGetAClearError()
    {
        var ok = new Uri(_site.Http, "/ok").AbsoluteUri;

        var (output, errors) = PowerShellHost.Run(
            "[uri]$ok, [pscustomobject]@{ Url = $ok }, [pscustomobject]@{ Name = 'no url here' } | Test-SiteStatus", ("ok", ok));

        Assert.Equal(2, output.Count);
        var error = Assert.Single(errors);
        Assert.Contains("no Uri, Url or Address property", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InternationalHostName_IsCheckedThroughPunycode()
    {
        var result = PowerShellHost.CheckOne(new Uri("http://bücher.invalid/"));

        Assert.Equal(FailureKind.NameResolution, result.Failure);
        Assert.Equal("http://bücher.invalid/", result.Uri);
    }

    [Fact]
    public void IPv6Literal_IsChecked()
    {
        using var v6 = RawListener.Respond("HTTP/1.1 204 No Content\r\n\r\n", IPAddress.IPv6Loopback);

        var result = PowerShellHost.CheckOne(v6.Uri);

        Assert.StartsWith("http://[::1]:", result.Uri, StringComparison.Ordinal);
        Assert.Equal(204, result.StatusCode);
        Assert.Equal(SiteState.Up, result.Status);
    }
}
