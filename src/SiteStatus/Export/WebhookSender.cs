using System;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Checking;

namespace SiteStatus.Export;

/// <summary>
/// Posts one JSON message to a webhook, retrying what is worth it (429, 5xx, a broken connection, a timeout) with
/// backoff or the server's Retry-After, within a bound. Error text never shows the webhook's path or query: there the secret is.
/// </summary>
internal sealed class WebhookSender(HttpClient client, string userAgent, TimeSpan timeout, int maximumRetryCount)
{
    /// <summary>The longest wait between attempts, whatever Retry-After asks.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    /// <summary>A webhook as it may be shown: scheme and host only.</summary>
    public static string Mask(Uri webhook) => $"{webhook.Scheme}://{webhook.Authority}/***";

    /// <summary>Null when the message was taken; otherwise why not, in words.</summary>
    public async Task<string?> PostAsync(Uri webhook, string json, CancellationToken stopping)
    {
        var random = new Random();
        for (var attempt = 1; ; attempt++)
        {
            string problem;
            TimeSpan? retryAfter = null;
            var transient = true;
            using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping))
            {
                waiting.CancelAfter(timeout);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                    request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, waiting.Token).ConfigureAwait(false);
                    var code = (int)response.StatusCode;
                    if (code is >= 200 and <= 299)
                    {
                        return null;
                    }

                    problem = string.Format(CultureInfo.InvariantCulture, "answered {0} {1}", code, StatusText.Reason(response.ReasonPhrase, code));
                    transient = code is 408 or 429 or >= 500;
                    retryAfter = RetryPolicy.RetryAfter(response, DateTimeOffset.UtcNow);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    problem = string.Format(CultureInfo.InvariantCulture, "did not answer within {0:0.###} s", timeout.TotalSeconds);
                }
                catch (HttpRequestException e)
                {
                    problem = FailureClassifier.Classify(e, webhook).Reason.Replace(webhook.AbsoluteUri, Mask(webhook));
                }
            }

            if (!transient || attempt > maximumRetryCount)
            {
                var tries = attempt == 1 ? "1 attempt" : string.Format(CultureInfo.InvariantCulture, "{0} attempts", attempt);
                return $"The webhook {Mask(webhook)} {problem} ({tries}).";
            }

            var wait = retryAfter ?? RetryPolicy.Backoff(TimeSpan.FromSeconds(1), attempt, random);
            await Task.Delay(wait < LongestWait ? wait : LongestWait, stopping).ConfigureAwait(false);
        }
    }
}
