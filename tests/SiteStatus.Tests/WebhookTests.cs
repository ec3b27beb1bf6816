using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Checking;
using SiteStatus.Export;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>
/// A port that refuses connections until it is opened; then it reads each request and answers it as told, counting the
/// requests that reached it. The same socket is bound throughout, so no other test can be given the port meanwhile.
/// </summary>
internal sealed class LatePort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private int _requests;

    public LatePort() => _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Requests read to their end.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Starts listening: each request read whole is answered <paramref name="response"/>, or the connection reset when null.</summary>
    public void Open(string? response)
    {
        _socket.Listen(16);
        _ = AcceptAsync(response);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync(string? response)
    {
        try
        {
            while (true)
            {
                using var connection = await _socket.AcceptAsync(_stop.Token);
                await ReadRequestAsync(connection);
                Interlocked.Increment(ref _requests);
                if (response is null)
                {
                    connection.LingerState = new LingerOption(true, 0);
                    continue;
                }

                await connection.SendAsync(Encoding.ASCII.GetBytes(response), SocketFlags.None, _stop.Token);
                connection.Shutdown(SocketShutdown.Both);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The test is over.
        }
    }

    // Headers, then as many body bytes as Content-Length says.
    private async Task ReadRequestAsync(Socket connection)
    {
        var received = new List<byte>();
        var buffer = new byte[8192];
        while (true)
        {
            var read = await connection.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0)
            {
                return;
            }

            received.AddRange(buffer.Take(read));
            var text = Encoding.ASCII.GetString(received.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }

            var length = text.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            if (received.Count >= end + 4 + length)
            {
                return;
            }
        }
    }
}

/// <summary>Runs a script and keeps every stream it wrote, as text a person or a log could see.</summary>
internal static class EveryStream
{
    public static (IReadOnlyList<ErrorRecord> Errors, IReadOnlyList<string> Verbose, IReadOnlyList<string> Debug, string All) Run(string script, params (string Name, object? Value)[] variables)
    {
        using var shell = PowerShellHost.Create();
        foreach (var (name, value) in variables)
        {
            shell.Runspace.SessionStateProxy.SetVariable(name, value);
        }

        var output = shell.AddScript(script).Invoke();
        var errors = shell.Streams.Error.ToList();
        var verbose = shell.Streams.Verbose.Select(v => v.Message).ToList();
        var debug = shell.Streams.Debug.Select(d => d.Message).ToList();
        var all = new StringBuilder();
        foreach (var error in errors)
        {
            all.AppendLine(error.ToString()).AppendLine(error.Exception.ToString()).AppendLine(error.TargetObject?.ToString())
                .AppendLine(error.ErrorDetails?.Message).AppendLine(error.CategoryInfo.ToString()).AppendLine(error.FullyQualifiedErrorId);
            for (var e = error.Exception; e is not null; e = e.InnerException)
            {
                all.AppendLine(e.Message);
            }
        }

        foreach (var line in verbose.Concat(debug).Concat(shell.Streams.Warning.Select(w => w.Message))
            .Concat(shell.Streams.Information.Select(i => i.MessageData?.ToString())).Concat(output.Select(o => o?.ToString())))
        {
            all.AppendLine(line);
        }

        return (errors, verbose, debug, all.ToString());
    }
}

/// <summary>Send-SiteStatusAlert against real receivers on loopback that fail in each way a webhook can.</summary>
public sealed class WebhookTests(TestSiteFixture fixture) : IClassFixture<TestSiteFixture>
{
    private const string Secret = "s3cr3t-Path-Part";

    private const string Signature = "SECRETSIG";

    private readonly TestSite _site = fixture.Site;

    private (string Key, string Webhook) Receiver(string query)
    {
        var key = Guid.NewGuid().ToString("N");
        return (key, new Uri(_site.Http, $"/webhook/{key}/{Secret}?{query}&sig={Signature}").AbsoluteUri);
    }

    private string Down => new Uri(_site.Http, "/status/503?webhook").AbsoluteUri;

    public static TheoryData<string> Failures => new() { "https-to-http", "refused", "500", "400" };

