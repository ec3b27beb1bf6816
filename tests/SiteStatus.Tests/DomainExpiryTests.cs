using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Domains;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>
/// When a site's domain registration expires: the registrable domain (Public Suffix List), the RDAP server (-RdapServer,
/// the bootstrap file), the answer read strictly, the cache and its refresh, and what the cmdlets make of it. The
/// registry is the loopback test site's RDAP routes; sites with real-looking names are reached through -Proxy pointed
/// at the same test site, so no name is resolved and nothing leaves loopback.
/// </summary>
public sealed class DomainExpiryTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>
{
    private static readonly DateTimeOffset Far = new(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private readonly TestSite _site = fixture.Site;

    [Theory]
    [InlineData("shop.example.com", "example.com")]
    [InlineData("shop.example.com.br", "example.com.br")]
    [InlineData("a.b.example.co.uk", "example.co.uk")]
    [InlineData("example.co.uk", "example.co.uk")]
    [InlineData("shop.xn--bcher-kva.de", "xn--bcher-kva.de")]
    [InlineData("www.example.xn--55qx5d.cn", "example.xn--55qx5d.cn")]
    [InlineData("a.b.c.ck", "b.c.ck")]
    [InlineData("a.www.ck", "www.ck")]
    [InlineData("me.github.io", "github.io")]
    [InlineData("Shop.Example.COM.", "example.com")]
    public void TheRegistrableDomain_IsTheSuffixAndOneLabel(string host, string domain)
    {
        Assert.Equal(domain, PublicSuffixList.Shipped.RegistrableDomain(host, out _));
    }

    [Theory]
    [InlineData("127.0.0.1", "is an IP address")]
    [InlineData("[::1]", "is an IP address")]
    [InlineData("intranet", "is a single-label name")]
    [InlineData("co.uk", "is a public suffix")]
    [InlineData("com.br", "is a public suffix")]
    public void AHostWithNoDomain_HasAReason(string host, string reason)
    {
        Assert.Null(PublicSuffixList.Shipped.RegistrableDomain(host, out var why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void TheShippedBootstrap_NamesRealServers_AndSaysItHasNoPublicationDate()
    {
        var shipped = RdapBootstrap.Shipped;

        Assert.Equal("https://rdap.verisign.com/com/v1/", shipped.ServerFor("example.com")?.AbsoluteUri);
        Assert.Equal("https://rdap.registro.br/", shipped.ServerFor("example.com.br")?.AbsoluteUri);
        Assert.Equal("https://rdap.nominet.uk/uk/", shipped.ServerFor("example.co.uk")?.AbsoluteUri);
        Assert.Null(shipped.ServerFor("example.de"));
        Assert.Null(shipped.Publication);
        Assert.Equal(1175, shipped.Count);
    }

    [Theory]
    [InlineData("shop.example.com", "example.com")]
    [InlineData("shop.example.com.br", "example.com.br")]
    [InlineData("a.b.example.co.uk", "example.co.uk")]
    public void AReport_AsksTheRegistrableDomain_AndCarriesItsExpiry(string host, string domain)
    {
        var server = Rdap($"expires/{Far:yyyy-MM-ddTHH:mm:ssZ}/");

        var report = PowerShellHost.ReportOne(new Uri($"http://{host}/ok"), Via(server, ("DomainExpiryWarningDays", 30)));

        Assert.Equal((SiteState.Up, domain, Far, (string?)null), (report.Status, report.Domain, report.DomainExpires, report.DomainReason));
        Assert.Equal((int)Math.Floor((Far - report.Timestamp).TotalDays), report.DomainDaysLeft);
        Assert.Empty(report.Warnings);
        Assert.Contains($"{server.AbsolutePath}domain/{domain}", _site.RdapAsked);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1 is an IP address: it has no domain whose registration could expire")]
    [InlineData("intranet", "'intranet' is a single-label name: no registry holds it")]
    public void AnIpAddressOrASingleLabelHost_IsNotLookedUp_AndSaysWhy(string host, string reason)
    {
        var server = Rdap($"renewable/{Guid.NewGuid():N}/");

        var report = PowerShellHost.ReportOne(new Uri($"http://{host}:{_site.Http.Port}/ok"), Via(server, ("DomainExpiryWarningDays", 30)));

        Assert.Equal((SiteState.Up, (string?)null, (DateTimeOffset?)null, (int?)null, reason), (report.Status, report.Domain, report.DomainExpires, report.DomainDaysLeft, report.DomainReason));
        Assert.DoesNotContain(_site.RdapAsked, path => path.StartsWith(server.AbsolutePath, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("no-expiration/", "the RDAP answer has no expiration event")]
    [InlineData("expires/0001-01-01T00:00:00Z/", "the RDAP answer's expiration date 0001-01-01 is a placeholder, not a date any registration has")]
    [InlineData("expires/1970-01-01T00:00:00Z/", "the RDAP answer's expiration date 1970-01-01 is a placeholder, not a date any registration has")]
    [InlineData("expires/0000-00-00T00:00:00Z/", "the RDAP answer's expiration date '0000-00-00T00:00:00Z' is not a date")]
    [InlineData("not-found/", "has no record of example.net (404)")]
    public void NoRealExpiry_IsUnknown_NeverZeroDays_AndTheConditionHolds(string answer, string reason)
    {
        var server = Rdap(answer);

        var result = PowerShellHost.CheckOne(new Uri("http://www.example.net/ok"), Via(server, ("MinimumDomainDays", 30)));
        var report = PowerShellHost.ReportOne(new Uri("http://www.example.net/ok"), Via(server, ("DomainExpiryWarningDays", 30)));

        Assert.Equal(SiteState.Up, result.Status);
        var condition = Assert.Single(result.Conditions);
        Assert.Equal(("DomainDays >= 30", true), (condition.Condition, condition.Passed));
        Assert.StartsWith("unknown: ", condition.Observed, StringComparison.Ordinal);
        Assert.Contains(reason, condition.Observed, StringComparison.Ordinal);
        Assert.Equal((SiteState.Up, "example.net", (DateTimeOffset?)null, (int?)null), (report.Status, report.Domain, report.DomainExpires, report.DomainDaysLeft));
        Assert.Contains(reason, report.DomainReason, StringComparison.Ordinal);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void ARegistryThatDoesNotAnswer_IsUnknownWithinTheTimeout_NotADownSite()
    {
        var report = PowerShellHost.ReportOne(new Uri("http://www.example.org/ok"), Via(Rdap("hang/"), ("DomainExpiryWarningDays", 30), ("TimeoutSec", 1)));

        Assert.Equal(SiteState.Up, report.Status);
        Assert.Null(report.DomainExpires);
        Assert.EndsWith("did not answer within 1 s (-TimeoutSec)", report.DomainReason, StringComparison.Ordinal);
    }

    [Fact]
    public void MinimumDomainDays_FailsASiteWhoseDomainExpiresSooner_AndPassesOneWithTime()
    {
        var soon = DateTimeOffset.UtcNow.AddDays(10.5);

        var failing = PowerShellHost.CheckOne(new Uri("http://shop.example.com/ok"), Via(Rdap($"expires/{soon:yyyy-MM-ddTHH:mm:ssZ}/"), ("MinimumDomainDays", 30)));
        var passing = PowerShellHost.CheckOne(new Uri("http://shop.example.com/ok"), Via(Rdap($"expires/{Far:yyyy-MM-ddTHH:mm:ssZ}/"), ("MinimumDomainDays", 30)));

        Assert.Equal((SiteState.Down, FailureKind.ConditionFailed), (failing.Status, failing.Failure));
        Assert.Equal($"Condition 'DomainDays >= 30' failed: found 10 days, until {soon:yyyy-MM-dd} (example.com).", failing.Reason);
        Assert.Equal((SiteState.Up, FailureKind.None), (passing.Status, passing.Failure));
        Assert.Matches("^[0-9]+ days, until 2031-05-06 \\(example\\.com\\)$", Assert.Single(passing.Conditions).Observed);
    }

    [Fact]
    public void DomainExpiryWarningDays_WarnsAndDegradesAReport_AsTheCertificateWarningDoes()
    {
        var soon = DateTimeOffset.UtcNow.AddDays(10.5);

        var report = PowerShellHost.ReportOne(new Uri("http://shop.example.com/ok"), Via(Rdap($"expires/{soon:yyyy-MM-ddTHH:mm:ssZ}/"), ("DomainExpiryWarningDays", 30)));

        Assert.Equal((SiteState.Degraded, 10), (report.Status, report.DomainDaysLeft));
        Assert.Equal($"The domain example.com expires in 10 days ({soon:yyyy-MM-dd}).", Assert.Single(report.Warnings));
    }

    [Fact]
    public void NoDomainSetting_NoLookup_AndTheFieldsStayEmpty()
    {
        var server = Rdap($"renewable/{Guid.NewGuid():N}/");

        var report = PowerShellHost.ReportOne(new Uri("http://shop.example.com/ok"), Via(server));

        Assert.Equal(((string?)null, (DateTimeOffset?)null, (string?)null), (report.Domain, report.DomainExpires, report.DomainReason));
        Assert.DoesNotContain(_site.RdapAsked, path => path.StartsWith(server.AbsolutePath, StringComparison.Ordinal));
    }

    [Fact]
    public void SitesOfOneDomain_AskTheRegistryOnce()
    {
        var server = Rdap($"renewable/{Guid.NewGuid():N}/");
        Uri[] sites = [new("http://a.example.com/ok"), new("http://b.example.com/ok?x"), new("http://example.com/ok"), new("http://c.example.org/ok")];

        var results = PowerShellHost.Check(sites, Via(server, ("MinimumDomainDays", 1)));

        Assert.All(results, r => Assert.Equal(SiteState.Up, r.Status));
        Assert.Equal(
            [$"{server.AbsolutePath}domain/example.com", $"{server.AbsolutePath}domain/example.org"],
            _site.RdapAsked.Where(path => path.StartsWith(server.AbsolutePath, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ARowOfASitesFile_CarriesItsOwnMinimumDomainDaysAndRdapServer()
    {
        var soon = DateTimeOffset.UtcNow.AddDays(5.5);
        var csv = $"""
            Url,MinimumDomainDays,RdapServer
            http://shop.example.com/ok,30,{Rdap($"expires/{soon:yyyy-MM-ddTHH:mm:ssZ}/")}
            http://www.example.com/ok,,
            """;

        var (output, errors) = PowerShellHost.Run("$csv | ConvertFrom-Csv | Test-SiteStatus -Proxy $proxy", ("csv", csv), ("proxy", _site.Http));

        Assert.Empty(errors);
        var results = output.Select(o => Assert.IsType<SiteStatusResult>(o.BaseObject)).OrderBy(r => r.Uri, StringComparer.Ordinal).ToList();
        Assert.Equal((SiteState.Down, FailureKind.ConditionFailed), (results[0].Status, results[0].Failure));
        Assert.StartsWith("Condition 'DomainDays >= 30' failed: found 5 days", results[0].Reason, StringComparison.Ordinal);
        Assert.Equal((SiteState.Up, 0), (results[1].Status, results[1].Conditions.Count));
    }

    [Fact]
    public void ARowsRdapServerThatIsNoUrl_IsThatRowsError()
    {
        var (output, errors) = PowerShellHost.Run("@{ Url = 'http://shop.example.com/ok'; MinimumDomainDays = 1; RdapServer = 'ftp://rdap.example/' } | Test-SiteStatus -Proxy $proxy", ("proxy", _site.Http));

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("InvalidSiteSetting", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("'ftp://rdap.example/' is not an RDAP server's base URL", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBootstrapFile_NamesTheServer_AndATopLevelDomainItLacksSaysSo()
    {
        var folder = Directory.CreateTempSubdirectory("sitestatus-bootstrap-");
        try
        {
            var path = Path.Combine(folder.FullName, "dns.json");
            File.WriteAllText(path, $$"""{"publication":"2026-11-20T18:00:01Z","services":[[["com"],["{{Rdap("expires/2031-05-06T07:08:09Z/")}}"]]]}""");

            var named = PowerShellHost.ReportOne(new Uri("http://shop.example.com/ok"), Via(null, ("DomainExpiryWarningDays", 30), ("RdapBootstrapPath", path)));
            var lacking = PowerShellHost.ReportOne(new Uri("http://shop.example.de/ok"), Via(null, ("DomainExpiryWarningDays", 30), ("RdapBootstrapPath", path)));
            var shipped = PowerShellHost.ReportOne(new Uri("http://shop.example.ru/ok"), Via(null, ("DomainExpiryWarningDays", 30)));

            Assert.Equal(("example.com", Far), (named.Domain, named.DomainExpires));
            Assert.Equal($"the RDAP bootstrap file '{path}' names no RDAP server for .de: give one with -RdapServer", lacking.DomainReason);
            Assert.Equal("the RDAP bootstrap file shipped with the module names no RDAP server for .ru: give one with -RdapServer", shipped.DomainReason);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void AStateFile_KeepsTheAnswerBesideIt_AndARenewalIsSeenOnceItIsDue()
    {
        var key = Guid.NewGuid().ToString("N");
        var server = Rdap($"renewable/{key}/");
        var folder = Directory.CreateTempSubdirectory("sitestatus-domains-");
        try
        {
            var state = Path.Combine(folder.FullName, "state.json");
            var cache = Path.Combine(folder.FullName, "state.domains.json");
            SiteStatusReport Run() => PowerShellHost.ReportOne(new Uri("http://shop.example.com/ok"), Via(server, ("DomainExpiryWarningDays", 30), ("StatePath", state)));
            _site.RenewDomain(key, "2030-01-01T00:00:00Z");

            var first = Run();
            _site.RenewDomain(key, "2032-01-01T00:00:00Z");
            var cached = Run();
            File.WriteAllText(cache, File.ReadAllText(cache).Replace(CheckedAt(cache), DateTimeOffset.UtcNow.AddHours(-241).ToString("o", CultureInfo.InvariantCulture), StringComparison.Ordinal));
            var refreshed = Run();

            Assert.Equal(2030, first.DomainExpires?.Year);
            Assert.Equal(2030, cached.DomainExpires?.Year);
            Assert.Equal(2032, refreshed.DomainExpires?.Year);
            Assert.Equal(2, _site.RdapAsked.Count(path => path.StartsWith(server.AbsolutePath, StringComparison.Ordinal)));
            Assert.Contains("\"format\": \"SiteStatus domains\"", File.ReadAllText(cache), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TheCache_RefreshesAfter240Hours_WhileMoreThan30DaysRemain_AndAfter24HoursOnceFewerDo()
    {
        var key = Guid.NewGuid().ToString("N");
        var server = Rdap($"renewable/{key}/");
        var folder = Directory.CreateTempSubdirectory("sitestatus-domains-");
        var now = new DateTimeOffset(2029, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var path = Path.Combine(folder.FullName, "state.domains.json");

        // Each run is a lookup of its own over the file, as each run of a scheduled script is.
        async Task<DateTimeOffset?> RunAt(DateTimeOffset at)
        {
            now = at;
            using var lookup = new DomainLookup(null, DomainCache.Open(path), () => new RdapClient(null, false), () => now);
            var answer = await lookup.LookUpAsync("www.example.com", server, TimeSpan.FromSeconds(10), CancellationToken.None, CancellationToken.None);
            lookup.Cache.Save(now);
            return answer.Expires;
        }

        try
        {
            var start = now;

            // Far off: 2031 is more than 30 days away, so the answer stands 240 h.
            _site.RenewDomain(key, "2031-01-01T00:00:00Z");
            Assert.Equal(2031, (await RunAt(start))?.Year);
            _site.RenewDomain(key, "2029-12-20T00:00:00Z");
            Assert.Equal(2031, (await RunAt(start.AddHours(239)))?.Year);
            Assert.Equal(new DateTimeOffset(2029, 12, 20, 0, 0, 0, TimeSpan.Zero), await RunAt(start.AddHours(241)));

            // Near: fewer than 30 days remain, so a renewal is seen within 24 h.
            var near = now;
            _site.RenewDomain(key, "2030-12-20T00:00:00Z");
            Assert.Equal(2029, (await RunAt(near.AddHours(23)))?.Year);
            Assert.Equal(2030, (await RunAt(near.AddHours(25)))?.Year);
            Assert.Equal(3, _site.RdapAsked.Count(p => p.StartsWith(server.AbsolutePath, StringComparison.Ordinal)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void UpdateRdapBootstrap_WritesTheFetchedFile_AndDomainDataDescribesIt()
    {
        var folder = Directory.CreateTempSubdirectory("sitestatus-bootstrap-");
        try
        {
            var path = Path.Combine(folder.FullName, "dns.json");
            var (output, errors) = PowerShellHost.Run(
                "Update-SiteStatusRdapBootstrap -Path $path -Uri $uri; Get-SiteStatusDomainData -RdapBootstrapPath $path; Get-SiteStatusDomainData",
                ("path", path), ("uri", new Uri(_site.Http, "/rdap/dns.json")));

            Assert.Empty(errors);
            var (updated, described, shipped) = (Assert.IsType<SiteDomainData>(output[0].BaseObject), Assert.IsType<SiteDomainData>(output[1].BaseObject), Assert.IsType<SiteDomainData>(output[2].BaseObject));
            Assert.Equal((path, new DateTimeOffset(2026, 11, 20, 18, 0, 1, TimeSpan.Zero), 2), (updated.RdapBootstrap, updated.RdapBootstrapPublication, updated.RdapTopLevelDomains));
            Assert.Equal((updated.RdapBootstrap, updated.RdapBootstrapPublication), (described.RdapBootstrap, described.RdapBootstrapPublication));
            Assert.Equal(("shipped with the module", (DateTimeOffset?)null, 1175), (shipped.RdapBootstrap, shipped.RdapBootstrapPublication, shipped.RdapTopLevelDomains));
            Assert.StartsWith("2023-02-09", shipped.PublicSuffixList, StringComparison.Ordinal);
            Assert.Contains("freewhois 1.2.6", shipped.RdapBootstrapDescription, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void UpdateRdapBootstrap_LeavesTheFile_WhenWhatCameIsNoBootstrapFile()
    {
        var folder = Directory.CreateTempSubdirectory("sitestatus-bootstrap-");
        try
        {
            var path = Path.Combine(folder.FullName, "dns.json");
            File.WriteAllText(path, "{\"services\":[]}");

            var (_, errors) = PowerShellHost.Run("Update-SiteStatusRdapBootstrap -Path $path -Uri $uri", ("path", path), ("uri", new Uri(_site.Http, "/ok")));

            Assert.Equal("RdapBootstrapInvalid,SiteStatus.Commands.UpdateSiteStatusRdapBootstrapCommand", Assert.Single(errors).FullyQualifiedErrorId);
            Assert.Equal("{\"services\":[]}", File.ReadAllText(path));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void UpdateRdapBootstrap_WithWhatIf_FetchesNothing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sitestatus-bootstrap-{Guid.NewGuid():N}.json");

        // Nothing listens on port 9: a fetch would be RdapBootstrapNotFetched.
        var (output, errors) = PowerShellHost.Run("Update-SiteStatusRdapBootstrap -Path $path -Uri http://127.0.0.1:9/dns.json -WhatIf", ("path", path));

        Assert.Empty(errors);
        Assert.Empty(output);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void TheMetrics_GiveTheDomainExpiry()
    {
        var (output, errors) = PowerShellHost.Run(
            "Get-SiteStatusReport http://shop.example.com/ok -Proxy $proxy -RdapServer $server -DomainExpiryWarningDays 1 | ConvertTo-SiteStatusMetric",
            ("proxy", _site.Http), ("server", Rdap($"expires/{Far:yyyy-MM-ddTHH:mm:ssZ}/").AbsoluteUri));

        Assert.Empty(errors);
        Assert.Contains($"probe_domain_expiry_timestamp_seconds{{target=\"http://shop.example.com/ok\"}} {Far.ToUnixTimeSeconds()}\n", (string)output[0].BaseObject, StringComparison.Ordinal);
    }

    private static string CheckedAt(string cache) =>
        System.Text.RegularExpressions.Regex.Match(File.ReadAllText(cache), "\"checkedAt\":\"([^\"]+)\"").Groups[1].Value;

    private Uri Rdap(string answer) => new(_site.Http, "/rdap/" + answer);

    /// <summary>The parameters of a check through the test site as proxy (no name is resolved), asking <paramref name="server"/>.</summary>
    private Hashtable Via(Uri? server, params (string Name, object Value)[] more)
    {
        var parameters = new Hashtable { ["Proxy"] = _site.Http };
        if (server is not null)
        {
            parameters["RdapServer"] = server.AbsoluteUri;
        }

        foreach (var (name, value) in more)
        {
            parameters[name] = value;
        }

        return parameters;
    }
}
