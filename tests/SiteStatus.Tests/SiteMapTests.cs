using System;
using System.Collections;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>Runs alone: 50,000 checks in a few seconds would starve the timers that other classes' time bounds rely on.</summary>
[Collection(nameof(RunsAlone))]
public sealed class SiteMapTests(TestSiteFixture fixture)
{
    private readonly TestSite _site = fixture.Site;

    private string Http(string path) => new Uri(_site.Http, path).AbsoluteUri;

    [Fact]
    public void SitemapIndex_OfGzipSitemaps_GivesEveryPageOnce_WithItsLastModified()
    {
        var (output, errors) = PowerShellHost.Run("Get-SiteMapUrl $index", ("index", Http("/sitemaps/index.xml")));

        Assert.Empty(errors);
        var pages = output.Select(o => Assert.IsType<SiteMapUrl>(o.BaseObject)).ToList();
        Assert.Equal(
            [Http("/ok?a=0"), Http("/ok?a=1"), Http("/ok?a=2"), Http("/ok?b=0"), Http("/ok?b=1")],
            pages.Select(p => p.Url).Order(StringComparer.Ordinal));
        Assert.Equal(new DateTimeOffset(2026, 10, 2, 12, 0, 0, TimeSpan.Zero), pages.Single(p => p.Url == Http("/ok?a=1")).LastModified);
        Assert.Equal(Http("/sitemaps/b.xml"), pages.Single(p => p.Url == Http("/ok?b=0")).Sitemap);
    }

    [Fact]
    public void SiteRoot_IsReadThroughRobotsTxt_AndPipesIntoTestSiteStatus()
    {
        var (output, errors) = PowerShellHost.Run("Get-SiteMapUrl $root | Test-SiteStatus", ("root", _site.Http.AbsoluteUri));

        Assert.Empty(errors);
        var results = output.Select(o => Assert.IsType<SiteStatusResult>(o.BaseObject)).ToList();
        Assert.Equal(5, results.Count);
        Assert.All(results, r => Assert.Equal(SiteState.Up, r.Status));
    }

