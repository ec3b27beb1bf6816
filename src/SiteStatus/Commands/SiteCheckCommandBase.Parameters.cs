using System.Management.Automation;
using SiteStatus.Checking;
using SiteStatus.Checking.Settings;
using SiteStatus.Locations;

namespace SiteStatus.Commands;

/// <summary>The parameters both cmdlets share, and the probe options they make.</summary>
public abstract partial class SiteCheckCommandBase
{
    private const string UriSet = "Uri";
    private const string InputObjectSet = "InputObject";

    /// <summary>
    /// <para type="description">The URLs to check. A bare host or host/path (example.com/health) means https. Blank lines and lines that start with # are passed over.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = UriSet)]
    [Alias("Url", "Address")]
    [AllowNull]
    [AllowEmptyString]
    [AllowEmptyCollection]
    [NotSentToLocations]
    public string?[]? Uri { get; set; } = [];

    /// <summary>
    /// <para type="description">What the pipeline carries: URLs as text or [uri], arrays of them, or objects and hashtables with a Uri, Url or Address property or key (the rows of Import-Csv, ConvertFrom-Json or Import-PowerShellDataFile, the results of Test-SiteStatus). Each gets a result or an error record; null or an object with no URL is an InvalidUri error.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [AllowNull]
    [NotSentToLocations]
    public PSObject? InputObject { get; set; }

    /// <summary>
    /// <para type="description">Checks only part i of N of the input, as "i/N" (0/8 to 7/8), chosen by a stable hash of each URL's host, so that N jobs (a Kubernetes Indexed Job, a CI matrix) given 0/N to N-1/N check every input exactly once with no coordinator. All URLs of a host fall in the same part, so -ThrottleLimitPerHost holds across the jobs. An input that is not a URL is reported by one part only.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidatePartition]
    [NotSentToLocations]
    public string? Partition { get; set; }

    /// <summary>
    /// <para type="description">The most checks in flight at once. Input is read only as checks finish. Default 32.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int ThrottleLimit { get; set; } = 32;

    /// <summary>
    /// <para type="description">The most checks of one host in flight at once, on top of -ThrottleLimit, as browsers limit their connections per host; checks of other hosts go on meanwhile. Default 6.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int ThrottleLimitPerHost { get; set; } = 6;

    /// <summary>
    /// <para type="description">When the whole run must end, in seconds from its start. Checks still in flight then end as Timeout; inputs not yet checked come back with Status NotRun. Default: no limit.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, CheckSettings.MaximumTimeoutSec)]
    public int? TotalTimeoutSec { get; set; }

    /// <summary>
    /// <para type="description">How many redirects to follow. 0 reports the redirect itself. Default 10.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MaximumRedirection { get; set; } = CheckSettings.DefaultMaximumRedirection;

    /// <summary>
    /// <para type="description">The status codes that count as up: codes and ranges such as 200-299, 301 or '200-399,404'. Default 200-299.</para>
    /// </summary>
    [Parameter]
    [ValidateStatusCodes]
    public string[] ExpectedStatusCode { get; set; } = [CheckSettings.DefaultExpectedStatusCode];

    /// <summary>
    /// <para type="description">Get (the default; the body is not downloaded unless a content match needs it) or Head. A server that refuses HEAD (405, 501) is asked again with GET.</para>
    /// </summary>
    [Parameter]
    public CheckMethod Method { get; set; } = CheckMethod.Get;

    /// <summary>
    /// <para type="description">The HTTP version to ask for: 1.1 (the default), 2 or 3; each result's HttpVersion says which one the response came over. Over https, 2 lets the server choose by ALPN, so a server of HTTP/1.1 only still answers, over 1.1 (add -ValidHttpVersion 2 to require 2). Over http, 2 is spoken with prior knowledge (h2c, as curl --http2-prior-knowledge does): a server that does not speak HTTP/2 there is Down with Failure InvalidResponse. 3 is spoken directly over QUIC, with no fallback, so a server without HTTP/3 is Down; http URLs are asked over 1.1, as QUIC is always encrypted. HTTP/3 needs msquic: Windows 11 or Windows Server 2022 and later, or Linux with the libmsquic package; .NET has no QUIC on macOS. Where it is missing, 3 is a parameter error that says so. Windows PowerShell 5.1 speaks HTTP/1.1 only: 2 and 3 are a parameter error there.</para>
    /// </summary>
    [Parameter]
    [ValidateSet("1.1", "2", "3")]
    [ValidateRequestableHttpVersion]
    public string HttpVersion { get; set; } = CheckSettings.DefaultHttpVersion;

