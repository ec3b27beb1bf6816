using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Checking;

namespace SiteStatus.Export;

/// <summary>Whether a webhook took a message: what a caller records, and whether to try again another time.</summary>
internal enum Delivery
{
    /// <summary>The webhook answered 2xx.</summary>
    Delivered,

    /// <summary>Certainly not taken: it never left (no name, no connection, no TLS), or the webhook answered an error.</summary>
    NotDelivered,

    /// <summary>Sent, but no answer came (a timeout, a connection closed): it may have arrived.</summary>
    Unknown,
}

/// <summary>What came of posting one message, in how many attempts, and when it was not delivered, why, in a sentence.</summary>
internal sealed record WebhookResult(Delivery Delivery, int Attempts, string? Problem);

/// <summary>What an attempt that failed leaves to say: that another follows (-Verbose), and the runtime's own words (-Debug).</summary>
internal readonly record struct AttemptNote(string? Verbose, string? Debug);

/// <summary>
/// Posts one JSON message to a webhook, posting again only when it certainly did not arrive (no name, refused, no TLS,
/// no connection in time) or the webhook asks for it (408, 429, 5xx), with backoff or its Retry-After, within a bound.
/// A post that may have arrived (no answer in time, the connection closed after it was sent) is never repeated, so a slow
/// receiver gets one message, not four. Every text shows the webhook masked and keeps its secret out of foreign words.
/// </summary>
internal sealed class WebhookSender(HttpClient client, string userAgent, TimeSpan timeout, int maximumRetryCount)
{
    /// <summary>The longest wait between attempts, whatever Retry-After asks.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    /// <summary>What of an error answer's body is read, and how much of it an error shows.</summary>
    private const int AnswerBytesRead = 4096;

    private const int AnswerShown = 200;

    /// <summary>Posts <paramref name="json"/>; <paramref name="note"/> hears of each failed attempt, on the thread pool.</summary>
    public async Task<WebhookResult> PostAsync(Uri webhook, string json, Action<AttemptNote> note, CancellationToken stopping)
    {
        var masked = new MaskedWebhook(webhook);
        var body = Encoding.UTF8.GetBytes(json);
        var random = new Random();
        for (var attempt = 1; ; attempt++)
        {
            var tried = await AttemptAsync(webhook, masked, body, stopping).ConfigureAwait(false);
            if (tried.Delivery == Delivery.Delivered)
            {
                return new WebhookResult(Delivery.Delivered, attempt, null);
            }

            var again = tried.Retry && attempt <= maximumRetryCount;
            var wait = tried.RetryAfter ?? RetryPolicy.Backoff(TimeSpan.FromSeconds(1), attempt, random);
            wait = wait < LongestWait ? wait : LongestWait;
            var verbose = again
                ? string.Format(CultureInfo.InvariantCulture, "Attempt {0}: the webhook {1} {2}; posting again in {3:0.#} s.", attempt, masked.Shown, tried.Problem, wait.TotalSeconds)
                : null;
            if (verbose is not null || tried.Debug is not null)
            {
                note(new AttemptNote(verbose, tried.Debug));
            }

            if (!again)
            {
                return new WebhookResult(tried.Delivery, attempt, Sentence(masked, tried, attempt));
            }

            await Task.Delay(wait, stopping).ConfigureAwait(false);
        }
    }

    private static string Sentence(MaskedWebhook masked, Attempt tried, int attempts)
    {
        var text = new StringBuilder("The webhook ").Append(masked.Shown).Append(' ').Append(tried.Problem)
            .Append(attempts == 1 ? " (1 attempt)" : string.Format(CultureInfo.InvariantCulture, " ({0} attempts)", attempts));
        if (tried.Said is { } said)
        {
            text.Append(", saying \"").Append(said).Append('"');
        }

        if (tried.Delivery == Delivery.Unknown)
        {
            text.Append("; the alert was not posted again because it may have arrived");
        }

        return text.Append('.').ToString();
    }

