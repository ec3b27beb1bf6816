using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SiteStatus.Benchmarks;

/// <summary>
/// The practical limit on this machine: Parallel.ForEachAsync over one SocketsHttpHandler, headers only, nothing else.
/// Run as its own process (`bare FILE T`), like every other tool. Prints: answers, answers with 200.
/// </summary>
internal static class BareClient
{
    public static async Task<int> RunAsync(string urlFile, int throttle)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            MaxConnectionsPerServer = throttle,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        var answers = 0;
        var ok = 0;
        await Parallel.ForEachAsync(File.ReadLines(urlFile), new ParallelOptions { MaxDegreeOfParallelism = throttle }, async (url, token) =>
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, token);
            Interlocked.Increment(ref answers);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Interlocked.Increment(ref ok);
            }
        });
        Console.WriteLine($"{answers} {ok}");
        return 0;
    }
}
