using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Checking;
using SiteStatus.Checking.Settings;
using SiteStatus.Commands;
using SiteStatus.Export;
using SiteStatus.State;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>
/// -AllAddresses: a URL checked at every address of its host, with the host name kept for Host and SNI. The engine's
/// tests give the host's addresses as a resolver would (this machine's hosts file names localhost 127.0.0.1 only, so
/// the system's resolver cannot give a name two addresses here); everything past the lookup is real: Kestrel on
/// 127.0.0.1, and on ::1 too for a host whose addresses are all up. The cmdlets' tests resolve localhost for real.
/// </summary>
public sealed class AllAddressesTests : IAsyncLifetime
{
    private TestSite _v4Only = null!;
    private TestSite _dualStack = null!;

    public async Task InitializeAsync()
    {
        _v4Only = await TestSite.StartAsync();
        _dualStack = await TestSite.StartAsync(dualStack: true);
    }

    public async Task DisposeAsync()
    {
        await _v4Only.DisposeAsync();
        await _dualStack.DisposeAsync();
    }

    [Fact]
    public async Task OneDeadAddress_MakesTheUrlPartial_NamingTheAddressAndWhy()
    {
        var result = new SiteStatusResult(await CheckAsync(Resolving("127.0.0.1", "::1"), Localhost(_v4Only.Http, "/ok")), null);

        Assert.Equal(SiteState.Partial, result.Status);
        Assert.Equal(FailureKind.ConnectionRefused, result.Failure);
        Assert.Null(result.StatusCode);
        Assert.Equal($"Down at 1 of 2 addresses: ::1: Connection refused by localhost port {_v4Only.Http.Port}: nothing listens on that port, or a firewall turned the connection away. Up at 127.0.0.1.", result.Reason);
        Assert.Collection(
            result.Addresses,
            a => Assert.Equal(("127.0.0.1", SiteState.Up, (int?)200, FailureKind.None, (string?)"127.0.0.1"), (a.Address, a.Status, a.StatusCode, a.Failure, a.RemoteAddress)),
            a => Assert.Equal(("::1", SiteState.Down, (int?)null, FailureKind.ConnectionRefused, (string?)null), (a.Address, a.Status, a.StatusCode, a.Failure, a.RemoteAddress)));
        Assert.Equal("127.0.0.1: Up 200; ::1: Down (ConnectionRefused)", result.Addresses.ToString());
    }

    [Fact]
    public async Task EveryAddressUp_IsUp_EachAnsweredAtItsOwnAddress()
    {
        var result = new SiteStatusResult(await CheckAsync(Resolving("127.0.0.1", "::1"), Localhost(_dualStack.Http, "/ok")), null);

        Assert.Equal((SiteState.Up, (int?)200, "OK at all 2 addresses: 127.0.0.1, ::1."), (result.Status, result.StatusCode, result.Reason));
        Assert.All(result.Addresses, a => Assert.Equal((SiteState.Up, (int?)200, (string?)a.Address), (a.Status, a.StatusCode, a.RemoteAddress)));
        Assert.Equal(["127.0.0.1", "::1"], result.Addresses.Select(a => a.Address));
    }

    [Fact]
    public async Task EveryAddressDown_IsDown_NamingEach()
    {
        var result = new SiteStatusResult(await CheckAsync(Resolving("127.0.0.1", "::1"), Localhost(_dualStack.Http, "/status/503")), null);

        Assert.Equal((SiteState.Down, FailureKind.HttpStatus, (int?)503), (result.Status, result.Failure, result.StatusCode));
        Assert.Equal("Down at all 2 addresses: 127.0.0.1: Service Unavailable; ::1: Service Unavailable.", result.Reason);
    }

    [Fact]
    public async Task Https_ConnectsToEachAddress_WhileTheHostHeaderAndSniStayTheName()
    {
        var uri = Localhost(_dualStack.Https, "/echo-connection");
        var policy = Setting(CheckPolicy.Default, "ContentMatch", $@"^host=localhost:{uri.Port};sni=localhost;local=(127\.0\.0\.1|::1)$");

        var result = new SiteStatusResult(await CheckAsync(Resolving("127.0.0.1", "::1"), uri, policy), null);

        Assert.True(result.Status == SiteState.Up, result.Reason + " | " + string.Join(" | ", result.Conditions));
        Assert.Equal(["127.0.0.1", "::1"], result.Addresses.Select(a => a.RemoteAddress));
    }