    private async Task<Attempt> AttemptAsync(Uri webhook, MaskedWebhook masked, byte[] body, CancellationToken stopping)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        waiting.CancelAfter(timeout);
        var content = new PostedContent(body);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = content };
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, waiting.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (code is >= 200 and <= 299)
            {
                return new Attempt(Delivery.Delivered, string.Empty);
            }

            var answered = string.Format(CultureInfo.InvariantCulture, "answered {0} {1}", code, masked.Redact(StatusText.Reason(response.ReasonPhrase, code)));
            return new Attempt(Delivery.NotDelivered, answered, Retry: code is 408 or 429 or >= 500)
            {
                RetryAfter = RetryPolicy.RetryAfter(response, DateTimeOffset.UtcNow),
                Said = await SaidAsync(response, masked, waiting.Token, stopping).ConfigureAwait(false),
            };
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return content.Started
                ? new Attempt(Delivery.Unknown, $"did not answer within {seconds} s")
                : new Attempt(Delivery.NotDelivered, $"could not be reached within {seconds} s", Retry: true);
        }
        catch (HttpRequestException e)
        {
            // Built on the masked URI, so any URL in the reason is masked; the runtime's words in it are redacted.
            var (kind, reason) = FailureClassifier.Classify(e, masked.AsUri);
            var words = Lower(masked.Redact(reason).TrimEnd('.', ' '));
            var debug = masked.Redact($"{masked.Shown}: {string.Join(" <- ", Chain(e))}");
            return content.Started && kind is not (FailureKind.NameResolution or FailureKind.ConnectionRefused or FailureKind.Tls)
                ? new Attempt(Delivery.Unknown, $"gave no complete answer: {words}") { Debug = debug }
                : new Attempt(Delivery.NotDelivered, $"could not be reached: {words}", Retry: true) { Debug = debug };
        }
    }

    /// <summary>The start of an error answer's body on one line, its secret redacted; null when there is none to show.</summary>
    private static async Task<string?> SaidAsync(HttpResponseMessage response, MaskedWebhook masked, CancellationToken waiting, CancellationToken stopping)
    {
        BodyStart start;
        try
        {
            start = await ResponseBody.ReadStartAsync(response, AnswerBytesRead, waiting).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or UndecodableBodyException
            || (e is OperationCanceledException && !stopping.IsCancellationRequested))
        {
            return null;
        }

        // A body cut short may end in part of a secret, too little to match: its last word goes.
        var text = start.Complete ? start.Text : start.Text.Substring(0, LastWordStart(start.Text));
        var line = new StringBuilder();
        foreach (var c in masked.Redact(text))
        {
            var blank = char.IsControl(c) || char.IsWhiteSpace(c);
            if (!blank)
            {
                line.Append(c);
            }
            else if (line.Length > 0 && line[line.Length - 1] != ' ')
            {
                line.Append(' ');
            }
        }

        var said = Clip.End(line.ToString().TrimEnd(' ', '.'), AnswerShown);
        return said.Length == 0 ? null : said;
    }

    private static int LastWordStart(string text)
    {
        var end = text.Length;
        while (end > 0 && !char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    private static string Lower(string reason) =>
        reason.Length > 1 && char.IsUpper(reason[0]) && !char.IsUpper(reason[1])
            ? char.ToLowerInvariant(reason[0]) + reason.Substring(1)
            : reason;

    private static IEnumerable<string> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return $"{e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>One attempt's end: whether it arrived, what happened in words, and whether posting again is safe and worth it.</summary>
    private sealed record Attempt(Delivery Delivery, string Problem, bool Retry = false)
    {
        public TimeSpan? RetryAfter { get; init; }

        public string? Said { get; init; }

        public string? Debug { get; init; }
    }

    /// <summary>A JSON body that notes when the handler begins to send it: before that, the request cannot have arrived.</summary>
    private sealed class PostedContent : HttpContent
    {
        private readonly byte[] _body;
        private int _started;

        public PostedContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        public bool Started => Volatile.Read(ref _started) == 1;

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            Volatile.Write(ref _started, 1);
            return stream.WriteAsync(_body, 0, _body.Length);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
