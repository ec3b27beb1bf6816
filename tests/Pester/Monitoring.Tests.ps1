# Metrics, JSON Lines and alerts from the built module, on real results; promtool, the real parser, judges the metrics.
BeforeDiscovery {
    $promtool = Get-Command promtool -ErrorAction Ignore
    if (-not $promtool) { Write-Host 'promtool is not installed: install the Debian package prometheus to run the metrics parser tests (they are skipped).' }
    $prometheus = Get-Command prometheus -ErrorAction Ignore
    if (-not $prometheus) { Write-Host 'prometheus is not installed: install the Debian package prometheus to run README''s alert rules on a real server (they are skipped).' }
}

BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $h = $server.Http.GetLeftPart('Authority')
    $state = Join-Path $TestDrive 'state.json'
    $urls = "$h/ok", "$h/status/503", 'http://127.0.0.1:9/', "$($server.Https)ok", "$h/redirect/2", "$h/flaky/$([guid]::NewGuid())?fail=1&code=502"
    $reports = $urls | Get-SiteStatusReport -SkipCertificateCheck -StatePath $state -MaximumRetryCount 1 -RetryIntervalSec 0 3>$null
    # A site down in its maintenance window, which is always on.
    $maintenance = [pscustomobject]@{ Url = "$h/status/503?maintenance"; MaintenanceWindow = 'Daily 00:00 24h' }
    $results = @($urls | Test-SiteStatus -SkipCertificateCheck -ContentMatch 'never there' 3>$null) + @(Test-SiteStatus "$h/hang" -TotalTimeoutSec 1) + @($maintenance | Test-SiteStatus)

    function Test-Metrics([string] $Path) {
        $output = Get-Content $Path -Raw | & promtool check metrics 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = "$output" }
    }
}

AfterAll {
    Stop-TestServer $server
}

