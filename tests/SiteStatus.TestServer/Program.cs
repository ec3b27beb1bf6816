using System;
using System.Linq;
using System.Text.Json;
using SiteStatus.TestServer;

// Started by the Pester tests and the benchmark: prints where it listens as one JSON line, then serves until stdin closes.
// With --dual-stack it also listens on ::1, on the same ports.
await using var site = await TestSite.StartAsync(dualStack: args.Contains("--dual-stack"));
Console.WriteLine(JsonSerializer.Serialize(new { http = site.Http.ToString(), https = site.Https.ToString(), http2 = site.Http2.ToString(), h2c = site.H2c.ToString() }));
await Console.In.ReadToEndAsync();
