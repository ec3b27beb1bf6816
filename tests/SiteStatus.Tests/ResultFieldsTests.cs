using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Threading.Tasks;
using SiteStatus.Checking;
using SiteStatus.Commands;
using SiteStatus.Locations;
using SiteStatus.Export;
using SiteStatus.TestServer;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>JSON Lines, byte for byte: what log shippers and jq scripts read must not move.</summary>
public sealed class JsonLinesGoldenTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The metrics' records, and what they lack: conditions, warnings, a certificate that failed validation, a report with no certificate, an offset that is not UTC.</summary>
    private static IEnumerable<ProbeRecord> Records() => MetricsGoldenTests.Fixed().Concat(
    [
        new() { Uri = "https://api.example/health", Location = "eu-west", Status = "Down", StatusCode = 200, Failure = "ConditionFailed", Reason = "'status == UP' did not hold (and 1 more of 2).", ResponseTimeMs = 12.5,
            FinalUri = "https://api.example/health", Timestamp = new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.FromHours(1)).AddTicks(1234567), Attempts = 1, Method = "GET",
            Conditions = [new() { Condition = "status == UP", Observed = "DOWN" }, new() { Condition = "ResponseTimeMs <= 300", Passed = true, Observed = "13 ms" }],
            ConfirmedStatus = "Down", PreviousStatus = "Up", Changed = true, Since = At, ConsecutiveFailures = 1, ConsecutiveSuccesses = 0, Reminder = true, Maintenance = true,
            IsReport = true, ConnectMs = 0.5, TlsMs = 3.25, FirstByteMs = 10, TotalMs = 12.5, RedirectCount = 0, HttpVersion = "2", ContentLength = 10L << 30, ContentType = "application/json", Server = "nginx", RemoteAddress = "::1",
            Certificate = new CertificateRecord { Subject = "CN=api.example", Issuer = "CN=api.example", NotBefore = At.AddDays(-1), NotAfter = At.AddDays(5), DaysUntilExpiry = 5, ChainStatus = ["UntrustedRoot", "NameMismatch"] },
            Warnings = ["The certificate expires in 5 days (2026-12-01).", "Answered in 13 ms, slower than 1 ms."],
            Domain = "api.example", DomainReason = "the RDAP server https://rdap.example/ has no record of api.example (404)" },
        new() { Uri = "http://plain.example/", Status = "Degraded", StatusCode = 200, Failure = "None", Reason = "OK", ResponseTimeMs = 900, FinalUri = "http://plain.example/", Timestamp = At, Attempts = 1, Method = "HEAD",
            IsReport = true, TotalMs = 900, RedirectCount = 0, Warnings = ["Answered in 900 ms, slower than 500 ms."], Domain = "plain.example", DomainExpires = At.AddDays(400.5), DomainDaysLeft = 400 },
    ]);

    [Fact]
    public void JsonLines_MatchTheGoldenFile()
    {
        var lines = string.Concat(Records().Select(r => JsonLines.Write(r) + "\n"));

        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "results.jsonl")), lines);
    }
}

/// <summary>A result and a report with every property filled, made once against the loopback test site, in every form a result travels in.</summary>
public sealed class RichResultsFixture : IAsyncLifetime
{
    public const string Location = "eu-west";

    private TestSite? _site;

    /// <summary>Test-SiteStatus over https: a redirect, a retry, a passing and a failing condition, state that reminds, each address of localhost.</summary>
    public RichForms Result { get; private set; } = null!;

    /// <summary>Get-SiteStatusReport: the same, with its timings (a name resolved), the certificate, a warning, and a confirmed change.</summary>
    public RichForms Report { get; private set; } = null!;

    /// <summary>A result in maintenance: the one field no result that alerts (Changed, Reminder) can fill.</summary>
    public RichForms InMaintenance { get; private set; } = null!;

