using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

public sealed class SecurityTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>
{
    private const string Secret = "hunter2";

    private readonly TestSite _site = fixture.Site;

    private static Uri WithSecret(Uri uri) => new UriBuilder(uri) { UserName = "admin", Password = Secret }.Uri;

    [Fact]
    public void CredentialInUri_IsRefused_WithoutTheSwitch_AndNothingIsSent()
    {
        var before = _site.Requests;

        var (output, errors) = PowerShellHost.Run("Test-SiteStatus $url", ("url", WithSecret(new Uri(_site.Http, "/ok")).AbsoluteUri));

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("CredentialInUri,SiteStatus.Commands.TestSiteStatusCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal($"http://***@127.0.0.1:{_site.Http.Port}/ok", error.TargetObject);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, _site.Requests);
    }

    [Fact]
    public void AllowCredentialInUri_SendsBasicToThatServer_AndNotAcrossARedirectToAnotherPort()
    {
        var elsewhere = new Uri(_site.Https, "/ok?elsewhere");
        var first = WithSecret(new Uri(_site.Http, "/redirect-to?url=" + Uri.EscapeDataString(elsewhere.AbsoluteUri)));

        var result = PowerShellHost.CheckOne(first, new Hashtable { ["AllowCredentialInUri"] = true, ["SkipCertificateCheck"] = true });

        Assert.Equal(SiteState.Up, result.Status);
        Assert.Equal(elsewhere.AbsoluteUri, result.FinalUri);
        AssertBasicSentOnlyOverHttp(_site, "admin:hunter2", "/redirect-to");
    }

    /// <summary>The site saw Basic authentication for the request on its http port, and none on its https port.</summary>
    internal static void AssertBasicSentOnlyOverHttp(TestSite site, string userAndPassword, string pathPart)
    {
        var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(userAndPassword));
        Assert.Contains(site.Authorizations, a => a.Port == site.Http.Port && a.Path.Contains(pathPart, StringComparison.Ordinal) && a.Header == expected);
        Assert.DoesNotContain(site.Authorizations, a => a.Port == site.Https.Port);
    }

    [Fact]
    public void TheSecret_AppearsInNoStream_NorInAnyOutputProperty()
    {
        using var closed = new ClosedPort();
        var urls = new[]
        {
            WithSecret(new Uri(_site.Http, "/ok")).AbsoluteUri,
            WithSecret(new Uri(_site.Http, "/status/500")).AbsoluteUri,
            WithSecret(closed.Uri).AbsoluteUri,
            $"ftp://admin:{Secret}@127.0.0.1/",
            $"http://admin:{Secret}@exa mple.com/",
        };

        // Every stream the commands write, as a person or a log would see it. (PowerShell's own invocation info also holds
        // the arguments as the user typed them; that is the user's input, not something the module writes.)
        var (output, errors) = PowerShellHost.Run(
            """
            $ProgressPreference = 'Continue'
            $all = @(Test-SiteStatus $urls -AllowCredentialInUri -Verbose -Debug *>&1) + @(Get-SiteStatusReport $urls -AllowCredentialInUri -Verbose -Debug *>&1)
            $all | Out-String -Width 500
            $all | Where-Object { $_ -is [SiteStatus.SiteStatusResult] } | ConvertTo-Json -Depth 6 -WarningAction Ignore
            $all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.TargetObject; $_.Exception.Message; $_.ToString() }
            $all | Where-Object { $_ -is [System.Management.Automation.InformationalRecord] } | ForEach-Object Message
            """,
            ("urls", urls));

        Assert.Empty(errors);
        var everything = string.Join("\n", output.Select(o => o.ToString()));
        Assert.Contains("***@", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, everything, StringComparison.Ordinal);
    }

    [Fact]
    public void SkipCertificateCheck_WarnsOnce()
    {
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-SiteStatus")
            .AddParameter("Uri", new[] { new Uri(_site.Https, "/ok?1").AbsoluteUri, new Uri(_site.Https, "/ok?2").AbsoluteUri })
            .AddParameter("SkipCertificateCheck");

        var output = shell.Invoke();

        Assert.Equal(2, output.Count);
        Assert.Contains("not validated", Assert.Single(shell.Streams.Warning).Message, StringComparison.Ordinal);
    }
}
