using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>Sites as data: each piped row carries its own policy, and conditions judge the body, the time and the certificate.</summary>
public sealed class SitesAsDataTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>
{
    private static readonly string[] WholeLargeBody = ["status == UP", "items.length == 1048576"];

    private readonly TestSite _site = fixture.Site;

    private string Http(string path) => new Uri(_site.Http, path).AbsoluteUri;

    private string Json(string body) => Http("/json?body=" + Uri.EscapeDataString(body));

    private static SiteStatusResult[] Results(System.Collections.Generic.IReadOnlyList<PSObject> output) =>
        output.Select(o => (SiteStatusResult)o.BaseObject).ToArray();

    [Fact]
    public void OneCsv_EachSiteJudgedByItsOwnRow_UnderTheSameLimits()
    {
        var local = new UriBuilder(_site.Http) { Host = "localhost" }.Uri;
        var csv = string.Join("\n", new[]
        {
            "Url,ExpectedStatusCode,Method,TimeoutSec,ContentMatch,JsonCondition",
            $"{Http("/status/404")},404,,,,",
            $"{Http("/redirect/1")},\"301,302\",,,,",
            $"{Http("/head-ok")},,Head,,,",
            $"{Http("/delay/3000")},,,1,,",
            $"{Http("/content/plain")},,,,healthy,",
            $"{Json("{\"status\":\"UP\",\"checks\":[{\"state\":\"ok\"}]}")},,,,,status == UP;checks[0].state != failed",
            $"{Json("{\"status\":\"DOWN\"}")},,,,,status == UP",
            $"{Http("/status/404")},,,,,",
        }.Concat(Enumerable.Range(0, 8).Select(i => $"{Http($"/count-by-host/200?a={i}")},,,,,"))
         .Concat(Enumerable.Range(0, 8).Select(i => $"{new Uri(local, $"/count-by-host/200?b={i}")},200,,,,")));

        var (output, errors) = PowerShellHost.Run(
            "$csv | ConvertFrom-Csv | Test-SiteStatus -ThrottleLimit 4 -ThrottleLimitPerHost 2 -MaximumRedirection 0 -IPv4", ("csv", csv));

        Assert.Empty(errors);
        var results = Results(output);
        Assert.Equal(24, results.Length);
        SiteStatusResult Of(string url) => results.First(r => r.Uri == url);
        Assert.Equal(SiteState.Up, Of(Http("/status/404")).Status);
        Assert.Equal((SiteState.Up, 302), (Of(Http("/redirect/1")).Status, Of(Http("/redirect/1")).StatusCode));
        Assert.Equal("HEAD", Of(Http("/head-ok")).Method);
        Assert.Equal(FailureKind.Timeout, Of(Http("/delay/3000")).Failure);
        Assert.Equal(SiteState.Up, Of(Http("/content/plain")).Status);
        var json = Of(Json("{\"status\":\"UP\",\"checks\":[{\"state\":\"ok\"}]}"));
        Assert.Equal(SiteState.Up, json.Status);
        Assert.Equal(["status == UP: passed (\"UP\")", "checks[0].state != failed: passed (\"ok\")"], json.Conditions.Select(c => c.ToString()));
        var down = Of(Json("{\"status\":\"DOWN\"}"));
        Assert.Equal((SiteState.Down, FailureKind.ConditionFailed), (down.Status, down.Failure));
        Assert.Equal("Condition 'status == UP' failed: found \"DOWN\".", down.Reason);

        // The same URL with no settings of its own is judged by the command line: 404 is down.
        Assert.Single(results, r => r.Uri == Http("/status/404") && r.Status == SiteState.Down);

        // The limits hold across rows with different policies.
        Assert.Equal(2, _site.MaxInFlightFor("127.0.0.1"));
        Assert.Equal(2, _site.MaxInFlightFor("localhost"));
        Assert.InRange(_site.MaxInFlightAllHosts, 3, 4);
    }

    [Fact]
    public void ValueOnTheRow_WinsOverTheCommandLine_ForThatSiteOnly_AndEmptyCellsAreNotSet()
    {
        var csv = $"Url,ExpectedStatusCode\n{Http("/status/404?row")},404\n{Http("/status/404?empty")},\n{Http("/status/500?cmd")},";

        var (output, errors) = PowerShellHost.Run("$csv | ConvertFrom-Csv | Test-SiteStatus -ExpectedStatusCode 500", ("csv", csv));

        Assert.Empty(errors);
        var results = Results(output);
        Assert.Equal(SiteState.Up, results.Single(r => r.Uri.EndsWith("row", StringComparison.Ordinal)).Status);
        Assert.Equal(SiteState.Down, results.Single(r => r.Uri.EndsWith("empty", StringComparison.Ordinal)).Status);
        Assert.Equal(SiteState.Up, results.Single(r => r.Uri.EndsWith("cmd", StringComparison.Ordinal)).Status);
    }

    [Theory]
    [InlineData("ExpectedStatusCode", "abc")]
    [InlineData("TimeoutSec", "0")]
    [InlineData("TimeoutSec", "ten")]
    [InlineData("Method", "Post")]
    [InlineData("ContentMatch", "(unclosed")]
    [InlineData("JsonCondition", "status")]
    [InlineData("MaximumRetryCount", "11")]
    public void BadRow_IsAnInvalidSiteSettingErrorNamingTheColumn_AndTheRestIsChecked(string column, string value)
    {
        var script = $"@([pscustomobject]@{{ Url = $bad; {column} = $value }}, [pscustomobject]@{{ Url = $ok }}) | Test-SiteStatus";

        var (output, errors) = PowerShellHost.Run(script, ("bad", Http("/ok?bad")), ("ok", Http("/ok")), ("value", value));

        Assert.Equal(Http("/ok"), Assert.Single(Results(output)).Uri);
        var error = Assert.Single(errors);
        Assert.Equal("InvalidSiteSetting,SiteStatus.Commands.TestSiteStatusCommand", error.FullyQualifiedErrorId);
        Assert.StartsWith($"The {column} of this site, '{value}', cannot be used: ", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(Http("/ok?bad"), ((PSObject)error.TargetObject).Properties["Url"].Value);
    }

    [Theory]
    [InlineData("csv", "TimeoutSec", "fast", "The TimeoutSec of this site, 'fast', cannot be used: it must be a whole number of seconds from 1 to 86400.")]
    [InlineData("csv", "TimeoutSec", "1.5", "The TimeoutSec of this site, '1.5', cannot be used: it must be a whole number of seconds from 1 to 86400.")]
    [InlineData("csv", "MaximumRedirection", "-1", "The MaximumRedirection of this site, '-1', cannot be used: it must be a whole number of redirects from 0 to 2147483647.")]
    [InlineData("json", "MaximumRetryCount", "true", "The MaximumRetryCount of this site, 'True', cannot be used: it must be a whole number of retries from 0 to 10.")]
    [InlineData("json", "RetryIntervalSec", "2.5", "The RetryIntervalSec of this site, '2.5', cannot be used: it must be a whole number of seconds from 0 to 86400.")]
    [InlineData("json", "MinimumCertificateDays", "false", "The MinimumCertificateDays of this site, 'False', cannot be used: it must be a whole number of days from 0 to 36500.")]
    [InlineData("json", "SlowThresholdMs", "[5, 6]", "The SlowThresholdMs of this site, '5, 6', cannot be used: it must be a whole number of milliseconds from 1 to 2147483647.")]
    public void NumberSetting_NotAWholeNumber_IsRefused_SayingWhatItMustBe(string format, string column, string value, string message)
    {
        var ok = Http("/ok?number");
        var script = format == "csv" ? "$text | ConvertFrom-Csv | Test-SiteStatus" : "$text | ConvertFrom-Json | Test-SiteStatus";
        var text = format == "csv" ? $"Url,{column}\n{ok},{value}" : $"[{{\"Url\":\"{ok}\",\"{column}\":{value}}}]";

        var (output, errors) = PowerShellHost.Run(script, ("text", text));

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("InvalidSiteSetting,SiteStatus.Commands.TestSiteStatusCommand", error.FullyQualifiedErrorId);
        Assert.Equal(message, error.Exception.Message);
    }

    [Fact]
    public void NumberSetting_AWholeNumberInAnyForm_IsUsed()
    {
        var json = $"[{{\"Url\":\"{Http("/ok?json")}\",\"TimeoutSec\":5.0,\"MaximumRetryCount\":\"2\"}}]";
        var csv = $"Url,TimeoutSec,MaximumRedirection\n{Http("/redirect/1?csv")}, 7 ,1e1";

        var (output, errors) = PowerShellHost.Run("$json | ConvertFrom-Json | Test-SiteStatus; $csv | ConvertFrom-Csv | Test-SiteStatus", ("json", json), ("csv", csv));

        Assert.Empty(errors);
        Assert.All(Results(output), r => Assert.Equal(SiteState.Up, r.Status));
        Assert.Equal(2, output.Count);
    }

    [Fact]
    public void HeadersOnARow_AreSent_AndABadOneIsNeverQuotedBack()
    {
        var needs = Http("/require-header?name=X-Api-Key&contains=s3cret");
        var script = "@{ Url = $needs; Headers = @{ 'X-Api-Key' = 's3cret' } }, ('{\"Url\":\"' + $needs + '\",\"Headers\":{\"X-Api-Key\":\"s3cret\"}}' | ConvertFrom-Json), " +
            "[pscustomobject]@{ Url = $needs; Headers = 'X-Api-Key s3cret' } | Test-SiteStatus";

        var (output, errors) = PowerShellHost.Run(script, ("needs", needs));

        Assert.Equal([SiteState.Up, SiteState.Up], Results(output).Select(r => r.Status));
        var error = Assert.Single(errors);
        Assert.StartsWith("InvalidSiteSetting,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonFile_AndPowerShellDataFile_AndObjects_AllCarryTheirSettings()
    {
        var json = $"[{{\"Url\":\"{Http("/status/418?json")}\",\"ExpectedStatusCode\":[418],\"JsonCondition\":[]}}]";
        var psd1 = $"@{{ Sites = @( @{{ Uri = '{Http("/status/418?psd1")}'; ExpectedStatusCode = 418 }} ) }}";
        var script = """
            $file = New-TemporaryFile
            Set-Content $file.FullName $psd1
            $sites = @($json | ConvertFrom-Json) + (Import-PowerShellDataFile $file.FullName).Sites + [pscustomobject]@{ Address = $teapot; ExpectedStatusCode = '418' }
            $sites | Get-SiteStatusReport
            Remove-Item $file.FullName
            """;

        var (output, errors) = PowerShellHost.Run(script, ("json", json), ("psd1", psd1), ("teapot", Http("/status/418?object")));

        Assert.Empty(errors);
        var reports = output.Select(o => Assert.IsType<SiteStatusReport>(o.BaseObject)).ToArray();
        Assert.Equal(3, reports.Length);
        Assert.All(reports, r => Assert.Equal((SiteState.Up, 418), (r.Status, r.StatusCode)));
    }

    [Theory]
    [InlineData("{\"status\":\"UP\"}", "status == UP", true, "\"UP\"")]
    [InlineData("{\"status\":\"UP\"}", "status == 'UP'", true, "\"UP\"")]
    [InlineData("{\"status\":\"up\"}", "status == UP", false, "\"up\"")]
    [InlineData("{\"status\":\"DOWN\"}", "status != UP", true, "\"DOWN\"")]
    [InlineData("{\"n\":5}", "n < 6", true, "5")]
    [InlineData("{\"n\":5}", "n <= 5", true, "5")]
    [InlineData("{\"n\":5}", "n > 5", false, "5")]
    [InlineData("{\"n\":5}", "n >= 5.0", true, "5")]
    [InlineData("{\"n\":5}", "n == 5.0", true, "5")]
    [InlineData("{\"version\":\"2.13.1\"}", "version =~ ^2\\.", true, "\"2.13.1\"")]
    [InlineData("{\"version\":\"3.0\"}", "$.version =~ ^2\\.", false, "\"3.0\"")]
    [InlineData("{\"items\":[1,2]}", "items.length > 0", true, "2")]
    [InlineData("{\"items\":[]}", "items.length > 0", false, "0")]
    [InlineData("{\"a\":{\"b\":[{\"c\":true}]}}", "a.b[0].c == true", true, "true")]
    [InlineData("{\"a\":null}", "a == null", true, "null")]
    [InlineData("{\"checks\":[{\"state\":\"ok\"}]}", "checks[3].state != failed", false, "no item [3] in $.checks (an array of 1)")]
    [InlineData("{\"status\":\"UP\"}", "health.status == UP", false, "no member 'health' in $ (an object)")]
    [InlineData("<html>maintenance</html>", "status == UP", false, "not JSON")]
    public void EachConditionOperator_PathAndFailure(string body, string condition, bool passes, string observed)
    {
        var result = PowerShellHost.CheckOne(new Uri(Json(body)), new Hashtable { ["JsonCondition"] = condition });

        Assert.Equal(passes ? SiteState.Up : SiteState.Down, result.Status);
        Assert.Equal(passes ? FailureKind.None : FailureKind.ConditionFailed, result.Failure);
        var found = Assert.Single(result.Conditions);
        Assert.Equal((condition, passes, observed), (found.Condition, found.Passed, found.Observed));
        if (!passes)
        {
            Assert.Contains(condition, result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NonJsonBody_SaysSo_InTheReason()
    {
        var result = PowerShellHost.CheckOne(new Uri(Http("/content/plain")), new Hashtable { ["JsonCondition"] = "status == UP" });

        Assert.Equal(FailureKind.ConditionFailed, result.Failure);
        Assert.StartsWith("The body is not JSON (", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonBodyLargerThanTheCap_SaysToRaiseTheCap_AndFitsWhenRaised()
    {
        var large = new Uri(Http("/json/large/2048"));

        var capped = PowerShellHost.CheckOne(large, new Hashtable { ["JsonCondition"] = "status == UP" });
        var raised = PowerShellHost.CheckOne(large, new Hashtable { ["JsonCondition"] = WholeLargeBody, ["MaximumContentBytes"] = 4 * 1024 * 1024 });

        Assert.Equal(FailureKind.ConditionFailed, capped.Failure);
        Assert.Contains("longer than -MaximumContentBytes (1048576 bytes)", capped.Reason, StringComparison.Ordinal);
        Assert.Equal(SiteState.Up, raised.Status);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("status == ")]
    [InlineData("n < five")]
    [InlineData("a..b == 1")]
    [InlineData("version =~ (")]
    public void BadConditionSyntax_IsAParameterError(string condition)
    {
        var (output, errors) = PowerShellHost.Run("Test-SiteStatus $url -JsonCondition $condition", ("url", Http("/ok")), ("condition", condition));

        Assert.Empty(output);
        Assert.StartsWith("ParameterArgumentValidationError,", Assert.Single(errors).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void MaximumResponseTimeMs_FailsASlowSite_OnBothCmdlets()
    {
        var parameters = new Hashtable { ["MaximumResponseTimeMs"] = 150 };

        var slow = PowerShellHost.CheckOne(new Uri(Http("/delay/400")), parameters);
        var fast = PowerShellHost.CheckOne(new Uri(Http("/ok?fast")), parameters);
        var report = PowerShellHost.ReportOne(new Uri(Http("/delay/400?report")), parameters);

        Assert.Equal((SiteState.Down, FailureKind.ConditionFailed), (slow.Status, slow.Failure));
        Assert.StartsWith("Condition 'ResponseTimeMs <= 150' failed: found ", slow.Reason, StringComparison.Ordinal);
        Assert.Equal(SiteState.Up, fast.Status);
        Assert.True(Assert.Single(fast.Conditions).Passed);
        Assert.Equal(FailureKind.ConditionFailed, report.Failure);
    }
}