Describe 'Metrics' {
    It 'promtool accepts the <Format> text of reports and results' -Skip:(-not $promtool) -ForEach @(@{ Format = 'Prometheus' }, @{ Format = 'OpenMetrics' }) {
        $path = Join-Path $TestDrive "sites-$Format.prom"
        @($reports) + @($results) | Export-SiteStatusMetric -Path $path -Format $Format

        $check = Test-Metrics $path
        $check.Output | Should -BeNullOrEmpty
        $check.ExitCode | Should -Be 0
    }

    It 'carries the why, the certificate and the state in blackbox names' {
        $text = $reports | ConvertTo-SiteStatusMetric

        $text | Should -Match "(?m)^probe_failure_info\{target=`"http://127\.0\.0\.1:9/`",reason=`"ConnectionRefused`"\} 1$"
        $text | Should -Match "(?m)^probe_success\{target=`"$([regex]::Escape("$h/ok"))`"\} 1$"
        $text | Should -Match '(?m)^probe_ssl_last_chain_info\{target="https://[^"]+",fingerprint_sha256="[0-9a-f]{64}",issuer="CN=localhost",serialnumber="[0-9a-f]+",subject="CN=localhost",subjectalternative="localhost,127\.0\.0\.1"\} 1$'
        # The netstandard2.0 build's handler does not say which TLS version it negotiated.
        if ($env:SITESTATUS_BUILD -eq 'net8.0') { $text | Should -Match '(?m)^probe_tls_version_info\{target="https://[^"]+",version="TLS 1\.[23]"\} 1$' }
        $text | Should -Match '(?m)^probe_flaky\{target="[^"]+/flaky/[^"]+"\} 1$'
        $text | Should -Match '(?m)^probe_confirmed_up\{target="[^"]+/status/503"\} 0$'
    }

    It 'says which check was in maintenance in probe_maintenance, and gives that one no probe_failure_info' {
        $text = $results | ConvertTo-SiteStatusMetric
        $target = [regex]::Escape($maintenance.Url)

        $text | Should -Match '(?m)^# TYPE probe_maintenance gauge$'
        $text | Should -Match "(?m)^probe_maintenance\{target=`"$target`"\} 1$"
        $text | Should -Match "(?m)^probe_success\{target=`"$target`"\} 0$"
        $text | Should -Match "(?m)^probe_http_status_code\{target=`"$target`"\} 503$"
        $text | Should -Not -Match "(?m)^probe_failure_info\{target=`"$target`""
        $text | Should -Match "(?m)^probe_maintenance\{target=`"$([regex]::Escape("$h/status/503"))`"\} 0$"
        $text | Should -Match "(?m)^probe_failure_info\{target=`"$([regex]::Escape("$h/status/503"))`",reason=`"HttpStatus`"\} 1$"
    }

    It 'reads results that come back from Start-Job, deserialized' {
        $job = Start-Job -ScriptBlock { param($module, $url) Import-Module $module; Get-SiteStatusReport $url } -ArgumentList $env:SITESTATUS_MODULE, "$h/ok"
        $deserialized = $job | Receive-Job -Wait -AutoRemoveJob

        $text = $deserialized | ConvertTo-SiteStatusMetric
        $text | Should -Match "(?m)^probe_success\{target=`"$([regex]::Escape("$h/ok"))`"\} 1$"
        $text | Should -Match '(?m)^probe_http_version\{target="[^"]+"\} 1\.1$'
        if ($env:SITESTATUS_BUILD -eq 'net8.0') { $text | Should -Match '(?m)^probe_http_duration_seconds\{target="[^"]+",phase="connect"\} ' }
        ($deserialized | ConvertTo-SiteStatusJsonLine | ConvertFrom-Json).Status | Should -Be 'Up'
    }

    It 'reads what comes back from Start-Job as it reads the live results: the same JSON line' {
        $job = Start-Job -ScriptBlock {
            param($module, $urls, $state)
            Import-Module $module
            $live = @($urls | Get-SiteStatusReport -SkipCertificateCheck -StatePath $state -MaximumResponseTimeMs 60000 3>$null) + @($urls | Test-SiteStatus -SkipCertificateCheck -StatePath $state 3>$null)
            foreach ($result in $live) { $result; $result | ConvertTo-SiteStatusJsonLine }
        } -ArgumentList $env:SITESTATUS_MODULE, @("$h/ok", "$($server.Https)redirect/2"), (Join-Path $TestDrive 'job-state.json')
        $output = @($job | Receive-Job -Wait -AutoRemoveJob)

        $output | Should -HaveCount 8
        # With -StatePath the state view's name (#State) comes first; the type's own follows it.
        $output[0].PSObject.TypeNames | Should -Contain 'Deserialized.SiteStatus.SiteStatusReport'
        for ($i = 0; $i -lt $output.Count; $i += 2) {
            $output[$i] | ConvertTo-SiteStatusJsonLine | Should -Be $output[$i + 1]
        }
    }

    It 'writes NotASiteStatusResult for anything else, and the metrics of the rest' {
        $text = @($results[0], 'not a result') | ConvertTo-SiteStatusMetric -ErrorVariable problems -ErrorAction SilentlyContinue

        $problems.FullyQualifiedErrorId | Should -Be 'NotASiteStatusResult,SiteStatus.Commands.ConvertToSiteStatusMetricCommand'
        $text | Should -Match '(?m)^probe_success\{'
    }
}

Describe 'JSON Lines' {
    It 'gives one line per result that ConvertFrom-Json reads back, enums as strings and times as ISO 8601' {
        $lines = @($reports | ConvertTo-SiteStatusJsonLine)

        $lines | Should -HaveCount @($reports).Count
        foreach ($line in $lines) {
            $line | Should -Not -Match '\n'
            $object = $line | ConvertFrom-Json
            $object.Status | Should -BeIn 'Up', 'Down', 'Flaky', 'Degraded'
            $object.Failure | Should -BeOfType [string]
            $line | Should -Match '"Timestamp":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+[+-]\d\d:\d\d"'
        }
        ($lines | ConvertFrom-Json | Where-Object Uri -Like 'https://*').Certificate.Subject | Should -Be 'CN=localhost'
    }
}

Describe 'Alerts' {
    It 'does not post again what may have arrived: a webhook slower than -TimeoutSec is AlertDeliveryUnknown after 1 attempt' {
        $results[0] | Send-SiteStatusAlert "$h/webhook/$([guid]::NewGuid().ToString('N'))/secret?delayMs=3000" -TimeoutSec 1 -ErrorVariable problems -ErrorAction SilentlyContinue

        $problems.FullyQualifiedErrorId | Should -Be 'AlertDeliveryUnknown,SiteStatus.Commands.SendSiteStatusAlertCommand'
        "$problems" | Should -BeLike '*did not answer within 1 s (1 attempt); the alert was not posted again because it may have arrived.'
    }

    It 'never shows the webhook''s path or query, not even in the plain-http hint' {
        $port = $server.Http.Port
        $results[0] | Send-SiteStatusAlert "https://127.0.0.1:$port/workflows/abc123/triggers/manual/paths/invoke?sig=SECRETSIG" -MaximumRetryCount 0 -Debug -ErrorVariable problems -ErrorAction SilentlyContinue 5>&1 |
            Should -Not -Match 'abc123|SECRETSIG'

        "$problems" | Should -BeLike "The webhook https://127.0.0.1:$port/``*``*``* could not be reached: *(1 attempt)."
        $problems[0].Exception.ToString() | Should -Not -Match 'abc123|SECRETSIG'
    }

    It 'does not post the results in maintenance, and says in -Verbose how many and which' {
        $key = [guid]::NewGuid().ToString('N')
        $resting = "$h/status/503?alert-maintenance", 'http://127.0.0.1:9/?alert-maintenance'
        $rows = @([pscustomobject]@{ Url = "$h/status/503?alert-down" }) + @($resting | ForEach-Object { [pscustomobject]@{ Url = $_; MaintenanceWindow = 'Daily 00:00 24h' } })

        $verbose = @($rows | Test-SiteStatus | Send-SiteStatusAlert "$h/webhook/$key/secret" -Verbose 4>&1 | ForEach-Object { [string]$_ })

        $posted = @((Invoke-WebRequest "$h/webhook/$key").Content | ConvertFrom-Json)
        $posted | Should -HaveCount 1
        ($posted[0] | ConvertFrom-Json).alerts.uri | Should -Be "$h/status/503?alert-down"
        $skipped = @($verbose | Where-Object { $_ -like 'Not posting *' })
        $skipped | Should -HaveCount 1
        $said = [regex]::Match($skipped[0], '^Not posting 2 result\(s\) in maintenance: (.+)\.$')
        $said.Success | Should -BeTrue -Because $skipped[0]
        ($said.Groups[1].Value -split ', ' | Sort-Object) | Should -Be ($resting | Sort-Object)
        $verbose | Should -Contain "Posted 1 alert(s) to $h/*** as Json."
    }

    It 'posts nothing when every result is in maintenance' {
        $key = [guid]::NewGuid().ToString('N')

        $verbose = @($maintenance | Test-SiteStatus | Send-SiteStatusAlert "$h/webhook/$key/secret" -Verbose 4>&1 | ForEach-Object { [string]$_ })

        @((Invoke-WebRequest "$h/webhook/$key").Content | ConvertFrom-Json) | Should -HaveCount 0
        $verbose | Should -Be "Posting nothing: all 1 result(s) are in maintenance: $($maintenance.Url)."
    }

    It 'says a webhook that is not an absolute http or https URL is a parameter error, InvalidWebhookUri' {
        { $results[0] | Send-SiteStatusAlert 'hooks.slack.com/services/T000/B000/XXXSECRET' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidWebhookUri,SiteStatus.Commands.SendSiteStatusAlertCommand' -ExpectedMessage '*https://hooks.slack.com/*'
    }
}

Describe 'README' {
    It 'its Prometheus alert rules pass promtool check rules' -Skip:(-not $promtool) {
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $rules = Join-Path $TestDrive 'sites.rules.yml'
        Set-Content $rules -Value ([regex]::Match($readme, '(?s)```yaml\n(groups:.*?)```').Groups[1].Value)

        $output = & promtool check rules $rules 2>&1
        "$output" | Should -Match 'SUCCESS'
        $LASTEXITCODE | Should -Be 0
    }
}

Describe 'README''s SiteDown rule and maintenance' {
    It 'passes over a site in its maintenance window and fires for the other (promtool test rules, on exported metrics)' -Skip:(-not $promtool) {
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $rules = Join-Path $TestDrive 'maintenance.rules.yml'
        Set-Content $rules -Value ([regex]::Match($readme, '(?s)```yaml\n(groups:.*?)```').Groups[1].Value)
        $down = "$h/status/503?rule-down"
        $resting = "$h/status/503?rule-maintenance"
        $statePath = Join-Path $TestDrive 'rule-state.json'
        # Both confirmed Down first; then the second is checked inside its window: only the rule can keep its alert quiet.
        $null = $down, $resting | Test-SiteStatus -StatePath $statePath
        $metrics = @([pscustomobject]@{ Url = $down }, [pscustomobject]@{ Url = $resting; MaintenanceWindow = 'Daily 00:00 24h' }) |
            Test-SiteStatus -StatePath $statePath | ConvertTo-SiteStatusMetric
        $metrics | Should -Match "(?m)^probe_confirmed_up\{target=`"$([regex]::Escape($resting))`"\} 0$"

        # Each exported series as Prometheus would scrape it (job and instance added), held for five minutes. The
        # since series is left out: its time is the run's, and the description then ends "Down since ."
        $series = foreach ($line in $metrics -split "`n" | Where-Object { $_ -match '^probe_' -and $_ -notmatch '^probe_status_since' }) {
            $parts = [regex]::Match($line, '^(\w+)\{(.*)\} (\S+)$').Groups
            "      - series: '$($parts[1].Value){job=""sites"",instance=""exporter:9100"",$($parts[2].Value)}'"
            "        values: '$($parts[3].Value)x5'"
        }
        $test = Join-Path $TestDrive 'maintenance.test.yml'
        Set-Content $test -Value @"