    [Fact]
    public async Task ARedirectToTheSameHost_StaysAtTheAddress_AndOneToAnotherHost_IsResolvedAsUsual()
    {
        // Only ::1: the system's resolver would give localhost 127.0.0.1, so a hop it resolved would land there.
        var options = Resolving("::1");
        Uri Via(string target) => Localhost(_dualStack.Http, "/redirect-to", "url=" + Uri.EscapeDataString(target));
        var sameHost = Via($"https://localhost:{_dualStack.Https.Port}/echo-connection");
        var otherHost = Via($"https://127.0.0.1:{_dualStack.Https.Port}/echo-connection");

        var stayed = await CheckAsync(options, sameHost, Setting(CheckPolicy.Default, "ContentMatch", @";local=::1$"));
        var resolved = await CheckAsync(options, otherHost, Setting(CheckPolicy.Default, "ContentMatch", @";local=127\.0\.0\.1$"));

        Assert.Equal((FailureKind.None, "::1", "::1"), (stayed.Failure, stayed.Addresses.Single().Address, stayed.Addresses.Single().RemoteAddress));
        Assert.Equal((FailureKind.None, "::1", "127.0.0.1"), (resolved.Failure, resolved.Addresses.Single().Address, resolved.Addresses.Single().RemoteAddress));
    }

    [Fact]
    public async Task TheAddressFamilyAsked_IsTheOnlyOneChecked()
    {
        var v4 = await CheckAsync(Resolving(AddressFamily.InterNetwork, "127.0.0.1", "::1"), Localhost(_v4Only.Http, "/ok"));
        var v6 = await CheckAsync(Resolving(AddressFamily.InterNetworkV6, "127.0.0.1", "::1"), Localhost(_dualStack.Http, "/ok"));

        // One address: the reason is the address's own, as a check without -AllAddresses gives it.
        Assert.Equal((FailureKind.None, "OK", "127.0.0.1"), (v4.Failure, v4.Reason, v4.Addresses.Single().Address));
        Assert.Equal((FailureKind.None, "OK", "::1"), (v6.Failure, v6.Reason, v6.Addresses.Single().Address));
    }

    [Fact]
    public async Task AHostWithNoAddress_OrNoneOfTheFamilyAsked_IsDown_NameResolution_WithNoAddresses()
    {
        var none = new SiteStatusResult(await CheckAsync(Resolving(), Localhost(_v4Only.Http, "/ok")), null);
        var noIPv6 = new SiteStatusResult(await CheckAsync(Resolving(AddressFamily.InterNetworkV6, "127.0.0.1"), Localhost(_v4Only.Http, "/ok")), null);

        Assert.Equal((SiteState.Down, FailureKind.NameResolution, "'localhost' has no address."), (none.Status, none.Failure, none.Reason));
        Assert.Equal((SiteState.Down, FailureKind.NameResolution, "'localhost' has no IPv6 address."), (noIPv6.Status, noIPv6.Failure, noIPv6.Reason));
        Assert.Empty(none.Addresses);
        Assert.Empty(noIPv6.Addresses);
    }