    /// <summary>
    /// <para type="description">How many times to retry a transient failure (timeout, reset, refused, 408, 429, 500, 502, 503, 504). A site up only after a retry is Flaky. Default 0.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, CheckSettings.MaximumRetryCountLimit)]
    public int MaximumRetryCount { get; set; }

    /// <summary>
    /// <para type="description">The first wait between attempts, in seconds, doubled at each retry with jitter; a Retry-After header takes its place. Default 1.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, CheckSettings.MaximumTimeoutSec)]
    public int RetryIntervalSec { get; set; } = CheckSettings.DefaultRetryIntervalSec;

    /// <summary>
    /// <para type="description">A regular expression the start of the body (-MaximumContentBytes, decompressed) must match; otherwise the site is Down with Failure ContentMismatch.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRegularExpression]
    public string? ContentMatch { get; set; }

    /// <summary>
    /// <para type="description">A regular expression the start of the body must not match (an error page's text, say).</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRegularExpression]
    public string? NotContentMatch { get; set; }

    /// <summary>
    /// <para type="description">Conditions on the body read as JSON, all of which must hold, such as 'status == UP', 'checks[0].state != failed', 'items.length &gt; 0' or 'version =~ ^2\.'. A condition is a path (names joined by dots, [n] for array items, .length for a size), one of == != &lt; &lt;= &gt; &gt;= =~, and a value (quoted, or the rest of the text; null, true and false unquoted are JSON's). A body that is not JSON, a missing path or a false condition is Failure ConditionFailed. See about_SiteStatus.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateJsonCondition]
    public string[]? JsonCondition { get; set; }

    /// <summary>
    /// <para type="description">Conditions on headers of the final answer, all of which must hold, such as 'Cache-Control =~ max-age', 'Content-Type == application/json' or 'Age &lt; 600': a header name, one of == != &lt; &lt;= &gt; &gt;= =~, and a value, as -JsonCondition has them. The value is text: =~ and == with text match it as it came; &lt;, &gt; and == with a number compare it as a number when it reads as one; several values of a header are joined with ", ". A missing header or a false condition is Failure ConditionFailed.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateHeaderCondition]
    public string[]? HeaderCondition { get; set; }

    /// <summary>
    /// <para type="description">The HTTP versions the final response may come over, as blackbox_exporter's valid_http_versions: 1.0, 1.1, 2 or 3 (HTTP/2.0 and 2.0 are read as 2). A response over another version fails the check with Failure ConditionFailed, and Reason names the version seen and those allowed. It checks, and does not ask: ask for a version with -HttpVersion.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateHttpVersion]
    public string[]? ValidHttpVersion { get; set; }

    /// <summary>
    /// <para type="description">A site that takes longer than this many milliseconds (the whole check) fails with Failure ConditionFailed. Default: no limit.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? MaximumResponseTimeMs { get; set; }

    /// <summary>
    /// <para type="description">A site whose certificate expires within this many days fails with Failure ConditionFailed. The check then sees the certificate on a connection of its own. Default: no limit.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, CheckSettings.MaximumCertificateDays)]
    public int? MinimumCertificateDays { get; set; }

    /// <summary>
    /// <para type="description">The most body bytes read for -ContentMatch, -NotContentMatch and -JsonCondition, counted after decompression. Default 1 MiB.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, CheckSettings.MaximumContentBytesLimit)]
    public int MaximumContentBytes { get; set; } = CheckSettings.DefaultMaximumContentBytes;