rule_files: ['$rules']
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
$($series -join "`n")
    alert_rule_test:
      - eval_time: 2m
        alertname: SiteDown
        exp_alerts:
          - exp_labels: { severity: page, job: sites, instance: 'exporter:9100', target: '$down' }
            exp_annotations: { summary: '$down is down', description: 'Failure: HttpStatus. Down since .' }
"@

        $output = & promtool test rules $test 2>&1
        "$output" | Should -Match 'SUCCESS'
        $LASTEXITCODE | Should -Be 0
    }
}

# README's alert rules and relabelling, verbatim, on a real Prometheus that scrapes an exported file as any scrape
# does: Prometheus sets job and instance (the exporter's host:port) itself.
Describe 'README on a real Prometheus' -Skip:(-not $prometheus) {
    BeforeAll {
        $down = 'http://127.0.0.1:9/', "$h/status/503?prometheus"
        $resting = "$h/status/503?prometheus-maintenance"
        $file = Join-Path $TestDrive 'prometheus-sites.prom'
        $statePath = Join-Path $TestDrive 'prometheus-state.json'
        # Confirmed Down before its maintenance window: the rule, not the state, must keep its alert from firing.
        $null = Test-SiteStatus $resting -StatePath $statePath
        @("$h/ok?prometheus") + $down + @([pscustomobject]@{ Url = $resting; MaintenanceWindow = 'Daily 00:00 24h' }) |
            Test-SiteStatus -StatePath $statePath | Export-SiteStatusMetric -Path $file

        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $rules = Join-Path $TestDrive 'prometheus-rules.yml'
        Set-Content $rules -Value ([regex]::Match($readme, '(?s)```yaml\n(groups:.*?)```').Groups[1].Value)
        $scrape = [regex]::Match($readme, '(?s)```yaml\n([^`]*?metric_relabel_configs:[^`]*?)```').Groups[1].Value
        $relabel = [regex]::Match($scrape, '(?ms)^    metric_relabel_configs:.*').Value
        $relabel | Should -Not -BeNullOrEmpty -Because 'README shows a scrape job with metric_relabel_configs'

        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $config = Join-Path $TestDrive 'prometheus.yml'
        $target = "'$($server.Http.Authority)'"
        Set-Content $config -Value @"
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: ['$rules']
scrape_configs:
  - job_name: sites
    metrics_path: /file
    params: { path: ['$file'] }
    static_configs:
      - targets: [$target]
  - job_name: sites-relabelled
    metrics_path: /file
    params: { path: ['$file'] }
    static_configs:
      - targets: [$target]
$relabel
"@
        $log = Join-Path $TestDrive 'prometheus.log'
        $process = Start-Process prometheus -PassThru -RedirectStandardError $log -RedirectStandardOutput (Join-Path $TestDrive 'prometheus.out') -ArgumentList @(
            "--config.file=$config", "--storage.tsdb.path=$(Join-Path $TestDrive 'tsdb')", "--web.listen-address=127.0.0.1:$port")

        function Get-Prometheus([string] $Path) { (Invoke-RestMethod "http://127.0.0.1:$port$Path").data }

        # Two down sites, each scraped by both jobs: four SiteDown alerts, within a bounded wait.
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        $alerts = @()
        while ($alerts.Count -lt 4) {
            if ($process.HasExited) { throw "prometheus exited: $(Get-Content $log -Raw)" }
            if ([DateTime]::UtcNow -gt $deadline) { throw "SiteDown did not fire within 60 s: $($alerts | ConvertTo-Json -Depth 5) $(Get-Content $log -Raw)" }
            Start-Sleep -Milliseconds 250
            try { $alerts = @((Get-Prometheus '/api/v1/alerts').alerts | Where-Object { $_.labels.alertname -eq 'SiteDown' -and $_.state -eq 'firing' }) } catch { $alerts = @() }
        }
    }

    AfterAll {
        if ($process -and -not $process.HasExited) { $process.Kill() }
        if ($process) { $process.WaitForExit() }
    }

    It 'fires SiteDown for each down site, named by its URL, with its own failure reason only' {
        $fired = @($alerts | Where-Object { $_.labels.job -eq 'sites' })

        ($fired.labels.target | Sort-Object) | Should -Be ($down | Sort-Object)
        $fired.labels.instance | Sort-Object -Unique | Should -Be $server.Http.Authority
        foreach ($alert in $fired) {
            $alert.annotations.summary | Should -Be "$($alert.labels.target) is down"
            $reason = if ($alert.labels.target -like '*:9/') { 'ConnectionRefused' } else { 'HttpStatus' }
            $alert.annotations.description | Should -Match "^Failure: $reason\.\s+Down since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d"
        }
    }

    It 'fires no SiteDown for a site in its maintenance window, confirmed Down though it is' {
        $query = 'probe_confirmed_up{job="sites",target="' + $resting + '"}'
        $confirmed = @((Get-Prometheus "/api/v1/query?query=$([uri]::EscapeDataString($query))").result)

        $confirmed | Should -HaveCount 1
        $confirmed[0].value[1] | Should -Be '0'
        $alerts.labels.target | Should -Not -Contain $resting
    }

    It 'with README''s metric_relabel_configs, instance is the URL, as blackbox dashboards expect' {
        $series = @((Get-Prometheus "/api/v1/query?query=$([uri]::EscapeDataString('probe_success{job="sites-relabelled"}'))").result)

        $series | Should -HaveCount 4
        foreach ($one in $series) { $one.metric.instance | Should -Be $one.metric.target }
        ($series.metric.instance | Sort-Object) | Should -Be (@("$h/ok?prometheus", $resting) + $down | Sort-Object)
        $relabelled = @($alerts | Where-Object { $_.labels.job -eq 'sites-relabelled' })
        ($relabelled.annotations.summary | Sort-Object) | Should -Be ($down | Sort-Object | ForEach-Object { "$_ is down" })
        $relabelled.annotations.description | Should -Match '^Failure: (ConnectionRefused|HttpStatus)\.\s+Down since '
    }
}
