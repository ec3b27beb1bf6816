# Uptime from the built module: a month of hourly outcomes made from real results, counted from the results piped in
# (by hand, the arithmetic below) and from a real Prometheus backfilled with the module's own OpenMetrics (-Backfill).
BeforeDiscovery {
    $prometheus = (Get-Command prometheus -ErrorAction Ignore) -and (Get-Command promtool -ErrorAction Ignore)
    if (-not $prometheus) { Write-Host 'prometheus or promtool is not installed: install the Debian package prometheus to compare uptime from a real Prometheus (those tests are skipped).' }
}

BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $h = $server.Http.GetLeftPart('Authority')

    # Real results, as JSON Lines read back, are the templates: up, down (503), NotRun (the canary was down) and down in
    # a maintenance window.
    $template = @{
        Up          = Test-SiteStatus "$h/ok" | ConvertTo-SiteStatusJsonLine | ConvertFrom-Json
        Down        = Test-SiteStatus "$h/status/503" | ConvertTo-SiteStatusJsonLine | ConvertFrom-Json
        NotRun      = Test-SiteStatus "$h/ok" -CanaryUri 'http://127.0.0.1:9/' 3>$null | ConvertTo-SiteStatusJsonLine | ConvertFrom-Json
        Maintenance = [pscustomobject]@{ Url = "$h/status/503"; MaintenanceWindow = 'Daily 00:00 24h' } | Test-SiteStatus | ConvertTo-SiteStatusJsonLine | ConvertFrom-Json
    }
    $template.NotRun.Status | Should -Be 'NotRun'
    $template.Maintenance.Maintenance | Should -BeTrue

    function New-Outcome([string] $Kind, [string] $Uri, [string] $Location, [DateTimeOffset] $At, [double] $Ms) {
        $outcome = $template[$Kind].PSObject.Copy()
        $outcome.Uri = $Uri
        $outcome.Timestamp = $At
        $outcome.ResponseTimeMs = if ($Kind -eq 'NotRun') { 0 } else { $Ms }
        $outcome | Add-Member -NotePropertyName Location -NotePropertyValue $(if ($Location) { $Location }) -Force
        $outcome
    }

    # October 2026 (UTC, 744 h), a check every hour on the hour. Site A from two locations:
    #   eu down 5 Oct 10:00-12:00; no checks on 20 Oct (its 19 Oct 23:00 check stands until 01:00, two intervals);
    #   us down 5 Oct 11:00-14:00; NotRun 10 Oct 00:00-06:00 (the canary was down);
    #   both down in maintenance 15 Oct 02:00-04:00.
    # Site B, without locations: down 2 Oct 03:00-04:00, and from 31 Oct 22:00 to the month's end.
    $a = "$h/uptime/a"
    $b = "$h/uptime/b"
    $october = [DateTimeOffset]::new(2026, 10, 1, 0, 0, 0, [TimeSpan]::Zero)
    $outcomes = foreach ($i in 0..743) {
        $at = $october.AddHours($i)
        $ms = 100 + ($i % 10)
        $maintenance = $at.Day -eq 15 -and $at.Hour -in 2, 3
        if ($at.Day -ne 20) {
            $kind = if ($maintenance) { 'Maintenance' } elseif ($at.Day -eq 5 -and $at.Hour -in 10, 11) { 'Down' } else { 'Up' }
            New-Outcome $kind $a 'eu' $at $ms
        }
        $kind = if ($maintenance) { 'Maintenance' } elseif ($at.Day -eq 5 -and $at.Hour -in 11..13) { 'Down' } elseif ($at.Day -eq 10 -and $at.Hour -le 5) { 'NotRun' } else { 'Up' }
        New-Outcome $kind $a 'us' $at $ms
        $kind = if (($at.Day -eq 2 -and $at.Hour -eq 3) -or ($at.Day -eq 31 -and $at.Hour -ge 22)) { 'Down' } else { 'Up' }
        New-Outcome $kind $b $null $at $ms
    }

    # What the tests compare: every figure but the reasons, which Prometheus does not keep.
    function Get-Figures($Uptime) {
        foreach ($row in $Uptime) {
            [pscustomobject]@{
                Uri           = $row.Uri
                Location      = $row.Location
                Window        = $row.Window
                UptimePercent = [Math]::Round($row.UptimePercent, 9)
                Downtime      = $row.Downtime
                Maintenance   = $row.Maintenance
                Coverage      = [Math]::Round($row.CoveragePercent, 9)
                Longest       = $row.LongestIncident
                Mean          = [Math]::Round($row.MeanResponseTimeMs, 6)
                P95           = [Math]::Round($row.P95ResponseTimeMs, 6)
                Checks        = $row.Checks
                RunInterval   = $row.RunInterval
                Days          = "$($row.Days.Status)"
                Incidents     = @($row.Incidents | ForEach-Object { '{0:o} {1:o} {2} {3}' -f $_.Start, $_.End, $_.Failure, "$($_.Locations)" }) -join '; '
            } | ConvertTo-Json -Compress
        }
    }
}