    /// <summary>
    /// <para type="description">Recurring maintenance windows of the sites, each '&lt;days&gt; &lt;HH:mm&gt; &lt;duration&gt; [&lt;time zone&gt;]': 'Sun 02:00 2h Europe/Berlin', 'Mon-Fri 23:30 1h30m UTC', 'Sat,Sun 22:00 8h America/New_York', 'Daily 03:00 45m'. Days are Mon to Sun (any case), a list (Sat,Sun), a range (Mon-Fri; Fri-Mon wraps) or Daily; the start a 24-hour time; the duration &lt;n&gt;h, &lt;n&gt;m or &lt;n&gt;h&lt;n&gt;m, more than 0 and at most 168h; the time zone an IANA id, UTC when left out (Windows PowerShell 5.1 knows Windows ids only, such as 'W. Europe Standard Time'). A window starts on each listed day at that wall-clock time in its zone and lasts the duration in elapsed time, across midnight and the week's end; a start the clocks skip (spring forward) begins at the first instant after the gap, and a start they repeat (fall back) at its first occurrence. A check that starts inside a window still runs and reports what it saw, with Maintenance $true; Send-SiteStatusAlert does not post it, and the metrics give no probe_failure_info for it. A sites file's MaintenanceWindow column (several windows separated by ';') replaces these for its row. A window that does not follow the syntax is a parameter error.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateMaintenanceWindow]
    public string[]? MaintenanceWindow { get; set; }

    /// <summary>
    /// <para type="description">Checks each URL at every address of its host: its A and AAAA records (of one family with -IPv4 or -IPv6), at most 16, all at once, each connecting to that address while the Host header and TLS's SNI keep the URL's host name. A redirect to the same host stays at that address; one to another host resolves it as usual. The result is Up when every address is up, Down when all failed, and Partial when some failed: down for the users sent to those addresses. Its Reason names each failed address and why; the result's Addresses list what each address gave (Address, Status, StatusCode, Failure, Reason, ResponseTimeMs, RemoteAddress), and the first failed address's answer gives the result's StatusCode and Failure. Partial counts as down: for -StatePath's thresholds, -Quiet, -Quorum, Send-SiteStatusAlert and probe_success, and the metrics add a series per address (an address label). A host that does not resolve is Down with Failure NameResolution and no Addresses; a URL with an IP address has that one address. Each address counts as a check of its host for -ThrottleLimitPerHost. A sites file's AllAddresses column (True or False) sets it per site. -CanaryUri is checked as usual. Cannot be used with -Proxy, which connects to the host itself; needs PowerShell 7.4 or later.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter AllAddresses { get; set; }

    /// <summary>
    /// <para type="description">Sends the user name and password of a URL (https://user:password@host/) as Basic authentication to that server, and to no other. Without it such a URL is refused. Either way the secret never appears in output, errors or messages.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter AllowCredentialInUri { get; set; }

    private ProbeOptions BuildOptions()
    {
#if !NET8_0_OR_GREATER
        if (AllAddresses)
        {
            ThrowParameterError("AllAddressesNotSupported", "-AllAddresses needs PowerShell 7.4 or later: Windows PowerShell 5.1 cannot connect to each address of a host.", null);
        }
#endif

        if (AllAddresses && Proxy is not null)
        {
            ThrowParameterError("AllAddressesWithProxy", "-AllAddresses cannot be used with -Proxy: the proxy connects to the host's address itself.", null);
        }

        var options = BuildConnection();
        options.Diagnose = Diagnose;
        options.ThrottleLimit = ThrottleLimit;
        options.ThrottleLimitPerHost = ThrottleLimitPerHost;
        return options;
    }

    /// <summary>
    /// How sites are judged unless a piped object says otherwise for its own site: every setting of the catalog that
    /// this command has, read from its parameter as a row's column is read.
    /// </summary>
    private CheckPolicy BuildPolicy()
    {
        var policy = CheckPolicy.Default;
        foreach (var setting in CheckSettings.All)
        {
            if (GetType().GetProperty(setting.Name)?.GetValue(this) is { } value)
            {
                // The catalog knows no PowerShell type: a switch is its boolean.
                policy = setting.Apply(policy, value is SwitchParameter flag ? flag.IsPresent : value);
            }
        }

        return policy;
    }
}