    [Fact]
    public async Task AtMost16Addresses_AreChecked_AndTheReasonSaysHowManyItHas()
    {
        // Every 127.0.0.0/8 address is loopback; only 127.0.0.1 has the site.
        var addresses = Enumerable.Range(1, 20).Select(i => $"127.0.0.{i}").ToArray();

        var result = new SiteStatusResult(await CheckAsync(Resolving(addresses), Localhost(_v4Only.Http, "/ok")), null);

        Assert.Equal(SiteState.Partial, result.Status);
        Assert.Equal(addresses.Take(SiteProbe.MaximumAddresses), result.Addresses.Select(a => a.Address));
        Assert.EndsWith(". Up at 127.0.0.1. Checked the first 16 of its 20 addresses.", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(32, 2)]
    [InlineData(2, 6)]
    public async Task EachAddress_IsACheckOfItsHost_SoThePerHostLimitHolds(int throttleLimit, int perHost)
    {
        var options = Resolving("127.0.0.1", "::1");
        options.ThrottleLimit = throttleLimit;
        options.ThrottleLimitPerHost = perHost;
        var policy = CheckPolicy.Default with { AllAddresses = true };
        using var probe = new SiteProbe(options, CancellationToken.None);
        var targets = Enumerable.Range(0, 4).Select(i => SiteTarget.Parse(Localhost(_dualStack.Http, "/count-by-host/300", $"i={i}").AbsoluteUri, allowCredential: false, out _, policy)!);

        var outcomes = await Task.WhenAll(targets.Select(t => probe.CheckAsync(t, CancellationToken.None)));

        Assert.All(outcomes, o => Assert.Equal(FailureKind.None, o.Failure));
        Assert.Equal(2, _dualStack.MaxInFlightFor("localhost"));
    }

    [Fact]
    public async Task APartialUrl_CountsAsDown_ForTheStateFilesThresholds()
    {
        var outcome = await CheckAsync(Resolving("127.0.0.1", "::1"), Localhost(_v4Only.Http, "/ok"));
        var folder = Directory.CreateTempSubdirectory("sitestatus-addresses-");
        try
        {
            // Two runs of a state file with -FailureThreshold 2, each weighing the same Partial check.
            StateChange Run()
            {
                using var state = RunState.Open(Path.Combine(folder.FullName, "state.json"), new StateRules(2, 1, null, null), CancellationToken.None);
                var change = state.Apply(outcome, null, DateTimeOffset.Now);
                state.Close(DateTimeOffset.Now);
                return change;
            }

            var first = Run();
            var second = Run();

            Assert.Equal((SiteState.Up, false, 1), (first.ConfirmedStatus, first.Changed, first.ConsecutiveFailures));
            Assert.Equal((SiteState.Down, true, 2), (second.ConfirmedStatus, second.Changed, second.ConsecutiveFailures));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void APartialLocation_CountsAsDown_ForAQuorum()
    {
        var now = DateTimeOffset.Now;
        var partial = new LocationStatus("east", SiteState.Partial, null, "ConnectionRefused", "Down at 1 of 2 addresses: …", now);

        var quorum = new SiteQuorumResult("https://x.example/", 1, [partial, new LocationStatus("west", SiteState.Up, 200, "None", "OK", now)], maintenance: false, state: null);

        Assert.Equal(SiteState.Down, partial.Status);
        Assert.Equal((SiteState.Down, 1), (quorum.Status, quorum.DownCount));
    }

    [Fact]
    public void APartialResult_WithoutState_IsADownAlert()
    {
        var record = new ProbeRecord { Uri = "https://x.example/", Status = "Partial", Failure = "ConnectionRefused", Reason = "Down at 1 of 2 addresses: ::1: refused. Up at 192.0.2.1.", Timestamp = DateTimeOffset.Now, Attempts = 1 };

        var payload = AlertPayload.Build([record], AlertFormat.Json, DateTimeOffset.Now);

        Assert.Equal("Down", AlertPayload.KindOf(record));
        Assert.Contains("\"title\":\"SiteStatus: 1 down\"", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_GiveTheUrlsVerdict_AndASeriesPerAddress()
    {
        var result = new SiteStatusResult(await CheckAsync(Resolving("127.0.0.1", "::1"), Localhost(_v4Only.Http, "/ok")), null);
        var target = $"target=\"{result.Uri}\"";

        var lines = MetricsText.Write([ResultReader.Read(PSObject.AsPSObject(result))!], MetricsFormat.Prometheus).Split('\n');

        Assert.Equal(
            [
                $"probe_success{{{target}}} 0",
                $"probe_success{{{target},address=\"127.0.0.1\"}} 1",
                $"probe_success{{{target},address=\"::1\"}} 0",
                $"probe_http_status_code{{{target}}} 0",
                $"probe_http_status_code{{{target},address=\"127.0.0.1\"}} 200",
                $"probe_http_status_code{{{target},address=\"::1\"}} 0",
                $"probe_failure_info{{{target},reason=\"ConnectionRefused\"}} 1",
                $"probe_failure_info{{{target},address=\"::1\",reason=\"ConnectionRefused\"}} 1",
            ],
            lines.Where(l => l.StartsWith("probe_success{", StringComparison.Ordinal) || l.StartsWith("probe_http_status_code{", StringComparison.Ordinal) || l.StartsWith("probe_failure_info{", StringComparison.Ordinal)));
        Assert.Equal(3, lines.Count(l => l.StartsWith("probe_duration_seconds{", StringComparison.Ordinal)));
    }

    [Fact]
    public void TestSiteStatus_AtAnIpAddress_ChecksThatOneAddress()
    {
        var result = PowerShellHost.CheckOne(new Uri(_v4Only.Http, "/ok"), new Hashtable { ["AllAddresses"] = true });

        Assert.Equal((SiteState.Up, "OK", "1.1"), (result.Status, result.Reason, result.HttpVersion));
        var address = Assert.Single(result.Addresses);
        Assert.Equal(("127.0.0.1", SiteState.Up, (int?)200, (string?)"127.0.0.1"), (address.Address, address.Status, address.StatusCode, address.RemoteAddress));
    }

    [Fact]
    public void GetSiteStatusReport_ChecksEveryAddressTheSystemResolves()
    {
        var expected = Dns.GetHostAddresses("localhost").Distinct().Select(a => a.ToString()).ToList();

        var report = PowerShellHost.ReportOne(Localhost(_dualStack.Http, "/ok"), new Hashtable { ["AllAddresses"] = true });

        Assert.Equal(SiteState.Up, report.Status);
        Assert.Equal(expected, report.Addresses.Select(a => a.Address));
        Assert.All(report.Addresses, a => Assert.Equal((SiteState.Up, (string?)a.Address), (a.Status, a.RemoteAddress)));
        Assert.Equal(expected[0], report.RemoteAddress);
    }

    [Fact]
    public void ASitesFilesAllAddressesColumn_TurnsItOnForItsRow_AndAValueThatIsNoSwitch_IsThatRowsError()
    {
        var expected = Dns.GetHostAddresses("localhost").Distinct().Select(a => a.ToString()).ToList();
        var csv = $"Url,AllAddresses\n{Localhost(_dualStack.Http, "/ok", "row=1")},True\n{Localhost(_dualStack.Http, "/ok", "row=2")},\n{Localhost(_dualStack.Http, "/ok", "row=3")},maybe\n";

        var (output, errors) = PowerShellHost.Run("$csv | ConvertFrom-Csv | Test-SiteStatus", ("csv", csv));

        var results = output.Select(o => Assert.IsType<SiteStatusResult>(o.BaseObject)).OrderBy(r => r.Uri, StringComparer.Ordinal).ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal(expected, results[0].Addresses.Select(a => a.Address));
        Assert.Empty(results[1].Addresses);
        var error = Assert.Single(errors);
        Assert.Equal((SiteSettings.InvalidSiteSetting, "The AllAddresses of this site, 'maybe', cannot be used: it must be True or False."), (error.FullyQualifiedErrorId.Split(',')[0], error.Exception.Message));
    }

    [Fact]
    public void WithAProxy_AllAddressesIsRefused_OnTheCommandLine_AndInARow()
    {
        var proxy = "http://127.0.0.1:9/";
        var row = new Hashtable { ["Url"] = Localhost(_v4Only.Http, "/ok").AbsoluteUri, ["AllAddresses"] = true };

        var (_, commandLine) = PowerShellHost.Run("Test-SiteStatus $url -AllAddresses -Proxy $proxy", ("url", row["Url"]), ("proxy", proxy));
        var (output, inRow) = PowerShellHost.Run("$row | Test-SiteStatus -Proxy $proxy", ("row", row), ("proxy", proxy));

        Assert.Equal("AllAddressesWithProxy,SiteStatus.Commands.TestSiteStatusCommand", Assert.Single(commandLine).FullyQualifiedErrorId);
        Assert.Empty(output);
        Assert.Equal(SiteSettings.InvalidSiteSetting, Assert.Single(inRow).FullyQualifiedErrorId.Split(',')[0]);
    }

    private static Uri Localhost(Uri site, string path, string? query = null) => new UriBuilder(site) { Host = "localhost", Path = path, Query = query ?? string.Empty }.Uri;

    /// <summary>How the probe connects when the host has these addresses, in this order.</summary>
    private static ProbeOptions Resolving(params string[] addresses) => Resolving(AddressFamily.Unspecified, addresses);

    private static ProbeOptions Resolving(AddressFamily family, params string[] addresses) => new()
    {
        ResolveHost = (_, _) => Task.FromResult(addresses.Select(IPAddress.Parse).ToArray()),
        AddressFamily = family,
        SkipCertificateCheck = true,
    };

    private static CheckPolicy Setting(CheckPolicy policy, string name, object value) => CheckSettings.All.Single(s => s.Name == name).Apply(policy, value);

    private static async Task<ProbeOutcome> CheckAsync(ProbeOptions options, Uri uri, CheckPolicy? policy = null)
    {
        using var probe = new SiteProbe(options, CancellationToken.None);
        var target = SiteTarget.Parse(uri.AbsoluteUri, allowCredential: false, out _, (policy ?? CheckPolicy.Default) with { AllAddresses = true })!;
        return await probe.CheckAsync(target, CancellationToken.None);
    }
}