AfterAll {
    Stop-TestServer $server
}

Describe 'Get-SiteStatusUptime from results' {
    It 'counts a month by the rules: overlapping incidents once, NotRun and maintenance not counted, an ongoing incident' {
        $rows = @($outcomes | Get-SiteStatusUptime -Month 2026-10 -TimeZone UTC)

        $rows.Uri | Should -Be $a, $b
        # A: down 10:00-14:00 (eu's and us's overlapping incidents as one), maintenance 2 h; us's NotRun is covered by eu,
        # eu's silence by us: 744 - 2 = 742 h counted, all known, 738 up: 99.461%.
        $rows[0].UptimePercent | Should -Be (100 * 738 / 742)
        $rows[0].Downtime | Should -Be ([TimeSpan]::FromHours(4))
        $rows[0].Maintenance | Should -Be ([TimeSpan]::FromHours(2))
        $rows[0].CoveragePercent | Should -Be 100
        $rows[0].Checks | Should -Be (720 + 744)
        $rows[0].IncidentCount | Should -Be 1
        $rows[0].Incidents[0].Start | Should -Be ([DateTimeOffset]'2026-10-05T10:00:00Z')
        $rows[0].Incidents[0].End | Should -Be ([DateTimeOffset]'2026-10-05T14:00:00Z')
        @($rows[0].Incidents[0].Locations) | Should -Be 'eu', 'us'
        $rows[0].Incidents[0].Reason | Should -Be $template.Down.Reason
        # B: down 1 h on the 2nd and 2 h at the end, 741 of 744 h up: 99.597%; the last incident is not over.
        $rows[1].UptimePercent | Should -Be (100 * 741 / 744)
        $rows[1].IncidentCount | Should -Be 2
        $rows[1].Incidents[1].Ongoing | Should -BeTrue
        $rows[1].LongestIncident | Should -Be ([TimeSpan]::FromHours(2))
        $rows[1].Days | Should -HaveCount 31
        $rows[1].Days[1].Status | Should -Be 'PartlyDown'
        $rows[1].Days[30].Status | Should -Be 'PartlyDown'
    }

    It 'counts each location alone with -ByLocation' {
        $rows = @($outcomes | Get-SiteStatusUptime $a -Month 2026-10 -TimeZone UTC -ByLocation)

        $rows.Location | Should -Be 'eu', 'us'
        # eu: 744 - 2 (maintenance) - 23 (no data on the 20th after its last outcome's two hours) = 719 h known, 2 down.
        $rows[0].UptimePercent | Should -Be (100 * 717 / 719)
        $rows[0].CoveragePercent | Should -Be (100 * 719 / 742)
        # us: 744 - 2 - 6 (NotRun) = 736 h known, 3 down.
        $rows[1].UptimePercent | Should -Be (100 * 733 / 736)
        $rows[1].PSObject.TypeNames[0] | Should -Be 'SiteStatus.SiteUptime#Location'
        ($rows | Format-Table | Out-String -Width 120) | Should -Match '(?m)^Uptime %\s+Window\s+Down\s+Inc\s+p95 ms\s+Location\s+Uri\s+Note'

        # Checks from no location (before there were any) come first, and their row keeps the table's Location column.
        $older = $outcomes | Where-Object Uri -EQ $a | Select-Object -First 5 | ForEach-Object { $_ | Select-Object * -ExcludeProperty Location }
        $mixed = @($older + @($outcomes) | Get-SiteStatusUptime $a -Month 2026-10 -TimeZone UTC -ByLocation)
        $mixed.Location | Should -Be $null, 'eu', 'us'
        $mixed.ForEach({ $_.PSObject.TypeNames[0] }) | Should -Be (@('SiteStatus.SiteUptime#Location') * 3)
    }

    It 'says too little data rather than 100% for a window mostly before the first check' {
        $row = $outcomes | Get-SiteStatusUptime $b -Window 90d

        $row.UptimePercent | Should -BeNullOrEmpty
        $row.Note | Should -BeLike 'Too little data: *'
    }

    It 'reads the SQLite history of -HistoryPath as the results it kept give it' {
        $history = Join-Path $TestDrive 'uptime.db'
        $key = [guid]::NewGuid().ToString('N')
        foreach ($code in 200, 503, 503, 200) {
            $null = Invoke-WebRequest -Method Post -Uri "$h/switch/${key}?code=$code"
            $null = Test-SiteStatus "$h/switch/$key", "$h/ok?uptime-history" -HistoryPath $history
        }

        $fromFile = @(Get-SiteStatusUptime -HistoryPath $history -Window 24h)
        $fromEntries = @(Get-SiteStatusHistory -HistoryPath $history | Get-SiteStatusUptime -Window 24h)

        $fromFile.Uri | Should -Be ("$h/ok?uptime-history", "$h/switch/$key" | Sort-Object)
        $fromFile.Checks | Should -Be 4, 4
        ($fromFile | ForEach-Object { "$($_.Uri) $($_.Checks) $($_.Downtime) $($_.IncidentCount) $($_.UptimePercent) $($_.Note)" }) |
            Should -Be ($fromEntries | ForEach-Object { "$($_.Uri) $($_.Checks) $($_.Downtime) $($_.IncidentCount) $($_.UptimePercent) $($_.Note)" })
        ($fromFile | Where-Object Uri -Like '*switch*').IncidentCount | Should -Be 1
        { Get-SiteStatusUptime -HistoryPath (Join-Path $TestDrive 'none.db') -ErrorAction Stop } | Should -Throw -ErrorId 'HistoryNotFound,SiteStatus.Commands.GetSiteStatusUptimeCommand'
        { Get-SiteStatusUptime -HistoryPath $TestDrive -ErrorAction Stop } | Should -Throw -ErrorId 'HistoryUnreadable,SiteStatus.Commands.GetSiteStatusUptimeCommand'
        @(Get-SiteStatusUptime -HistoryPath $history -Month 2030-01 -WarningVariable said 3>$null) | Should -HaveCount 0
        "$said" | Should -BeLike 'No URL was checked from 2030-01-01 * to 2030-02-01 *: no row to give.'
        $null = Get-SiteStatusUptime -HistoryPath $history -Location nowhere -WarningVariable said 3>$null
        "$said" | Should -BeLike 'No URL from nowhere was checked from *'
        { Get-SiteStatusUptime -HistoryPath $history -Month 0001-01 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SiteStatus.Commands.GetSiteStatusUptimeCommand' -ExpectedMessage '*out of range: give a month from 0002-01 to 9998-12*'
        $problems = $thrown = $null
        try { Get-SiteStatusHistory -HistoryPath $history | Get-SiteStatusUptime -HistoryPath $history -ErrorVariable problems -ErrorAction SilentlyContinue } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be 'ResultsWithHistory,SiteStatus.Commands.GetSiteStatusUptimeCommand'
        $problems | Should -HaveCount 1
    }

    It 'refuses -Window with -Month, and a result without a Timestamp comes back as an error' {
        { $outcomes | Get-SiteStatusUptime -Window 7d -Month 2026-10 -ErrorAction Stop } | Should -Throw -ErrorId 'WindowAndMonth,SiteStatus.Commands.GetSiteStatusUptimeCommand'
        $refused = $null
        try { Get-SiteStatusUptime -PrometheusUri 'ftp://bob:hunter2@prometheus:9090/' -ErrorAction Stop } catch { $refused = $_ }
        $refused.FullyQualifiedErrorId | Should -Be 'InvalidPrometheusUri,SiteStatus.Commands.GetSiteStatusUptimeCommand'
        "$refused $($refused.TargetObject)" | Should -Not -Match 'hunter2'
        $null = [pscustomobject]@{ Uri = $a; Status = 'Up' } | Get-SiteStatusUptime -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.FullyQualifiedErrorId | Should -Be 'ResultWithoutTimestamp,SiteStatus.Commands.GetSiteStatusUptimeCommand'
        $null = [pscustomobject]@{ Uri = $a; Status = 'Sideways'; Timestamp = [datetimeoffset]::Now } | Get-SiteStatusUptime -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.FullyQualifiedErrorId | Should -Be 'InvalidResultStatus,SiteStatus.Commands.GetSiteStatusUptimeCommand'
        # A result made by hand with a password in its URL gives none.
        $row = [pscustomobject]@{ Uri = 'http://bob:hunter2@127.0.0.1/'; Status = 'Up'; Timestamp = [datetimeoffset]::Now } | Get-SiteStatusUptime -Window 24h
        $row.Uri | Should -Be 'http://***@127.0.0.1/'
    }
}

Describe 'Get-SiteStatusUptime from a real Prometheus, backfilled with the module''s own OpenMetrics' -Skip:(-not $prometheus) {
    BeforeAll {
        $file = Join-Path $TestDrive 'backfill.om'
        $outcomes | Export-SiteStatusMetric -Path $file -Backfill
        $tsdb = Join-Path $TestDrive 'tsdb'
        $output = & promtool tsdb create-blocks-from openmetrics $file $tsdb 2>&1
        if ($LASTEXITCODE) { throw "promtool could not backfill: $output" }

        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $config = Join-Path $TestDrive 'prometheus.yml'
        Set-Content $config -Value "global:`n  scrape_interval: 1m"
        $log = Join-Path $TestDrive 'prometheus.log'
        $process = Start-Process prometheus -PassThru -RedirectStandardError $log -RedirectStandardOutput (Join-Path $TestDrive 'prometheus.out') -ArgumentList @(
            "--config.file=$config", "--storage.tsdb.path=$tsdb", '--storage.tsdb.retention.time=10y', "--web.listen-address=127.0.0.1:$port")
        $prometheusUri = "http://127.0.0.1:$port"

        # Ready within a bounded wait: the blocks are loaded before /-/ready answers 200.
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ($true) {
            if ($process.HasExited) { throw "prometheus exited: $(Get-Content $log -Raw)" }
            if ([DateTime]::UtcNow -gt $deadline) { throw "prometheus was not ready within 60 s: $(Get-Content $log -Raw)" }
            try { if ((Invoke-WebRequest "$prometheusUri/-/ready" -SkipHttpErrorCheck).StatusCode -eq 200) { break } } catch { $null = $_ }
            Start-Sleep -Milliseconds 250
        }
    }

    AfterAll {
        if ($process -and -not $process.HasExited) { $process.Kill() }
        if ($process) { $process.WaitForExit() }
    }

    It 'gives the month of every site as the results themselves give it' {
        $expected = Get-Figures ($outcomes | Get-SiteStatusUptime -Month 2026-10 -TimeZone UTC)

        $actual = Get-Figures (Get-SiteStatusUptime -PrometheusUri $prometheusUri -StepSec 3600 -Month 2026-10 -TimeZone UTC)

        $actual | Should -HaveCount 2
        $actual | Should -Be $expected
        ($actual[0] | ConvertFrom-Json).UptimePercent | Should -Be ([Math]::Round(100 * 738 / 742, 9))
    }

    It 'gives each location''s, and selects URLs by pattern and location as the results do' {
        $expected = Get-Figures ($outcomes | Get-SiteStatusUptime "$h/uptime/?" -Location us -Month 2026-10 -TimeZone UTC -ByLocation)

        $actual = Get-Figures (Get-SiteStatusUptime "$h/uptime/?" -Location us -PrometheusUri $prometheusUri -StepSec 3600 -Month 2026-10 -TimeZone UTC -ByLocation)

        $actual | Should -HaveCount 1
        $actual | Should -Be $expected
        ($actual | ConvertFrom-Json).UptimePercent | Should -Be ([Math]::Round(100 * 733 / 736, 9))
        # Of one location, the row is that location's even without -ByLocation.
        (Get-Figures (Get-SiteStatusUptime $a -Location us -PrometheusUri $prometheusUri -StepSec 3600 -Month 2026-10 -TimeZone UTC)) | Should -Be $actual
    }

    It 'says HistoryUnreadable, naming the server, when a query is refused' {
        { Get-SiteStatusUptime -PrometheusUri "$prometheusUri/not-prometheus" -Month 2026-10 -ErrorAction Stop } |
            Should -Throw -ErrorId 'HistoryUnreadable,SiteStatus.Commands.GetSiteStatusUptimeCommand' -ExpectedMessage "Prometheus at http://127.0.0.1:$port answered 404*"
    }
}
