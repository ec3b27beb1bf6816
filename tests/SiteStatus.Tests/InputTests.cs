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

    [Theory]
    [InlineData("Test-SiteStatus")]
    [InlineData("Get-SiteStatusReport")]
    public void EveryShapeOfPipelineInput_GivesOneResultOrOneError_AndTheRunGoesOn(string command)
    {
        var ok = new Uri(_site.Http, "/ok").AbsoluteUri;
        var script = $$"""
            $rows = "Url,Name`n$ok,csv`n,empty cell" | ConvertFrom-Csv
            $inputs = @(
                $ok, $null, $ok,
                [System.Management.Automation.Internal.AutomationNull]::Value,
                '', @(), @($ok, @($ok)),
                [uri]$ok,
                (Add-Member -InputObject $ok -NotePropertyName PSPath -NotePropertyValue 'x' -PassThru),
                [pscustomobject]@{ Url = $ok }, [pscustomobject]@{ Uri = $ok }, [pscustomobject]@{ Address = $ok },
                [pscustomobject]@{ Name = 'no url' },
                @{ url = $ok }, @{ Name = 'no url' },
                $rows[0], $rows[1]
            )
            $inputs | {{command}} -ErrorVariable problems -ErrorAction SilentlyContinue | ForEach-Object { 'result ' + $_.Uri }
            $problems | ForEach-Object { 'error ' + $_.FullyQualifiedErrorId.Split(',')[0] + ' ' + $(if ($null -eq $_.TargetObject) { 'null' } else { $_.TargetObject.GetType().Name }) + ' ' + $_.Exception.Message }
            """;

        var (output, errors) = PowerShellHost.Run(script, ("ok", ok));

        Assert.Empty(errors);
        var lines = output.Select(o => (string)o.BaseObject).ToList();
        // $ok twice, the nested array's two, [uri], the wrapped string, three objects, a hashtable and a CSV row.
        Assert.Equal(Enumerable.Repeat("result " + ok, 11), lines.Where(l => l.StartsWith("result ", StringComparison.Ordinal)));
        Assert.Equal(
            [
                "error InvalidUri null The URL is null.",
                "error InvalidUri PSCustomObject '@{Name=no url}' is an object with no Uri, Url or Address property, not a URL.",
                "error InvalidUri Hashtable The hashtable has no Uri, Url or Address key.",
                "error InvalidUri PSCustomObject The Url of this object is empty.",
            ],
            lines.Where(l => l.StartsWith("error ", StringComparison.Ordinal)));
    }

    [Fact]
    public void NullPipedAlone_IsOneError()
    {
        var (output, errors) = PowerShellHost.Run("$null | Test-SiteStatus; Test-SiteStatus -Uri $null");

        Assert.Empty(output);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("The URL is null.", e.Exception.Message));
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