    [Fact]
    public void ExternalEntities_AreNeverExpandedNorFetched_TheSitemapIsAClearError()
    {
        var (output, errors) = PowerShellHost.Run("Get-SiteMapUrl $xxe", ("xxe", Http("/sitemaps/xxe.xml")));

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("SitemapUnreadable,SiteStatus.Commands.GetSiteMapUrlCommand", error.FullyQualifiedErrorId);
        Assert.Contains("not valid XML", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("DTD", error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, _site.EntityFetches);
    }

    [Fact]
    public void BrokenAndMissingSitemaps_AreErrors_AndTheOthersAreStillRead()
    {
        var inputs = new[] { Http("/sitemaps/broken.xml"), Http("/sitemaps/none.xml"), Http("/sitemaps/b.xml") };

        var (output, errors) = PowerShellHost.Run("$inputs | Get-SiteMapUrl", ("inputs", inputs));

        // The broken one gives the page it read before the XML broke off, then its error.
        Assert.Equal(["http://a.example/", Http("/ok?b=0"), Http("/ok?b=1")], output.Select(o => ((SiteMapUrl)o.BaseObject).Url));
        Assert.Equal(2, errors.Count);
        Assert.Contains("not valid XML", errors[0].Exception.Message, StringComparison.Ordinal);
        Assert.Contains("404", errors[1].Exception.Message, StringComparison.Ordinal);
        Assert.Equal(Http("/sitemaps/none.xml"), errors[1].TargetObject);
    }

    [Fact]
    public void TheChecksHttpSettings_ApplyToSitemapsToo()
    {
        var keyed = Http("/sitemaps/needs-header");

        var (refused, refusal) = PowerShellHost.Run("Get-SiteMapUrl $keyed", ("keyed", keyed));
        var (output, errors) = PowerShellHost.Run("Get-SiteMapUrl $keyed -Headers @{ 'X-Sitemap-Key' = 'open' } -TimeoutSec 5", ("keyed", keyed));

        Assert.Empty(refused);
        Assert.Contains("403", Assert.Single(refusal).Exception.Message, StringComparison.Ordinal);
        Assert.Empty(errors);
        Assert.Equal(Http("/ok?keyed=0"), ((SiteMapUrl)Assert.Single(output).BaseObject).Url);
    }

    [Fact]
    public void SitemapFile_GzipOrPlain_IsRead()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            var xml = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>" + Http("/ok?file") + "</loc></url></urlset>";
            File.WriteAllText(Path.Combine(folder.FullName, "sitemap.xml"), xml);
            using (var gz = new GZipStream(File.Create(Path.Combine(folder.FullName, "sitemap.xml.gz")), CompressionLevel.Optimal))
            {
                gz.Write(Encoding.UTF8.GetBytes(xml));
            }

            var (output, errors) = PowerShellHost.Run("Set-Location $folder; Get-SiteMapUrl ./sitemap.xml, (Join-Path $folder sitemap.xml.gz)", ("folder", folder.FullName));

            Assert.Empty(errors);
            Assert.Equal([Http("/ok?file"), Http("/ok?file")], output.Select(o => ((SiteMapUrl)o.BaseObject).Url));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void AFolder_IsNoSitemapFile_AndSaysSo()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            var (output, errors) = PowerShellHost.Run("Get-SiteMapUrl $in", ("in", folder.FullName));

            Assert.Empty(output);
            Assert.Equal($"'{folder.FullName}' is a folder, not a sitemap file.", Assert.Single(errors).Exception.Message);
        }
        finally
        {
            folder.Delete();
        }
    }

    [Theory]
    [InlineData("./typo.xml")]
    [InlineData("../typo.xml.gz")]
    [InlineData("typo.xml")]
    [InlineData("urls.TXT")]
    [InlineData("sub\\typo.xml")]
    public void MissingSitemapFile_IsSitemapFileNotFound_NamingTheResolvedPath(string input)
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            var (output, errors) = PowerShellHost.Run("Set-Location $folder; Get-SiteMapUrl $in", ("folder", folder.FullName), ("in", input));

            Assert.Empty(output);
            var error = Assert.Single(errors);
            Assert.Equal("SitemapFileNotFound,SiteStatus.Commands.GetSiteMapUrlCommand", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            var resolved = Path.GetFullPath(Path.Combine(folder.FullName, input.Replace('\\', Path.DirectorySeparatorChar)));
            Assert.Equal($"The sitemap file '{resolved}' does not exist.", error.Exception.Message);
            Assert.Equal(input, error.TargetObject);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void PathOnADriveThisMachineLacks_AndAHostWithAPort_AreErrorsOfTheirInput_NotTheEndOfTheRun()
    {
        // PowerShell reads "Q:" and "localhost:9" as drives; neither may end the command with DriveNotFound.
        var (output, errors) = PowerShellHost.Run("Get-SiteMapUrl 'Q:\\sitemaps\\typo.xml', 'localhost:9/sitemap.xml', $ok", ("ok", Http("/sitemaps/b.xml")));

        Assert.Equal(2, output.Count);
        Assert.Equal(2, errors.Count);
        Assert.Equal("SitemapFileNotFound,SiteStatus.Commands.GetSiteMapUrlCommand", errors[0].FullyQualifiedErrorId);
        Assert.Equal("The sitemap file 'Q:\\sitemaps\\typo.xml' does not exist.", errors[0].Exception.Message);
        Assert.Equal("SitemapUnreadable,SiteStatus.Commands.GetSiteMapUrlCommand", errors[1].FullyQualifiedErrorId);
        Assert.Contains("localhost:9/sitemap.xml", errors[1].Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FiftyThousandUrls_Stream_TheFirstAreCheckedBeforeTheLastIsRead()
    {
        var key = Guid.NewGuid().ToString("N");

        var (output, errors) = PowerShellHost.Run(
            "Get-SiteMapUrl $sitemap | Test-SiteStatus -ThrottleLimit 64 -ThrottleLimitPerHost 64 -Quiet | Group-Object | ForEach-Object { '{0} {1}' -f $_.Name, $_.Count }",
            ("sitemap", Http($"/sitemaps/streamed/{key}")));

        Assert.Empty(errors);
        Assert.Equal("True 50000", Assert.Single(output).BaseObject);
        Assert.True(_site.StreamedAfterACheck(key), "no page was checked before the sitemap's last URLs were sent");
    }

    [Fact]
    public void Limits_StopTheReading_WithAnErrorThatSaysWhich()
    {
        var (output, errors) = PowerShellHost.Run("Get-SiteMapUrl $index -MaximumUrlCount 2", ("index", Http("/sitemaps/index.xml")));

        Assert.Equal(2, output.Count);
        Assert.Contains("-MaximumUrlCount", Assert.Single(errors).Exception.Message, StringComparison.Ordinal);
    }
}