    [Theory]
    [MemberData(nameof(Failures))]
    public void NoStream_EverShowsTheWebhooksPathOrQuery(string failure)
    {
        using var closed = new ClosedPort();
        var key = Guid.NewGuid().ToString("N");
        var (webhook, format, secrets) = failure switch
        {
            "https-to-http" => ($"https://127.0.0.1:{_site.Http.Port}/workflows/abc123/triggers/manual/paths/invoke?api-version=2016-06-01&sig={Signature}", "TeamsWorkflow",
                new[] { Signature, "abc123", "/workflows", "triggers/manual", "api-version" }),
            "refused" => ($"http://127.0.0.1:{closed.Uri.Port}/services/T000/B000/XXXSECRET", "Slack", new[] { "XXXSECRET", "T000", "B000", "/services" }),
            _ => ($"{_site.Http.GetLeftPart(UriPartial.Authority)}/webhook/{key}/{Secret}?fail=100&code={failure}&echo=true&sig={Signature}", "Json",
                new[] { Secret, key, Signature, "fail=100" }),
        };

        var (errors, verbose, _, all) = EveryStream.Run(
            "Test-SiteStatus $url | Send-SiteStatusAlert $webhook -Format $format -MaximumRetryCount 1 -TimeoutSec 5 -Verbose -Debug -ErrorAction Continue",
            ("url", Down), ("webhook", webhook), ("format", format));

        Assert.All(secrets, secret => Assert.DoesNotContain(secret, all, StringComparison.OrdinalIgnoreCase));
        var error = Assert.Single(errors);
        Assert.Equal(failure != "400", verbose.Any(line => line.Contains("posting again", StringComparison.Ordinal)));
        Assert.StartsWith("The webhook ", error.Exception.Message, StringComparison.Ordinal);
        Assert.EndsWith(".", error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("..", error.Exception.Message, StringComparison.Ordinal);
        if (failure == "https-to-http")
        {
            Assert.Contains($"(try http://127.0.0.1:{_site.Http.Port}/***)", error.Exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ARefusedWebhook_CouldNotBeReached_InASentence()
    {
        using var closed = new ClosedPort();

        var (errors, _, _, _) = EveryStream.Run(
            "Test-SiteStatus $url | Send-SiteStatusAlert $webhook -MaximumRetryCount 0", ("url", Down), ("webhook", new Uri(closed.Uri, "/hook/secret").AbsoluteUri));

        var error = Assert.Single(errors);
        Assert.Equal("AlertNotSent,SiteStatus.Commands.SendSiteStatusAlertCommand", error.FullyQualifiedErrorId);
        Assert.Matches(
            @"^The webhook http://127\.0\.0\.1:\d+/\*\*\* could not be reached: connection refused by 127\.0\.0\.1 port \d+: [^.]+ \(1 attempt\)\.$",
            error.Exception.Message);
    }

    [Fact]
    public void ASlowWebhook_GetsTheAlertOnce_AndTheErrorSaysItMayHaveArrived()
    {
        var (key, webhook) = Receiver("delayMs=5000");

        var (errors, _, _, _) = EveryStream.Run("Test-SiteStatus $url | Send-SiteStatusAlert $webhook -TimeoutSec 1", ("url", Down), ("webhook", webhook));

        var error = Assert.Single(errors);
        Assert.Equal("AlertDeliveryUnknown,SiteStatus.Commands.SendSiteStatusAlertCommand", error.FullyQualifiedErrorId);
        Assert.Equal(
            $"The webhook {_site.Http.GetLeftPart(UriPartial.Authority)}/*** did not answer within 1 s (1 attempt); the alert was not posted again because it may have arrived.",
            error.Exception.Message);

        // Time for any retry to arrive: before retries of a timeout stopped, three more came within this.
        Thread.Sleep(TimeSpan.FromSeconds(3));
        Assert.Single(_site.WebhookBodies(key));
    }

    [Fact]
    public void AConnectionResetAfterThePost_IsNotPostedAgain()
    {
        using var port = new LatePort();
        port.Open(response: null);

        var (errors, _, _, _) = EveryStream.Run(
            "Test-SiteStatus $url | Send-SiteStatusAlert $webhook", ("url", Down), ("webhook", $"http://127.0.0.1:{port.Port}/hook/secret"));

        var error = Assert.Single(errors);
        Assert.Equal("AlertDeliveryUnknown,SiteStatus.Commands.SendSiteStatusAlertCommand", error.FullyQualifiedErrorId);
        Assert.Contains("gave no complete answer", error.Exception.Message, StringComparison.Ordinal);
        Assert.EndsWith("(1 attempt); the alert was not posted again because it may have arrived.", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, port.Requests);
    }

    [Fact]
    public void ARefusedWebhook_IsPostedAgain_OnceItListens()
    {
        using var port = new LatePort();
        using var shell = PowerShellHost.Create();
        shell.Streams.Verbose.DataAdded += (_, added) =>
        {
            if (shell.Streams.Verbose[added.Index].Message.Contains("posting again", StringComparison.Ordinal))
            {
                port.Open("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            }
        };
        shell.Runspace.SessionStateProxy.SetVariable("url", Down);
        shell.Runspace.SessionStateProxy.SetVariable("webhook", $"http://127.0.0.1:{port.Port}/hook/secret");

        shell.AddScript("Test-SiteStatus $url | Send-SiteStatusAlert $webhook -Verbose").Invoke();

        Assert.Empty(shell.Streams.Error);
        Assert.Equal(1, port.Requests);
        Assert.Single(shell.Streams.Verbose, v => Regex.IsMatch(
            v.Message, @"^Attempt 1: the webhook http://127\.0\.0\.1:\d+/\*\*\* could not be reached: connection refused by .*; posting again in [\d.]+ s\.$"));
    }

    [Fact]
    public void A503_IsPostedAgain()
    {
        var (key, webhook) = Receiver("fail=1&code=503");

        var (errors, _, _, _) = EveryStream.Run("Test-SiteStatus $url | Send-SiteStatusAlert $webhook", ("url", Down), ("webhook", webhook));

        Assert.Empty(errors);
        Assert.Equal(2, _site.WebhookBodies(key).Count);
    }

    [Fact]
    public void A400_ShowsTheStartOfWhatTheReceiverSaid_OnOneLine()
    {
        var (slackKey, slack) = Receiver("fail=1&code=400");
        _site.AnswerWebhook(slackKey, "invalid_blocks");
        var (verboseKey, verbose) = Receiver("fail=1&code=400");
        _site.AnswerWebhook(verboseKey, "invalid_blocks\r\n\tdetail:\u0001 " + new string('x', 1000));

        var slackError = Assert.Single(EveryStream.Run("Test-SiteStatus $url | Send-SiteStatusAlert $webhook -Format Slack", ("url", Down), ("webhook", slack)).Errors);
        var verboseError = Assert.Single(EveryStream.Run("Test-SiteStatus $url | Send-SiteStatusAlert $webhook", ("url", Down), ("webhook", verbose)).Errors);

        Assert.Equal(
            $"The webhook {_site.Http.GetLeftPart(UriPartial.Authority)}/*** answered 400 Bad Request (1 attempt), saying \"invalid_blocks\".",
            slackError.Exception.Message);
        var said = verboseError.Exception.Message[(verboseError.Exception.Message.IndexOf('"', StringComparison.Ordinal) + 1)..verboseError.Exception.Message.LastIndexOf('"')];
        Assert.StartsWith("invalid_blocks detail: x", said, StringComparison.Ordinal);
        Assert.EndsWith("…", said, StringComparison.Ordinal);
        Assert.InRange(said.Length, 150, 200);
        Assert.DoesNotContain(verboseError.Exception.Message, char.IsControl);
    }

    [Theory]
    [InlineData("hooks.slack.com/services/T000/B000/XXXSECRET", "'hooks.slack.com/***' is not an absolute http or https URL")]
    [InlineData("ftp://hooks.example/T000/XXXSECRET", "'ftp://hooks.example/***' is not an absolute http or https URL")]
    public void AWebhookThatIsNotAnHttpUrl_IsAParameterError_SuggestingHttps(string webhook, string says)
    {
        var (errors, _, _, all) = EveryStream.Run("Test-SiteStatus $url | Send-SiteStatusAlert $webhook", ("url", Down), ("webhook", webhook));

        var error = Assert.Single(errors);
        Assert.Equal("InvalidWebhookUri,SiteStatus.Commands.SendSiteStatusAlertCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(says, error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("https://", error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("XXXSECRET", all, StringComparison.Ordinal);
        Assert.DoesNotContain("T000", all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:99999/services/T000/XXXSECRET", "'http://127.0.0.1:99999/***' is not a URL")]
    [InlineData("http://[::1/services/T000/XXXSECRET", "'http://[::1/***' is not a URL")]
    [InlineData("https://hooks slack.com/services/T000/XXXSECRET", "'https://hooks slack.com/***' is not a URL")]
    public void AWebhookThatIsNoUriAtAll_IsAParameterError_ThatShowsNoSecret(string webhook, string says)
    {
        var (errors, _, _, all) = EveryStream.Run("Test-SiteStatus $url | Send-SiteStatusAlert $webhook", ("url", Down), ("webhook", webhook));

        var error = Assert.Single(errors);
        Assert.StartsWith("ParameterArgumentTransformationError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains(says, error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("XXXSECRET", all + error.Exception + error.TargetObject, StringComparison.Ordinal);
        Assert.DoesNotContain("T000", all, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSender_TellsDelivered_NotDelivered_AndUnknownApart()
    {
        using var closed = new ClosedPort();
        using var client = SiteProbe.CreateClient(new ProbeOptions());
        var sender = new WebhookSender(client, "test", TimeSpan.FromSeconds(1), maximumRetryCount: 0);
        WebhookResult Post(string webhook) => sender.PostAsync(new Uri(webhook), "{}", _ => { }, CancellationToken.None).GetAwaiter().GetResult();

        Assert.Equal((Delivery.Delivered, 1), (Post(Receiver("").Webhook).Delivery, Post(Receiver("").Webhook).Attempts));
        Assert.Equal(Delivery.NotDelivered, Post(Receiver("fail=1&code=400").Webhook).Delivery);
        Assert.Equal(Delivery.NotDelivered, Post(Receiver("fail=1&code=503").Webhook).Delivery);
        Assert.Equal(Delivery.NotDelivered, Post(new Uri(closed.Uri, "/hook").AbsoluteUri).Delivery);
        Assert.Equal(Delivery.Unknown, Post(Receiver("delayMs=3000").Webhook).Delivery);
    }
}