    /// <summary>A report whose domain's expiry is known (the main report's host, localhost, has no domain, and says why).</summary>
    public RichForms DomainReport { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync();
        var folder = Directory.CreateTempSubdirectory("sitestatus-fields-");
        try
        {
            // localhost, not 127.0.0.1, so there is a name to resolve (DnsMs); the retry comes from a first 502.
            var https = new UriBuilder(_site.Https) { Host = "localhost" }.Uri;
            string Flaky() => new Uri(https, $"/redirect-to?url={Uri.EscapeDataString($"/flaky/{Guid.NewGuid()}?fail=2&code=502")}").AbsoluteUri;
            var (output, errors) = PowerShellHost.Run(
                """
                $rich = @{ SkipCertificateCheck = $true; StatePath = $state; Location = $location; MaximumRetryCount = 1; RetryIntervalSec = 0; MaximumResponseTimeMs = 60000; MinimumCertificateDays = 36500; FailureThreshold = 1 }
                # First runs, each with one 502: the result's URL is confirmed Down, the report's is known and still Up.
                $null = Test-SiteStatus $resultUrl -StatePath $state -FailureThreshold 1 -SkipCertificateCheck 3>$null
                $null = Get-SiteStatusReport $reportUrl -StatePath $state -FailureThreshold 3 -SkipCertificateCheck 3>$null
                # The result's last alert long ago, so this run reminds of it.
                (Get-Content $state -Raw) -replace '"lastAlert": *"[^"]*"', '"lastAlert": "2000-01-01T00:00:00.0000000+00:00"' | Set-Content $state
                Test-SiteStatus $resultUrl @rich -ReminderIntervalMin 1 -AllAddresses 3>$null
                Get-SiteStatusReport $reportUrl @rich -CertificateExpiryWarningDays 36500 -DomainExpiryWarningDays 36500 3>$null
                # In maintenance all day, which no check that alerts can be: its check counts for nothing in the state.
                Test-SiteStatus $resultUrl @rich -MaintenanceWindow 'Daily 00:00 24h' 3>$null
                # Through the test site as proxy, so no name is resolved; its RDAP route is the registry.
                Get-SiteStatusReport http://shop.example.com.br/ok -Proxy $proxy -RdapServer $rdap -DomainExpiryWarningDays 36500
                """,
                ("resultUrl", Flaky()), ("reportUrl", Flaky()), ("state", Path.Combine(folder.FullName, "state.json")), ("location", Location),
                ("proxy", _site.Http), ("rdap", new Uri(_site.Http, "/rdap/expires/2031-05-06T07:08:09Z/").AbsoluteUri));
            Assert.Empty(errors);
            Result = Forms(Assert.IsType<SiteStatusResult>(output[0].BaseObject), folder);
            Report = Forms(Assert.IsType<SiteStatusReport>(output[1].BaseObject), folder);
            InMaintenance = Forms(Assert.IsType<SiteStatusResult>(output[2].BaseObject), folder);
            DomainReport = Forms(Assert.IsType<SiteStatusReport>(output[3].BaseObject), folder);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public async Task DisposeAsync() => await _site!.DisposeAsync();

    // What a user does with a result: a JSON line read back, a CSV file read back, the Deserialized copy of a job.
    private static RichForms Forms(SiteStatusResult live, DirectoryInfo folder)
    {
        var (output, errors) = PowerShellHost.Run(
            """
            Update-TypeData -PrependPath $types
            $live | Export-Csv -Path $csv
            [pscustomobject]@{
                Parsed = $live | ConvertTo-SiteStatusJsonLine | ConvertFrom-Json
                Csv = Import-Csv -Path $csv
                Deserialized = [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize($live))
            }
            """,
            ("live", live), ("types", Path.Combine(Repository.Root(), "SiteStatus.types.ps1xml")), ("csv", Path.Combine(folder.FullName, $"{live.GetType().Name}.csv")));
        Assert.Empty(errors);
        var forms = Assert.Single(output).Properties;
        return new RichForms(live, (PSObject)forms["Parsed"].Value, (PSObject)forms["Csv"].Value, (PSObject)forms["Deserialized"].Value);
    }
}

/// <summary>One live result and its copies.</summary>
public sealed record RichForms(SiteStatusResult Live, PSObject Parsed, PSObject Csv, PSObject Deserialized)
{
    /// <inheritdoc/>
    public override string ToString() => Live.GetType().Name;
}

/// <summary>
/// Every public property of a result and a report survives each form a result travels in: packed across a session,
/// a JSON line read back with ConvertFrom-Json, Export-Csv and Import-Csv (as text), and the Deserialized form of jobs
/// and remoting. What a form cannot hold, or holds only in part, is listed with why. A new property is in no list, so
/// these fail until <see cref="ResultFields"/> carries it or it is listed here.
/// </summary>
public sealed class ResultFieldsTests(RichResultsFixture rich) : IClassFixture<RichResultsFixture>
{
    private const string NoState = "a location's results carry no state: -StatePath cannot be used with -Session";
    private const string NotPacked = "reports are not packed: a location sends them as objects, which arrive Deserialized";

    private static readonly Dictionary<(Form Form, string Property), string> NotHeld = new()
    {
        [(Form.Packed, "PreviousStatus")] = NoState,
        [(Form.Packed, "ConfirmedStatus")] = NoState,
        [(Form.Packed, "Changed")] = NoState,
        [(Form.Packed, "Since")] = NoState,
        [(Form.Packed, "ConsecutiveFailures")] = NoState,
        [(Form.Packed, "ConsecutiveSuccesses")] = NoState,
        [(Form.Packed, "Reminder")] = NoState,
        [(Form.Packed, "RemoteAddress")] = NotPacked,
        [(Form.Packed, "Server")] = NotPacked,
        [(Form.Packed, "ContentType")] = NotPacked,
        [(Form.Packed, "ContentLength")] = NotPacked,
        [(Form.Packed, "Timing")] = NotPacked,
        [(Form.Packed, "Redirects")] = NotPacked,
        [(Form.Packed, "Certificate")] = NotPacked,
        [(Form.Packed, "TlsVersion")] = NotPacked,
        [(Form.Packed, "Warnings")] = NotPacked,
        [(Form.Packed, "Domain")] = NotPacked,
        [(Form.Packed, "DomainExpires")] = NotPacked,
        [(Form.Packed, "DomainDaysLeft")] = NotPacked,
        [(Form.Packed, "DomainReason")] = NotPacked,
    };

    // Held in part: compared as what the form keeps of them.
    private static readonly Dictionary<(Form Form, string Property), (string Why, Func<object?, object?> As)> HeldAs = new()
    {
        [(Form.JsonLines, "Redirects")] = ("JSON Lines gives the number of redirects, as the metrics do", Hops),
        [(Form.Csv, "Timestamp")] = ("Export-Csv writes a time as text, to the second", ToTheSecond),
        [(Form.Csv, "Since")] = ("Export-Csv writes a time as text, to the second", ToTheSecond),
        [(Form.Csv, "DomainExpires")] = ("Export-Csv writes a time as text, to the second", ToTheSecond),
    };

    private enum Form
    {
        Packed,
        JsonLines,
        Csv,
        Deserialized,
    }

    private IEnumerable<RichForms> Samples => [rich.Result, rich.Report, rich.InMaintenance, rich.DomainReport];

    [Fact]
    public void EveryPublicProperty_HasAResultField()
    {
        var fields = ResultFields.All.Select(f => f.Name).ToHashSet();

        var missing = Properties(typeof(SiteStatusReport)).Select(p => p.Name).Where(name => !fields.Contains(name)).ToList();

        Assert.Empty(missing);
        Assert.Equal(ResultFields.All.Count, fields.Count);
    }

    [Fact]
    public void TheRichResults_HaveEveryPropertyFilled_SoThatALostOneShows()
    {
        var empty = Properties(typeof(SiteStatusReport))
            .Where(p => Samples.Where(forms => p.DeclaringType!.IsInstanceOfType(forms.Live)).All(forms => IsEmpty(p.GetValue(forms.Live))))
            .Select(p => p.Name)
            .ToList();

        Assert.Empty(empty);
    }

    [Fact]
    public void TheLists_NameRealProperties()
    {
        var names = Properties(typeof(SiteStatusReport)).Select(p => p.Name).ToHashSet();

        var unknown = NotHeld.Keys.Concat(HeldAs.Keys).Select(k => k.Property).Where(name => !names.Contains(name)).ToList();

        Assert.Empty(unknown);
    }

    [Fact]
    public void Packed_AsALocationSendsResults_EveryPropertySurvives()
    {
        var live = rich.Result.Live;
        var target = SiteTarget.Parse(live.Uri, allowCredential: false, out _)!;

        var check = Assert.Single(PackedOutcomes.Unpack(PackedOutcomes.Pack([(live, false)])));
        var rebuilt = new SiteStatusResult(check.For(target, RichResultsFixture.Location), null);

        Assert.Empty(Differences(Form.Packed, live, rebuilt));
    }

    [Fact]
    public void JsonLines_ReadBackWithConvertFromJson_EveryPropertySurvives_AndReadsAsTheSameRecord()
    {
        Assert.All(Samples, forms =>
        {
            Assert.Empty(Differences(Form.JsonLines, forms.Live, forms.Parsed));
            Assert.Empty(SameRecord(forms.Live, forms.Parsed));
        });
    }

    [Fact]
    public void Csv_ReadBackWithImportCsv_EveryScalarPropertySurvives_AndTheOthersAreTheirText()
    {
        Assert.All(Samples, forms => Assert.Empty(Differences(Form.Csv, forms.Live, forms.Csv)));
    }

    [Fact]
    public void Deserialized_AsJobsAndRemotingGiveThem_EveryPropertySurvives_AndReadsAsTheSameRecord()
    {
        Assert.All(Samples, forms =>
        {
            Assert.Empty(Differences(Form.Deserialized, forms.Live, forms.Deserialized));
            Assert.Empty(SameRecord(forms.Live, forms.Deserialized));
        });
    }

    [Fact]
    public void AContentLengthOver2GiB_GoesIntoTheExports()
    {
        using var huge = RawListener.HugeBody();

        var (output, errors) = PowerShellHost.Run("$report = Get-SiteStatusReport $url; $report | ConvertTo-SiteStatusJsonLine; $report | ConvertTo-SiteStatusMetric", ("url", huge.Uri.AbsoluteUri));

        Assert.Empty(errors);
        Assert.Contains($"\"ContentLength\":{RawListener.HugeBodyLength},", (string)output[0].BaseObject, StringComparison.Ordinal);
        Assert.Contains($"probe_http_content_length{{target=\"{huge.Uri.AbsoluteUri}\"}} {RawListener.HugeBodyLength}\n", (string)output[1].BaseObject, StringComparison.Ordinal);
    }

    private static PropertyInfo[] Properties(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance);

    /// <summary>Each public property of <paramref name="live"/> against the same property of its copy, as the form holds it.</summary>
    private static List<string> Differences(Form form, SiteStatusResult live, object copy)
    {
        var differences = new List<string>();
        foreach (var property in Properties(live.GetType()))
        {
            var key = (form, property.Name);
            var theirs = PSObject.AsPSObject(copy).Properties[property.Name]?.Value;
            if (NotHeld.ContainsKey(key))
            {
                continue;
            }

            if (HeldAs.TryGetValue(key, out var part))
            {
                Compare(part.As(property.GetValue(live)), part.As(theirs), $"{form} {property.Name}", differences);
            }
            else if (form == Form.Csv && !IsScalar(property.PropertyType))
            {
                // A CSV cell holds an object as its text.
                Compare(property.GetValue(live)?.ToString(), theirs, $"{form} {property.Name}", differences);
            }
            else
            {
                Compare(property.GetValue(live), theirs, $"{form} {property.Name}", differences);
            }
        }

        return differences;
    }

    /// <summary>The exports read the copy as they read the live result: piped back into them, it gives the same record.</summary>
    private static List<string> SameRecord(SiteStatusResult live, PSObject copy)
    {
        var differences = new List<string>();
        Compare(ResultReader.Read(PSObject.AsPSObject(live)), ResultReader.Read(copy), "record", differences);
        return differences;
    }

    /// <summary>
    /// A value against its copy, converted as a user would read it (a name to its enum, text to its number, a property
    /// bag to its DateTimeOffset); lists item by item, objects property by property.
    /// </summary>
    private static void Compare(object? expected, object? actual, string path, List<string> differences)
    {
        expected = Unwrap(expected);
        actual = Unwrap(actual);
        switch (expected)
        {
            case null:
                if (actual is not (null or ""))
                {
                    differences.Add($"{path}: expected null, got '{actual}'");
                }

                break;
            case var scalar when IsScalar(scalar.GetType()):
                if (!Equals(scalar, Converted(actual, scalar.GetType())))
                {
                    differences.Add($"{path}: expected '{scalar}', got '{actual ?? "null"}'");
                }

                break;
            case IEnumerable items:
                var ours = items.Cast<object?>().ToList();
                var theirs = actual is IEnumerable other and not string ? other.Cast<object?>().ToList() : null;
                if (theirs?.Count != ours.Count)
                {
                    differences.Add($"{path}: expected {ours.Count} items, got '{actual ?? "null"}'");
                    break;
                }

                for (var i = 0; i < ours.Count; i++)
                {
                    Compare(ours[i], theirs[i], $"{path}[{i}]", differences);
                }

                break;
            default:
                if (actual is null)
                {
                    differences.Add($"{path}: expected an object, got null");
                    break;
                }

                foreach (var property in Properties(expected.GetType()))
                {
                    Compare(property.GetValue(expected), PSObject.AsPSObject(actual).Properties[property.Name]?.Value, $"{path}.{property.Name}", differences);
                }

                break;
        }
    }

    private static object? Converted(object? value, Type type)
    {
        try
        {
            return value switch
            {
                null => null,
                string text when type == typeof(bool) => bool.Parse(text),
                PSObject bag when type == typeof(DateTimeOffset) => new DateTimeOffset((long)bag.Properties["UtcTicks"].Value, TimeSpan.Zero).ToOffset((TimeSpan)bag.Properties["Offset"].Value),
                _ => LanguagePrimitives.ConvertTo(value, type, CultureInfo.InvariantCulture),
            };
        }
        catch (Exception e) when (e is PSInvalidCastException or FormatException or NullReferenceException)
        {
            return value;
        }
    }

    // A property bag (Deserialized, ConvertFrom-Json, Import-Csv) stays a PSObject, to be read by its properties.
    private static object? Unwrap(object? value) => value is PSObject { BaseObject: not PSCustomObject } wrapped ? wrapped.BaseObject : value;

    private static bool IsScalar(Type type)
    {
        var bare = Nullable.GetUnderlyingType(type) ?? type;
        return bare.IsPrimitive || bare.IsEnum || bare == typeof(string) || bare == typeof(DateTimeOffset) || bare == typeof(DateTime) || bare == typeof(TimeSpan) || bare == typeof(decimal);
    }

    private static bool IsEmpty(object? value) => value is null or false || (value is IEnumerable items and not string && !items.Cast<object?>().Any());

    // JSON Lines' Redirects: the requests of the chain less the one that answered.
    private static object? Hops(object? value) => Unwrap(value) switch
    {
        IEnumerable hops and not string => hops.Cast<object?>().Count() - 1L,
        var number => Converted(number, typeof(long)),
    };

    private static object? ToTheSecond(object? value) => Converted(Unwrap(value), typeof(DateTimeOffset)) is DateTimeOffset time
        ? new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero)
        : value;
}
