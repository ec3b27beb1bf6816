# What the help says besides the parameters, and the only place each cmdlet's synopsis and description are written:
# build.ps1 -Task Help (tools/New-Help.ps1) turns this, the parameters' own documentation (XML comments in
# src/SiteStatus/Commands) and their metadata into docs/en-US/SiteStatus.dll-Help.xml.
@{
    'Test-SiteStatus'      = @{
        Synopsis    = 'Tests whether websites are up, many at once, and writes each result as its check finishes.'
        Description = @(
            'Test-SiteStatus checks each URL it is given, from the pipeline or as an argument, at most -ThrottleLimit at a time (and at most -ThrottleLimitPerHost per host), and writes a SiteStatus.SiteStatusResult for each as soon as its check finishes: not in input order, and not at the end.'
            'A check sends a GET (or HEAD with -Method Head) and reads the response headers; it follows redirects itself, refusing any that leave http and https, and is bounded by -TimeoutSec. The site is Up when the final status code is expected (200-299 by default; see -ExpectedStatusCode), Flaky when it is up only after a retry, Down otherwise, and NotRun when -TotalTimeoutSec passed before it was checked; with -AllAddresses, Partial when some addresses of its host failed. Failure says why a site is not up; Reason says it in words.'
            'A down site is a result, not an error. Input that is not an http or https URL is a non-terminating error (ErrorId InvalidUri, or CredentialInUri for a URL with a password) with the input as its target object; the other inputs are still checked. Every input comes back exactly once.'
            'Ctrl+C and Select-Object -First end the command at once and cancel the checks in flight.'
        )
        Examples    = @(
            @{ Code = 'Get-Content ./urls.txt | Test-SiteStatus'; Remarks = 'Checks every URL in a file, one per line. Blank lines and lines starting with # are passed over; a bare host such as example.com means https://example.com/.' }
            @{ Code = 'Import-Csv ./sites.csv | Test-SiteStatus -ThrottleLimit 64 -TimeoutSec 5'; Remarks = 'Checks the Url column of a CSV file (the column may also be called Uri or Address), 64 at a time, giving each check 5 seconds.' }
            @{ Code = "if (-not (Test-SiteStatus https://example.com -Quiet)) { Write-Warning 'example.com is down' }"; Remarks = 'Uses -Quiet in a condition: it writes $true when the site is up, $false when it is not.' }
            @{ Code = 'Get-Content ./urls.txt | Test-SiteStatus | Export-Csv ./status.csv'; Remarks = 'Stores the results in a CSV file with one plain column per property.' }
            @{ Code = @"
Describe 'Production sites' {
    It '<_> is up' -ForEach (Get-Content ./urls.txt) {
        (Test-SiteStatus `$_).Status | Should -Be 'Up'
    }
}
"@; Remarks = 'Asserts in a Pester test that each site is up. examples/sites.Tests.ps1 in the repository is a complete version, with a fast path that checks all sites in one call.' }
            @{ Code = @"
`$down = Get-Content ./urls.txt | Test-SiteStatus -MaximumRetryCount 2 | Where-Object Status -ne 'Up'
if (`$down) { `$down | Format-Table; exit 1 }
"@; Remarks = 'Gates a CI job: retries transient failures twice, then fails the job if any site is not up.' }
            @{ Code = "Test-SiteStatus https://example.com/health -ContentMatch '`"status`":\s*`"ok`"' -ExpectedStatusCode '200-299,304'"; Remarks = 'Counts the site as up only if the start of its body matches the pattern and the status code is 2xx or 304.' }
            @{ Code = "Test-SiteStatus https://api.example.com/health -JsonCondition 'status == UP', 'checks.length > 0' -MaximumResponseTimeMs 300"; Remarks = 'Counts the API as up only if its JSON body says status UP and lists at least one check, and it answered within 300 ms; otherwise Failure is ConditionFailed and Reason names the condition and the value found.' }
            @{ Code = 'Import-Csv ./sites.csv | Test-SiteStatus'; Remarks = 'Sites as data: each row may carry its own ExpectedStatusCode, Method, TimeoutSec, JsonCondition and other per-check settings in columns named as the parameters; a value in a row wins over the command line for that site only, and an empty cell means not set. See about_SiteStatus.' }
            @{ Code = 'Get-SiteMapUrl https://example.com | Test-SiteStatus'; Remarks = 'Checks every page the site lists in its sitemaps.' }
            @{ Code = 'Test-SiteStatus https://example.com -HttpVersion 2 -ValidHttpVersion 2'; Remarks = 'Asks for HTTP/2 and fails the check (ConditionFailed) when the site answers over another version; each result''s HttpVersion says which version its response came over. See about_SiteStatus (HTTP VERSIONS) for plain http (h2c) and HTTP/3.' }
            @{ Code = 'Get-Content ./urls.txt | Test-SiteStatus -MinimumDomainDays 30 -StatePath ./state.json'; Remarks = 'Fails each site whose domain registration expires within 30 days, as its registry''s RDAP server says. Sites of one domain ask once; the answers are kept beside the state file (state.domains.json) and asked again after 240 h, or 24 h once fewer than 30 days remain. A domain whose expiry is not known passes, and its Conditions say why.' }
            @{ Code = "Import-Csv ./sites.csv | Test-SiteStatus -MaintenanceWindow 'Sun 02:00 2h Europe/Berlin' | Where-Object Status -eq Down | Send-SiteStatusAlert `$env:TEAMS_WEBHOOK -Format TeamsWorkflow"; Remarks = 'Every site has a maintenance window on Sundays from 02:00 to 04:00, Berlin time; a row''s MaintenanceWindow column (windows separated by ;) replaces it for that row. A check in a window still runs and says Maintenance $true; Send-SiteStatusAlert does not post it.' }
            @{ Code = 'Test-SiteStatus https://shop.example.com/ -AllAddresses | Format-List Status, Reason, Addresses'; Remarks = 'Checks the site at every address of its host (its A and AAAA records), each with the host name kept for Host and SNI. With one dead address among several it is Partial, and Reason names the address and why; Addresses lists what each address gave.' }
        )
        Notes       = @(
            'Caps: at most -ThrottleLimit checks in flight and as many results waiting, so memory stays flat whatever the input size; response headers are read up to 64 KiB; no response body is read except for -ContentMatch and -NotContentMatch (at most -MaximumContentBytes, decompressed) and for telling a bot challenge from the site (8 KiB, on 403, 429 and 503 only); redirects up to -MaximumRedirection.'
            'With retries a check takes at most (MaximumRetryCount + 1) x TimeoutSec, waits included: a Retry-After longer than that is not waited for.'
            'A URL with user:password@ is refused unless -AllowCredentialInUri; the password never appears in output, errors or messages. Credentials and the Authorization, Cookie and Proxy-Authorization headers go only to the server of each URL, never after a redirect to another host or port.'
            'Results that cross a process boundary (Start-Job, Invoke-Command) arrive as Deserialized.SiteStatus.SiteStatusResult, with Status and Failure as strings; the table view shows them the same way.'
            'Objects from the pipeline (CSV rows, JSON objects, hashtables) may carry their own settings: ExpectedStatusCode, Method, TimeoutSec, MaximumRedirection, MaximumRetryCount, RetryIntervalSec, ContentMatch, NotContentMatch, JsonCondition, MaximumContentBytes, Headers, UserAgent, MaximumResponseTimeMs, MinimumCertificateDays, MinimumDomainDays, RdapServer, MaintenanceWindow, HttpVersion, ValidHttpVersion, AllAddresses, CertificateExpiryWarningDays, DomainExpiryWarningDays and SlowThresholdMs. A value that cannot be used gives that input an error with ErrorId InvalidSiteSetting naming the setting; the others are still checked.'
            'See about_SiteStatus for the states and failure kinds and what to do about each, and for the grammar of -JsonCondition.'
        )
    }
    'Get-SiteStatusReport' = @{
        Synopsis    = 'Diagnoses websites, many at once: phase timings, the TLS certificate, the redirect chain; or, with -Summary, how the whole fleet fared.'
        Description = @(
            'Get-SiteStatusReport checks URLs as Test-SiteStatus does, with the same input and parameters, and writes a SiteStatus.SiteStatusReport for each as its check finishes. Besides the verdict, a report holds the address connected to, the HTTP version and Server, Content-Type and Content-Length headers of the final response, the time each phase took (Timing: DnsMs, ConnectMs, TlsMs, FirstByteMs, TotalMs, as curl -w names them), every request of the redirect chain with its status code, and the server certificate, filled even when it fails validation.'
            'Each check is made on fresh connections of its own, so its timings are its own. With redirects each phase is summed over every request of the chain, as curl and blackbox_exporter add them; a request that reused a connection adds nothing to ConnectMs and TlsMs. A phase that no request had (plain http, an IP address with no name to resolve) is null, not 0.'
            'A site that is up but has a warning (a certificate expiring within -CertificateExpiryWarningDays, a domain registration expiring within -DomainExpiryWarningDays, an answer slower than -SlowThresholdMs) is Degraded.'
            'With -DomainExpiryWarningDays or -MinimumDomainDays a report also carries Domain (the registrable domain asked of its registry), DomainExpires, DomainDaysLeft and, when the expiry is not known, DomainReason. Without them no registry is asked. See about_SiteStatus (DOMAIN EXPIRY).'
            'With -Summary the command writes, after all checks, one SiteStatus.SiteStatusSummary: counts by state, availability, response time statistics, the five slowest sites, the failures grouped by kind and the certificates expiring soon. With -Session it sums up the reports of every location, and its Locations property holds each location''s own summary (one row per location).'
        )
        Examples    = @(
            @{ Code = 'Get-Content ./urls.txt | Get-SiteStatusReport'; Remarks = 'Diagnoses every URL in a file and shows a compact table: status, code, total time, days until the certificate expires, and warnings or the reason for failure.' }
            @{ Code = 'Get-SiteStatusReport https://example.com | Format-List'; Remarks = 'Shows everything about one site: timings, the redirect chain, the certificate and the headers.' }
            @{ Code = 'Import-Csv ./sites.csv | Get-SiteStatusReport -Summary -SlowThresholdMs 500'; Remarks = 'Checks the Url column of a CSV file and writes one summary of the fleet, counting sites slower than 500 ms as Degraded.' }
            @{ Code = 'Get-Content ./urls.txt | Get-SiteStatusReport -CertificateExpiryWarningDays 30 | Where-Object { $_.Certificate.DaysUntilExpiry -lt 30 } | Select-Object Uri, @{ n = "Expires"; e = { $_.Certificate.NotAfter } }'; Remarks = 'Lists the sites whose certificate expires within 30 days.' }
            @{ Code = 'Get-Content ./urls.txt | Get-SiteStatusReport -DomainExpiryWarningDays 45 | Format-Table Uri, Domain, DomainDaysLeft, DomainReason'; Remarks = 'Lists how long each site''s domain has left, and why where it is not known; sites with fewer than 45 days are Degraded.' }
            @{ Code = 'Get-Content ./urls.txt | Test-SiteStatus | Where-Object Status -ne Up | Get-SiteStatusReport'; Remarks = 'Diagnoses only the sites Test-SiteStatus found not up: results piped in are checked again, by their Uri.' }
            @{ Code = @"
It 'keeps the fleet available' {
    `$summary = Get-Content ./urls.txt | Get-SiteStatusReport -Summary
    `$summary.AvailabilityPercent | Should -BeGreaterOrEqual 99
}
"@; Remarks = 'Asserts in a Pester test on the whole fleet at once.' }
        )
        Notes       = @(
            'On Windows PowerShell 5.1 (the netstandard2.0 build) the handler has no connection callback: Timing.DnsMs, ConnectMs and TlsMs and RemoteAddress are always null there. Everything else is filled.'
            'TlsMs runs from the TCP connection to the server certificate received and checked. FirstByteMs runs from the start of a request to its response headers, connection set-up included, summed over the redirects. TotalMs is the whole check, redirects and retries included.'
            'Caps: as Test-SiteStatus. A summary keeps counts, the response times of the sites that answered, and the reports it lists (the five slowest, the failures, the expiring certificates).'
            'See about_SiteStatus for the states and failure kinds and what to do about each.'
        )
    }
    'Get-SiteMapUrl'       = @{
        Synopsis    = 'Lists the pages of a site from its sitemaps, as they are read, so that every page can be checked.'
        Input       = 'Sitemap URLs, site roots or sitemap file paths, as text; or objects with a Uri, Url or Path property.'
        Description = @(
            'Get-SiteMapUrl reads a sitemap (a urlset of pages, or a sitemapindex of further sitemaps, each plain or gzip-compressed, as a .gz file or with Content-Encoding gzip) and writes a SiteStatus.SiteMapUrl for each page: its Url, its LastModified when the sitemap gives one, and the Sitemap that lists it. Given a site root (https://example.com/), it reads the Sitemap lines of the site''s robots.txt, or /sitemap.xml when there are none. Given a file path, it reads the file.'
            'Pages are written as they are read, so piped into Test-SiteStatus the first pages are checked while the rest of a large sitemap is still arriving; memory stays flat.'
            'Sitemaps are fetched with the same settings as the checks: -TimeoutSec (for the headers, and for each wait for more of the body), -Headers, -UserAgent, -Proxy, -Credential, -Certificate and -SkipCertificateCheck. Redirects between http and https are followed.'
            'A sitemap that cannot be fetched or read is a non-terminating error with ErrorId SitemapUnreadable and the sitemap as target; the pages read before the problem are kept, and the other sitemaps are still read. A path to a file that is not there (./typo.xml, sitemap.xml.gz, a path on a drive) is SitemapFileNotFound, naming the full path, with the input as target.'
        )
        Examples    = @(
            @{ Code = 'Get-SiteMapUrl https://example.com | Test-SiteStatus'; Remarks = 'Checks every page of the site: robots.txt names the sitemaps, or /sitemap.xml is read.' }
            @{ Code = 'Get-SiteMapUrl https://example.com/sitemap_index.xml | Where-Object LastModified -gt (Get-Date).AddDays(-7) | Test-SiteStatus'; Remarks = 'Checks only the pages changed in the last week.' }
            @{ Code = 'Get-SiteMapUrl ./public/sitemap.xml.gz | Select-Object -ExpandProperty Url | Set-Content ./urls.txt'; Remarks = 'Turns a sitemap file into a URL list.' }
            @{ Code = "Get-SiteMapUrl https://intranet.example -Headers @{ Authorization = 'Bearer ...' } -MaximumUrlCount 5000 | Get-SiteStatusReport -Summary"; Remarks = 'Reads a protected sitemap, at most 5000 pages, and summarises how the pages fared.' }
        )
        Notes       = @(
            'XML is read with no DTD and no resolver: a sitemap with a DOCTYPE is refused, so no entity can expand or fetch anything.'
            'Caps: -MaximumDepth levels of nested sitemap indexes (3), -MaximumSitemapCount sitemaps (1000), -MaximumUrlCount pages (1000000), and 64 MiB of each sitemap after decompression. A sitemap listed twice is read once.'
            'Only http and https sitemaps are fetched; a redirect to any other scheme is refused.'
        )
    }
    'ConvertTo-SiteStatusMetric' = @{
        Synopsis    = 'Turns results into Prometheus metrics under blackbox_exporter''s names, for its alert rules and dashboards.'
        Input       = 'Results of Test-SiteStatus or Get-SiteStatusReport, live or deserialized from Start-Job and Invoke-Command.'
        Description = @(
            'ConvertTo-SiteStatusMetric collects the results piped in and writes one string: the Prometheus text exposition format (or OpenMetrics with -Format OpenMetrics), with every family''s # HELP and # TYPE once, LF line ends, and one series per site and location (the last result wins).'
            'The names, types and labels are those of blackbox_exporter''s http prober wherever a result has the value: probe_success, probe_duration_seconds, probe_dns_lookup_time_seconds, probe_http_status_code, probe_http_redirects, probe_http_ssl, probe_http_version, probe_http_content_length, probe_http_duration_seconds{phase}, probe_ssl_earliest_cert_expiry, probe_ssl_last_chain_info, probe_tls_version_info and probe_failed_due_to_regex. Reports (Get-SiteStatusReport) carry the timings, the certificate and the TLS version; results (Test-SiteStatus) the verdict and the HTTP version (probe_http_version).'
            'Beyond blackbox: probe_failure_info{reason="<FailureKind>"} 1 says why a probe failed; probe_attempts and probe_flaky say whether it wavered; with -StatePath results, probe_confirmed_up and probe_status_since_timestamp_seconds carry the confirmed status.'
            'Every series has a target label, the URL as results show it (any password masked; blackbox_exporter''s name for what it probes), and a location label where results carry one. Not instance: Prometheus sets instance and job on every series it scrapes, to the exporter that served the file. Dashboards that select sites by instance need the scrape job''s metric_relabel_configs to copy target into instance (see about_SiteStatus).'
            'With -Backfill it writes every result, not only the last of each site and location, as OpenMetrics whose samples carry the check time (Timestamp) as their timestamp, each series'' samples together and in time order: what promtool tsdb create-blocks-from openmetrics reads to fill Prometheus with saved results (JSON Lines read back). A result without a Timestamp is the non-terminating error ResultWithoutTimestamp; -Format Prometheus with -Backfill is the parameter error BackfillNeedsOpenMetrics.'
        )
        Examples    = @(
            @{ Code = 'Get-Content ./urls.txt | Get-SiteStatusReport | ConvertTo-SiteStatusMetric'; Remarks = 'Writes the metrics of every site, timings and certificates included.' }
            @{ Code = 'Get-Content ./urls.txt | Test-SiteStatus -StatePath ./state.json | ConvertTo-SiteStatusMetric -Format OpenMetrics'; Remarks = 'Writes OpenMetrics text, with the confirmed status of each site from the state file.' }
            @{ Code = 'Invoke-Command -Session $s { Get-Content ./urls.txt | Test-SiteStatus } | ConvertTo-SiteStatusMetric'; Remarks = 'Works on results that come back from remoting or jobs, deserialized.' }
            @{ Code = '$metrics = $results | ConvertTo-SiteStatusMetric; [IO.File]::WriteAllText("$PWD/sites.prom", $metrics)'; Remarks = 'Keeps the text for a web endpoint or a push; to write a file for a textfile collector, use Export-SiteStatusMetric, which writes it atomically.' }
            @{ Code = 'Get-Content ./results.jsonl | ConvertFrom-Json | ConvertTo-SiteStatusMetric -Backfill | Set-Content ./backfill.om -NoNewline'; Remarks = 'Writes every saved result as OpenMetrics with its check time, for promtool tsdb create-blocks-from openmetrics ./backfill.om <data folder>: Prometheus then holds the history, for Get-SiteStatusUptime -PrometheusUri.' }
        )
        Notes       = @(
            'A result that was not checked (NotRun) gives no verdict: no probe_success, so no alert fires on the checker''s own trouble; only probe_failure_info{reason="NotRun"} and, with -StatePath results, probe_confirmed_up and probe_status_since_timestamp_seconds carried forward from the state, so an alert on them neither resolves nor fires again because one run could not look.'
            'probe_http_duration_seconds has the phases resolve, connect, tls and processing, on the net8.0 build only; transfer is not emitted, as no body is downloaded. probe_ssl_earliest_cert_expiry is the leaf certificate''s expiry: the chain''s other certificates are not kept.'
            'See about_SiteStatus for a node_exporter textfile collector set-up and an alert rule on probe_failure_info.'
        )
    }
    'Export-SiteStatusMetric' = @{
        Synopsis    = 'Writes results as Prometheus metrics to a file, atomically, for node_exporter''s or windows_exporter''s textfile collector.'
        Input       = 'Results of Test-SiteStatus or Get-SiteStatusReport, live or deserialized.'
        Description = @(
            'Export-SiteStatusMetric writes what ConvertTo-SiteStatusMetric would output to -Path, replacing the file atomically: a temporary file in the same folder, then a rename, so the collector never reads half a file.'
            'The folder must exist: it is the collector''s configuration, so it is never created. A missing one is a terminating error, MetricsFolderNotFound, that names the folder and the file.'
            'The file is UTF-8 without a byte order mark and has LF line ends on every operating system: the two classic reasons why a textfile written by PowerShell breaks the collector''s parser.'
        )
        Examples    = @(
            @{ Code = 'Get-Content ./urls.txt | Test-SiteStatus | Export-SiteStatusMetric /var/lib/node_exporter/textfile_collector/sites.prom'; Remarks = 'Writes the file node_exporter''s textfile collector reads (--collector.textfile.directory).' }
            @{ Code = "Get-Content C:\Sites\urls.txt | Get-SiteStatusReport | Export-SiteStatusMetric 'C:\Program Files\windows_exporter\textfile_inputs\sites.prom'"; Remarks = 'The same for windows_exporter, with timings and certificates.' }
            @{ Code = 'Get-Content ./urls.txt | Test-SiteStatus -StatePath ./state.json | Export-SiteStatusMetric ./sites.prom -Format OpenMetrics -PassThru'; Remarks = 'Writes OpenMetrics with the confirmed status, and outputs the file.' }
            @{ Code = '$results | Export-SiteStatusMetric ./sites.prom -WhatIf'; Remarks = 'Says what it would write, and writes nothing.' }
            @{ Code = 'Get-Content ./results.jsonl | ConvertFrom-Json | Export-SiteStatusMetric ./backfill.om -Backfill; promtool tsdb create-blocks-from openmetrics ./backfill.om /var/lib/prometheus/metrics2'; Remarks = 'Backfills Prometheus with saved results, each at its check time (see ConvertTo-SiteStatusMetric -Backfill).' }
        )
        Notes       = @(
            'The temporary file is named .<name>.<random>.tmp in the same folder, so the collector, which reads *.prom, never sees it.'
            'See ConvertTo-SiteStatusMetric for the metric names and labels.'
        )
    }
    'ConvertTo-SiteStatusJsonLine' = @{
        Synopsis    = 'Turns each result into one line of compact JSON, for log shippers (Loki, Elastic, Splunk) and jq.'
        Input       = 'Results of Test-SiteStatus or Get-SiteStatusReport, live or deserialized.'
        Description = @(
            'ConvertTo-SiteStatusJsonLine writes, for each result as it comes, one string: a JSON object on one line, with the result''s own property names, all of them always (null when empty), enums as their names, times in ISO 8601 with their offset, and nested objects (Timing, Certificate, Conditions) as objects.'
            'Appending the lines to a file gives JSON Lines (NDJSON) that a log shipper reads line by line; ConvertFrom-Json reads each line back.'
        )
        Examples    = @(
            @{ Code = 'Get-Content ./urls.txt | Test-SiteStatus | ConvertTo-SiteStatusJsonLine | Add-Content ./sites.jsonl'; Remarks = 'Appends one line per site to a JSON Lines file.' }
            @{ Code = 'Get-Content ./urls.txt | Get-SiteStatusReport | ConvertTo-SiteStatusJsonLine'; Remarks = 'Includes the timings, the certificate and the TLS version of each site.' }
            @{ Code = "Get-Content ./sites.jsonl | ConvertFrom-Json | Where-Object Status -eq 'Down'"; Remarks = 'Reads the lines back.' }
            @{ Code = "Test-SiteStatus https://example.com | ConvertTo-SiteStatusJsonLine | jq .Reason"; Remarks = 'Hands a result to jq.' }
        )
        Notes       = @(
            'The property names are the results'' own, so a line read back with ConvertFrom-Json has the properties a result has.'
        )
    }
    'Send-SiteStatusAlert' = @{
        Synopsis    = 'Posts the results piped in as one alert message to Teams (Workflows), Slack or any webhook.'
        Input       = 'Results of Test-SiteStatus or Get-SiteStatusReport, typically those that Changed or are a Reminder.'
        Description = @(
            'Send-SiteStatusAlert collects the results piped in and posts them, after the last, as one message: not one per site. -Format TeamsWorkflow posts an Adaptive Card, as a Teams Workflows webhook wants it (the old Office 365 connectors are retired); Slack posts blocks to an incoming webhook; Json (the default) posts a documented generic payload: source, version, sentAt, title and alerts, each with id, kind, uri, location, status, statusCode, failure, reason, confirmedStatus, previousStatus, since and checkedAt. The id is the same for the same alert (site, location, kind and since) in every retry and run, so a receiver can drop repeats.'
            'Each site is a Down alert (a transition to Down, or a down result with no state), Recovered, Reminder (still down) or Up, and looks different in each format; each names the site, the failure and its reason, since when, and where from.'
            'The message is posted again, after the webhook''s Retry-After or a backoff from 1 s, -MaximumRetryCount times, only when it certainly did not arrive (the name did not resolve, the connection was refused, TLS failed, no connection within -TimeoutSec) or the webhook answers 408, 429 or 5xx. A webhook that still fails, or answers another error, is a non-terminating error, AlertNotSent, that gives the status and the start of the webhook''s answer (200 characters, one line). A post that may have arrived (no answer within -TimeoutSec, the connection closed after sending) is not posted again, so no one gets it twice: it is the error AlertDeliveryUnknown.'
            'A result in maintenance (Maintenance $true: its check started inside a maintenance window of its site, -MaintenanceWindow) is not posted, and -Verbose says how many were left out and which; when every result is, nothing is posted.'
            'The webhook''s path and query, where its secret is, never appear in errors, verbose or debug messages, even where the webhook''s answer repeats them. A webhook that is not an absolute http or https URL is the parameter error InvalidWebhookUri.'
        )
        Examples    = @(
            @{ Code = 'Get-Content ./urls.txt | Test-SiteStatus -StatePath ./state.json -FailureThreshold 3 | Where-Object { $_.Changed -or $_.Reminder } | Send-SiteStatusAlert $env:TEAMS_WEBHOOK -Format TeamsWorkflow'; Remarks = 'The alert loop of a scheduled script: one Teams message per run, only for changes and reminders.' }
            @{ Code = 'Get-Content ./urls.txt | Test-SiteStatus | Where-Object Status -eq Down | Send-SiteStatusAlert $env:SLACK_WEBHOOK -Format Slack'; Remarks = 'Posts the sites that are down to Slack.' }
            @{ Code = '$results | Send-SiteStatusAlert https://alerts.example/hooks/sites'; Remarks = 'Posts the generic JSON payload to any webhook.' }
            @{ Code = '$results | Send-SiteStatusAlert $env:TEAMS_WEBHOOK -Format TeamsWorkflow -WhatIf'; Remarks = 'Says what it would post, and posts nothing.' }
        )
        Notes       = @(
            'A message stays within what Slack and Teams take: at most 45 sites (Slack takes 50 blocks), Slack sections of 3,000 characters and 12,000 in all, Teams messages of 24,000 bytes (Teams takes about 28 KB). Long URLs are shortened in the middle with an ellipsis, long reasons at the end; where that is not enough, fewer sites are listed and the rest counted.'
            'It uses -Proxy, -Certificate and the other connection parameters as the checks do.'
        )
    }
    'Start-SiteStatusMaintenance' = @{
        Synopsis    = 'Puts URLs into maintenance, from now until a given time, in the state file of the checking commands.'
        Input       = 'URLs or patterns of URLs, as text or as objects with a Uri property.'
        Description = @(
            'Start-SiteStatusMaintenance writes a one-off maintenance into a state file: from now until -Until, or for -DurationMin minutes, every URL that matches one of the -Uri patterns is in maintenance for the runs of Test-SiteStatus and Get-SiteStatusReport that use that file as -StatePath.'
            'A check in maintenance still runs and reports what it saw, with Maintenance $true. It changes no ConfirmedStatus, counts toward no threshold and breaks no streak, is never Changed or a Reminder, Send-SiteStatusAlert skips it, and the metrics carry probe_maintenance 1 and no probe_failure_info for it.'
            'A pattern with * (any characters) or ? (one) is matched, ignoring case, against the results'' Uri as they write it (https://shop.example.com/*); a URL without them is read as the checking commands read it (a bare host is https://host/). Starting the same pattern again replaces its end and reason. It writes a SiteStatus.SiteMaintenance for each.'
            'For windows that come back every week (patch night), give the site the -MaintenanceWindow setting instead.'
        )
        Examples    = @(
            @{ Code = "Start-SiteStatusMaintenance 'https://shop.example.com/*' -DurationMin 120 -Reason 'database upgrade' -StatePath ./state.json"; Remarks = 'Puts every URL of the shop into maintenance for two hours.' }
            @{ Code = "Start-SiteStatusMaintenance https://example.com -Until '2026-12-24 06:00' -StatePath ./state.json"; Remarks = 'Until a given local time.' }
            @{ Code = "Import-Csv ./sites.csv | Where-Object Team -eq 'payments' | Start-SiteStatusMaintenance -DurationMin 30 -StatePath ./state.json"; Remarks = 'Puts the URLs of a sites file''s rows into maintenance: the Url (or Uri) column binds by property name.' }
            @{ Code = "Start-SiteStatusMaintenance 'https://*.example.com/*' -DurationMin 60 -StatePath ./state.json -WhatIf"; Remarks = 'Says what it would start, and writes nothing.' }
        )
        Notes       = @(
            'The state file is locked while it is changed, as a checking run locks it: a run in progress makes the command wait up to 10 s, then fail with StateLocked.'
        )
    }
    'Get-SiteStatusMaintenance' = @{
        Synopsis    = 'Lists the one-off maintenance kept in a state file.'
        Input       = 'URLs, to list only the maintenance that covers them now.'
        Description = @(
            'Get-SiteStatusMaintenance writes a SiteStatus.SiteMaintenance for each one-off maintenance in the state file that is not over: its Uri pattern, Start, End, Reason, whether it is Active now, and the StatePath, so that its output pipes into Stop-SiteStatusMaintenance. With -Uri, only those that cover one of those URLs now. A state file that does not exist has none.'
        )
        Examples    = @(
            @{ Code = 'Get-SiteStatusMaintenance -StatePath ./state.json'; Remarks = 'Lists the maintenance not yet over.' }
            @{ Code = 'Get-SiteStatusMaintenance https://shop.example.com/cart -StatePath ./state.json'; Remarks = 'Says whether, and why, that URL is in maintenance now.' }
            @{ Code = 'Get-SiteStatusMaintenance -StatePath ./state.json | Where-Object Active | Format-Table Uri, End, Reason'; Remarks = 'Shows only the maintenance under way, and when each ends.' }
            @{ Code = "Get-Content ./urls.txt | Get-SiteStatusMaintenance -StatePath ./state.json"; Remarks = 'Lists the maintenance that covers any URL of a file now.' }
        )
        Notes       = @(
            'Recurring windows (-MaintenanceWindow, or a sites file''s MaintenanceWindow column) are a setting of the sites, not of the state file: this command does not list them.'
        )
    }
    'Stop-SiteStatusMaintenance' = @{
        Synopsis    = 'Ends one-off maintenance in a state file before its time.'
        Input       = 'The objects Get-SiteStatusMaintenance writes, or the URLs or patterns the maintenance was started with.'
        Description = @(
            'Stop-SiteStatusMaintenance removes each maintenance whose URL or pattern is -Uri (ignoring case) from the state file: the next run counts those sites again. One that the file does not have is a non-terminating error, MaintenanceNotFound, with the pattern as its target; the others still end.'
        )
        Examples    = @(
            @{ Code = "Stop-SiteStatusMaintenance 'https://shop.example.com/*' -StatePath ./state.json"; Remarks = 'Ends the shop''s maintenance now.' }
            @{ Code = 'Get-SiteStatusMaintenance -StatePath ./state.json | Stop-SiteStatusMaintenance'; Remarks = 'Ends every maintenance in the file.' }
            @{ Code = "Get-SiteStatusMaintenance -StatePath ./state.json | Where-Object Reason -like '*upgrade*' | Stop-SiteStatusMaintenance"; Remarks = 'Ends the maintenance started for the upgrade, and no other.' }
            @{ Code = "Stop-SiteStatusMaintenance example.com -StatePath ./state.json"; Remarks = 'Ends the maintenance started for example.com: a bare host is read as https://example.com/, as it was when started.' }
        )
        Notes       = @(
            'The state file is locked while it is changed, as a checking run locks it: a run in progress makes the command wait up to 10 s, then fail with StateLocked.'
        )
    }
    'Get-SiteStatusUptime' = @{
        Synopsis    = 'Computes each site''s uptime, downtime, incidents, response times and daily status over 24 hours, 7, 30 or 90 days, or a calendar month, from the SQLite history, Prometheus or saved results.'
        Input       = 'Results of Test-SiteStatus or Get-SiteStatusReport (live, deserialized, or JSON Lines read back with ConvertFrom-Json), to count instead of Prometheus.'
        Description = @(
            'Get-SiteStatusUptime writes a SiteStatus.SiteUptime for each URL and window (and location, with -ByLocation): UptimePercent, Downtime, Maintenance, CoveragePercent, IncidentCount, LongestIncident, MeanResponseTimeMs, P95ResponseTimeMs, Checks, RunInterval, Note, Days (each calendar day in -TimeZone: Up, PartlyDown, Down or NoData, for a daily bar) and Incidents (Start, End or ongoing, Duration, Downtime, Failure, Reason, Locations). URLs come in order, then the windows in the order given.'
            'The history is the SQLite file the checking commands write with -HistoryPath (read only: its folder need not be writable), or Prometheus (-PrometheusUri): the series of probe_success, probe_duration_seconds, probe_maintenance and probe_failure_info that the module''s metrics put there, by their target and location labels, scraped or backfilled (ConvertTo-SiteStatusMetric -Backfill). Or results piped in: what Test-SiteStatus wrote, or JSON Lines kept and read back.'
            'Uptime is time-weighted: each outcome stands from its check until the next check of that URL and location, but at most twice the run interval, the median gap between consecutive checks; beyond that, the time is no data. Up, Flaky and Degraded count as up, Down and Partial (-AllAddresses: down at some addresses of the host) as down; NotRun (the deadline passed, the canary was down, a location was unavailable) and checks in maintenance count as neither, and maintenance time is left out of the window. UptimePercent is up time over the time known up or down.'
            'A window with too little data says so: when less than half of it (less maintenance) is known up or down, UptimePercent is null and Note says how much was known, rather than 100. Downtime and incidents are still given.'
            'A URL checked from several locations is down while at least -Quorum of them stand down (default 1: any), and up while any other stands up or down; so an incident seen from two locations at once counts once, and its Locations say who saw it. With -ByLocation each location is counted from its own checks alone.'
            'An incident opens where the URL is first down and ends where a check first sees it up again; time not known between (NotRun, maintenance, no data) is inside it but not its downtime. One not over by the window''s end has End $null (Ongoing). Incidents and days are cut to the window.'
        )
        Examples    = @(
            @{ Code = 'Get-SiteStatusUptime -HistoryPath ./sites.db'; Remarks = 'The uptime of every site in the SQLite history that Test-SiteStatus -HistoryPath ./sites.db writes, over the last 24 hours, 7 and 30 days: one row per site and window.' }
            @{ Code = 'Get-SiteStatusUptime -PrometheusUri http://prometheus:9090'; Remarks = 'The same from Prometheus, which keeps the module''s metrics.' }
            @{ Code = "Get-SiteStatusUptime 'https://shop.example.com/*' -PrometheusUri http://prometheus:9090 -Month 2026-11 -TimeZone Europe/Berlin"; Remarks = 'November 2026 in Berlin time, for every URL of the shop: the figures for a monthly report or an SLA.' }
            @{ Code = 'Get-SiteStatusUptime https://example.com -PrometheusUri http://prometheus:9090 -Window 90d | Select-Object -ExpandProperty Days'; Remarks = 'Each of the last 90 days, Up, PartlyDown, Down or NoData: a status page''s bar.' }
            @{ Code = 'Get-SiteStatusUptime -PrometheusUri http://prometheus:9090 -Window 7d -ByLocation'; Remarks = 'Each location''s own uptime of each site over the week, to tell a site''s trouble from a region''s.' }
            @{ Code = 'Get-Content ./results.jsonl | ConvertFrom-Json | Get-SiteStatusUptime -Window 30d'; Remarks = 'Counts results kept as JSON Lines (ConvertTo-SiteStatusJsonLine), without Prometheus.' }
            @{ Code = "(Get-SiteStatusUptime https://api.example.com/health -PrometheusUri http://prometheus:9090 -Window 30d).Incidents | Format-Table Start, End, Duration, Failure, Locations"; Remarks = 'Lists the month''s incidents of one site.' }
        )
        Notes       = @(
            'Prometheus is read with range queries at a step of -StepSec (default 60 s). Each step stands for the last check within it (last_over_time over one step), so a run that did not happen is no data rather than the previous value repeated; a step with probe_failure_info but no probe_success is a NotRun. Series of one target and location from several jobs count as one, down when any says down. Prometheus keeps no reasons: Reason is empty and Failure is the failure kind. A server that cannot be read ends the command with HistoryUnreadable.'
            'Outcomes are read from a day before the window, so the last check before it stands into it. A URL given without * or ? always has a row; one with nothing recorded says No checks in the window.'
            'A result piped in without a Timestamp is the non-terminating error ResultWithoutTimestamp, one whose Status is not a result''s InvalidResultStatus; results piped in while -HistoryPath or -PrometheusUri is given stop the command with ResultsWithHistory; -Window and -Month together are the parameter error WindowAndMonth. When no URL was checked in the windows, a warning says so.'
            'See about_SiteStatus for the counting rules in full.'
        )
    }
    'Export-SiteStatusPage' = @{
        Synopsis    = 'Writes a status page: one self-contained HTML file with each site''s status, uptime over 24 hours, 7 and 30 days, a 90-day bar, a response-time sparkline and recent incidents.'
        Input       = 'Results of Test-SiteStatus or Get-SiteStatusReport (live, deserialized, or JSON Lines read back with ConvertFrom-Json), to count instead of a history.'
        Description = @(
            'Export-SiteStatusPage reads the history (-HistoryPath, the SQLite file the checking commands write; -PrometheusUri; or results piped in), counts it with the same rules as Get-SiteStatusUptime, and writes one HTML file: the -Title, a line that says how many sites are up, then for each group a table of its sites (name and link, status now, uptime over the last 24 hours, 7 and 30 days) where each site''s row is followed by its last 90 days as a bar (up, partial, down or no data, each day with its date and figures as a title), the mean and 95th percentile of the up checks'' response times of the last 30 days with a sparkline of them, and its five newest incidents of the last 90 days (start, end or ongoing, reason).'
            'The sites, their names and groups come from -SiteList: the rows of a sites file (Import-Csv), with a Url column and, when wanted, Name and Group columns; the same file Test-SiteStatus reads (it passes over columns it does not know). Groups are shown in the order their first site comes, sites of no group last. Without -SiteList the page shows every URL in the history, by URL, in one group.'
            'The status now is what the uptime counts for this instant: the newest check standing for it (a check stands until the next, at most two run intervals); Up and Flaky are Up, a Degraded report is Degraded, Down and Partial are Down with the newest reason, a check in maintenance is Maintenance, and with no check standing for now, or only NotRun ones, it is No data with why. A window with too little data shows No figure in its cell and the reason below the row.'
            'The page has no script and loads nothing: its style and graphics are inline, no font, image or style sheet comes from anywhere, and its Content-Security-Policy forbids any fetch. Links to the sites are only followed on a click. It reads without JavaScript, follows the reader''s light or dark setting (prefers-color-scheme), fits a phone, and every colour has a word or a text beside it: table captions and headers for screen readers, a title on each day of the bar and on the sparkline. Every text (names, URLs, reasons) is escaped, so a reason holding markup shows as text. Every time on the page is UTC, and the days of the bar are UTC days.'
        )
        Examples    = @(
            @{ Code = "Export-SiteStatusPage ./status.html -HistoryPath ./history.db -SiteList (Import-Csv ./sites.csv) -Title 'Example status'"; Remarks = 'The page of the sites in sites.csv (Url, Name, Group columns), from the history that Test-SiteStatus -HistoryPath ./history.db writes.' }
            @{ Code = "Get-Content ./urls.txt | Test-SiteStatus -HistoryPath /var/lib/sites/history.db | Out-Null`nExport-SiteStatusPage /var/www/status/index.html -HistoryPath /var/lib/sites/history.db"; Remarks = 'A scheduled run that checks the sites, keeps the results, and writes the page of every URL in the history for a web server to serve; the file is replaced atomically, so the server never serves half a page.' }
            @{ Code = "Export-SiteStatusPage ./status.html -PrometheusUri http://prometheus:9090 -StepSec 300 -SiteList (Import-Csv ./sites.csv)"; Remarks = 'The page from Prometheus, which scrapes the module''s metrics of checks run every five minutes.' }
            @{ Code = "Get-Content ./results.jsonl | ConvertFrom-Json | Export-SiteStatusPage ./status.html -SiteList @{ Url = 'https://shop.example.com/'; Name = 'Shop'; Group = 'Public' }, 'https://api.example.com/health'"; Remarks = 'The page from results kept as JSON Lines, of a site list given as a hashtable and a URL.' }
            @{ Code = "Export-SiteStatusPage ./status.html -HistoryPath ./history.db -PassThru | Invoke-Item"; Remarks = 'Writes the page and opens it in the default browser.' }
        )
        Notes       = @(
            'The figures are those of Get-SiteStatusUptime over the same windows (-Quorum says how a URL''s locations count together), so the page and a report never disagree; see about_SiteStatus for the counting rules. The page shows them cut, never rounded, to two places: 100 % means no down time was counted.'
            'The history is read URL by URL, and each URL''s checks are counted and let go before the next: a month of 5-minute checks of 1,000 sites (8.64 million) makes a page in seconds without holding them all.'
            'A -SiteList entry that is not an http or https URL is a non-terminating error, InvalidUri, with the entry as its target; the page shows the others. A site the history has nothing of is shown with No data. The file''s folder must exist (PageFolderNotFound); a path that is a folder, or a file that cannot be written, is PageNotWritten. A history that cannot be read is HistoryUnreadable, or, for -HistoryPath, the history''s own errors.'
        )
    }
    'Get-SiteStatusDomainData' = @{
        Synopsis    = 'Names the registry data that domain expiry checks use, and its date.'
        Description = @(
            'Get-SiteStatusDomainData writes one SiteStatus.SiteDomainData: the version of the Public Suffix List shipped with the module (PublicSuffixList), and the RDAP bootstrap file in use (RdapBootstrap: "shipped with the module", or the path of -RdapBootstrapPath), when IANA published it (RdapBootstrapPublication; $null for the shipped copy, which keeps no publication date), what it says of itself (RdapBootstrapDescription) and how many top-level domains it names a server for (RdapTopLevelDomains).'
        )
        Examples    = @(
            @{ Code = 'Get-SiteStatusDomainData'; Remarks = 'Shows the shipped data: the Public Suffix List of 2023-02-09 and the shipped RDAP bootstrap file.' }
            @{ Code = 'Get-SiteStatusDomainData ./dns.json'; Remarks = 'Describes a bootstrap file that Update-SiteStatusRdapBootstrap wrote.' }
            @{ Code = "if ((Get-SiteStatusDomainData ./dns.json).RdapBootstrapPublication -lt (Get-Date).AddDays(-30)) { Update-SiteStatusRdapBootstrap ./dns.json }"; Remarks = 'Refreshes the bootstrap file when IANA published it more than 30 days ago.' }
            @{ Code = '(Get-SiteStatusDomainData).RdapBootstrapDescription'; Remarks = 'Says where the shipped bootstrap file came from, and that it has no publication date.' }
        )
        Notes       = @(
            'A file that is not an RDAP bootstrap file is a terminating error, RdapBootstrapUnreadable, naming it.'
        )
    }
    'Update-SiteStatusRdapBootstrap' = @{
        Synopsis    = 'Fetches IANA''s current RDAP bootstrap file, for -RdapBootstrapPath.'
        Description = @(
            'Update-SiteStatusRdapBootstrap downloads IANA''s RDAP bootstrap file for DNS registrations (https://data.iana.org/rdap/dns.json, or -Uri), checks that it is one, writes it to -Path atomically (a temporary file beside it, then a rename) and writes a SiteStatus.SiteDomainData that names its publication date. Test-SiteStatus and Get-SiteStatusReport use it when given -RdapBootstrapPath; the copy shipped with the module is never changed.'
        )
        Examples    = @(
            @{ Code = @"
Update-SiteStatusRdapBootstrap -Path ./dns.json
Get-Content ./urls.txt | Test-SiteStatus -MinimumDomainDays 30 -RdapBootstrapPath ./dns.json
"@; Remarks = 'Refreshes the bootstrap file, then checks the domains with it.' }
            @{ Code = "`$PSDefaultParameterValues['*-SiteStatus*:RdapBootstrapPath'] = '/var/lib/sites/dns.json'"; Remarks = 'Uses a refreshed file in every run of the session, without naming it each time.' }
            @{ Code = 'Update-SiteStatusRdapBootstrap ./dns.json -Proxy http://proxy.example:3128'; Remarks = 'Fetches the file through an HTTP proxy.' }
            @{ Code = 'Update-SiteStatusRdapBootstrap ./dns.json -WhatIf'; Remarks = 'Fetches and checks the file and says what it would write, without writing it.' }
        )
        Notes       = @(
            'A download that fails is a terminating error, RdapBootstrapNotFetched; a file that is not an RDAP bootstrap file is RdapBootstrapInvalid, and -Path is then left as it was. A folder that does not exist is not made: RdapBootstrapNotSaved.'
        )
    }
    'Get-SiteStatusHistory' = @{
        Synopsis    = 'Reads back the results kept in a history database by the checking commands'' -HistoryPath.'
        Input       = 'URLs or patterns of URLs, as text or as objects with a Uri property.'
        Description = @(
            'Get-SiteStatusHistory writes a SiteStatus.SiteHistoryEntry for each result kept in a history database (the file that Test-SiteStatus and Get-SiteStatusReport write with -HistoryPath): its Uri, Location, Timestamp, Status, StatusCode, Failure, ResponseTimeMs, Reason and Maintenance. Entries come URL by URL (in ordinal order), each URL''s in the order they were checked, and are read as they are written, so a long range takes no memory.'
            'With -Uri, only those URLs: each a URL as given to the checking commands (a bare host is https://host/) or a pattern in which * stands for any characters and ? for one, matched against the results'' Uri, ignoring case. With -Location, only the results checked from that location. -After and -Before bound the time a check started (from -After, inclusive, to -Before, exclusive); -Last takes the span before now instead.'
            'A file that is not there is the error HistoryNotFound; a file that is not a SiteStatus history, is damaged, or was written by a newer SiteStatus is HistoryUnreadable, and is left as it is.'
        )
        Examples    = @(
            @{ Code = 'Get-SiteStatusHistory -HistoryPath ./sites.db -Last 1.00:00:00'; Remarks = 'Every result of the last day, as a table: time, status, URL (and location), code, time taken and reason.' }
            @{ Code = "Get-SiteStatusHistory 'https://shop.example.com/*' -HistoryPath ./sites.db -After '2026-11-01' -Before '2026-12-01' | Where-Object Status -eq Down"; Remarks = 'When the shop was found down in November.' }
            @{ Code = 'Get-SiteStatusHistory -HistoryPath ./sites.db -Last (New-TimeSpan -Days 7) | Group-Object Uri | ForEach-Object { [pscustomobject]@{ Uri = $_.Name; UpPercent = [math]::Round(100 * @($_.Group | Where-Object Status -in ''Up'', ''Flaky'', ''Degraded'').Count / $_.Count, 2) } }'; Remarks = 'Each URL''s share of good checks over the last week.' }
            @{ Code = 'Get-SiteStatusHistory https://example.com -HistoryPath ./sites.db -Location east'; Remarks = 'What the east location saw of one site.' }
        )
        Notes       = @(
            'Times are kept to the millisecond (UTC) and shown in this machine''s time zone. A quorum''s verdict (-Quorum) is kept with no location and no response time.'
            'Reading never waits for a run that is writing: the file is in SQLite''s WAL mode.'
        )
    }
    'Remove-SiteStatusHistory' = @{
        Synopsis    = 'Removes the older results from a history database, to keep it bounded.'
        Input       = 'URLs or patterns of URLs, as text or as objects with a Uri property.'
        Description = @(
            'Remove-SiteStatusHistory removes from a history database (the checking commands'' -HistoryPath) every result checked before -Before, or with -Uri only those of the URLs that match (a URL, or a pattern with * and ?). It removes them in one transaction and gives the space they took back to the file system. -Verbose says how many it removed; -WhatIf says how many it would remove, and removes nothing.'
            'Nothing is removed by itself: a scheduled script keeps the history bounded by running this, with the span it wants to keep.'
        )
        Examples    = @(
            @{ Code = 'Remove-SiteStatusHistory -HistoryPath ./sites.db -Before (Get-Date).AddDays(-90)'; Remarks = 'Keeps 90 days: run it from the same scheduled script as the checks, or once a day.' }
            @{ Code = "Remove-SiteStatusHistory 'https://old.example.com/*' -HistoryPath ./sites.db -Before (Get-Date)"; Remarks = 'Forgets a site that is no longer checked.' }
            @{ Code = 'Remove-SiteStatusHistory -HistoryPath ./sites.db -Before (Get-Date).AddDays(-30) -WhatIf'; Remarks = 'Says how many results are older than 30 days.' }
            @{ Code = '0 3 * * * pwsh -NoProfile -Command "Remove-SiteStatusHistory -HistoryPath /var/lib/sites/sites.db -Before (Get-Date).AddDays(-90)"'; Remarks = 'A crontab line that trims the history every night at 03:00, while the checks go on writing to it.' }
        )
        Notes       = @(
            'The database is written in one transaction: a run writing to it at the same time waits for it (up to 10 s), as it waits for another run; when the removal itself finds a run writing, it waits up to 10 s, then fails with HistoryLocked.'
        )
    }
}
