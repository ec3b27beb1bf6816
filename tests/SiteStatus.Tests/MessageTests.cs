using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>Messages built from parts that end a sentence of their own (a reason, a runtime's message) read as one sentence.</summary>
public sealed class MessageTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>, IDisposable
{
    // Two periods (an ellipsis of three is fine), or a period closed in parentheses and then another.
    private static readonly Regex DoubledPeriod = new(@"(?<!\.)\.\.(?!\.)|\.\)\.", RegexOptions.CultureInvariant);

    private readonly TestSite _site = fixture.Site;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sitestatus-messages-");
    private readonly List<string> _messages = [];

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void ReasonsAndErrors_NeverDoubleAPeriod()
    {
        var state = Path.Combine(_folder.FullName, "state.json");
        File.WriteAllText(state, "{ \"format\": \"SiteStatus state\", \"version\": 1, \"sites\": { \"http://a/\": { \"confirmed\": \"Up\", \"since\": \"soon\", \"failures\": 0, \"successes\": 1, \"lastSeen\": \"soon\", \"history\": \"1U\" } } }");
        var urls = new[] { "http://127.0.0.1:9/", Http("/status/503"), new Uri(_site.Https, "/ok").AbsoluteUri, "not a url", "ftp://x" };
        var rows = "Url,TimeoutSec,ExpectedStatusCode,ContentMatch,JsonCondition\n" +
            $"{Http("/ok?a")},fast,,,\n{Http("/ok?b")},,abc,,\n{Http("/ok?c")},,,(unclosed,\n{Http("/ok?d")},,,,status\n";

        Collect("$urls | Test-SiteStatus", ("urls", urls));
        Collect("Test-SiteStatus $url -TimeoutSec 1", ("url", Http("/hang?messages")));
        Collect("Test-SiteStatus $url -MaximumRedirection 1", ("url", Http("/redirect/3")));
        Collect("Test-SiteStatus $plain, $down -JsonCondition 'status == UP'", ("plain", Http("/content/plain")), ("down", Http("/json?body=" + Uri.EscapeDataString("{\"status\":\"DOWN\"}"))));
        Collect("Test-SiteStatus $url -CanaryUri 'http://127.0.0.1:9/', $refused", ("url", Http("/ok?canary")), ("refused", Http("/status/503?canary")));
        Collect("$rows | ConvertFrom-Csv | Test-SiteStatus", ("rows", rows));
        Collect("Test-SiteStatus $url -StatePath $state", ("url", Http("/ok?state")), ("state", state));
        Collect("Set-Location $folder; Get-SiteMapUrl $broken, $none, ./typo.xml", ("folder", _folder.FullName), ("broken", Http("/sitemaps/broken.xml")), ("none", Http("/sitemaps/none.xml")));
        Collect("Test-SiteStatus $url | Export-SiteStatusMetric (Join-Path $folder gone/sites.prom)", ("url", Http("/ok?metric")), ("folder", _folder.FullName));

        Assert.True(_messages.Count >= 18, string.Join("\n", _messages));
        Assert.All(_messages, message => Assert.DoesNotMatch(DoubledPeriod, message));
    }

    private string Http(string path) => new Uri(_site.Http, path).AbsoluteUri;

    private void Collect(string script, params (string Name, object? Value)[] variables)
    {
        var (output, errors) = PowerShellHost.Run(script, variables);
        _messages.AddRange(output.Select(o => o.BaseObject).OfType<SiteStatusResult>().Select(r => r.Reason));
        _messages.AddRange(errors.Select(e => e.Exception.Message));
    }
}
