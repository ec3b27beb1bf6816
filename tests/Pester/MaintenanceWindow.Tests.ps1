# Recurring maintenance windows from the built module, end to end: a sites file's MaintenanceWindow column and the
# run's -MaintenanceWindow, against the loopback test server; what a check in maintenance reports, and how it shows.
BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $PSStyle.OutputRendering = 'PlainText'
    $h = $server.Http.GetLeftPart('Authority')

    # Windows computed from the clock: one that began a minute ago and lasts an hour, one that begins in two hours.
    $now = [DateTimeOffset]::UtcNow
    $on = 'Daily {0:HH:mm} 1h UTC' -f $now.AddMinutes(-1)
    $off = 'Daily {0:HH:mm} 1h UTC' -f $now.AddHours(2)
    $csv = Join-Path $TestDrive 'sites.csv'
    @(
        [pscustomobject]@{ Url = "$h/status/503?on"; MaintenanceWindow = $on }
        [pscustomobject]@{ Url = "$h/ok?off"; MaintenanceWindow = $off }
        [pscustomobject]@{ Url = "$h/ok?both"; MaintenanceWindow = "$off; $on" }
        [pscustomobject]@{ Url = "$h/ok?none"; MaintenanceWindow = '' }
    ) | Export-Csv -Path $csv

    function Get-ByQuery($Results) {
        $byQuery = @{}
        foreach ($result in $Results) { $byQuery[([uri]$result.Uri).Query.TrimStart('?')] = $result }
        $byQuery
    }
}

AfterAll {
    Stop-TestServer $server
}

Describe 'A sites file''s MaintenanceWindow column' {
    It '<Command>: a check inside its window still runs, reports what it saw, and says Maintenance' -ForEach @(@{ Command = 'Test-SiteStatus' }, @{ Command = 'Get-SiteStatusReport' }) {
        $results = Get-ByQuery (Import-Csv $csv | & $Command)

        $results.Keys | Sort-Object | Should -Be 'both', 'none', 'off', 'on'
        $results['on'].Maintenance | Should -BeTrue
        $results['on'].Status | Should -Be 'Down'
        $results['on'].StatusCode | Should -Be 503
        $results['both'].Maintenance | Should -BeTrue
        $results['both'].Status | Should -Be 'Up'
        $results['off'].Maintenance | Should -BeFalse
        $results['none'].Maintenance | Should -BeFalse
    }

    It 'replaces the run''s -MaintenanceWindow for its row; an empty cell keeps the run''s' {
        $results = Get-ByQuery (Import-Csv $csv | Test-SiteStatus -MaintenanceWindow $on)

        $results['none'].Maintenance | Should -BeTrue
        $results['off'].Maintenance | Should -BeFalse
        $results['on'].Maintenance | Should -BeTrue
    }

    It 'a bad window is that row''s InvalidSiteSetting, and the other rows are checked' {
        $rows = @(Import-Csv $csv) + [pscustomobject]@{ Url = "$h/ok?bad"; MaintenanceWindow = 'Sun 02:00 2h Mars/Olympus' }

        $results = $rows | Test-SiteStatus -ErrorVariable problems -ErrorAction SilentlyContinue

        @($results) | Should -HaveCount 4
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'InvalidSiteSetting,SiteStatus.Commands.TestSiteStatusCommand'
        $problems[0].TargetObject.Url | Should -Be "$h/ok?bad"
        "$problems" | Should -BeLike "The MaintenanceWindow of this site, 'Sun 02:00 2h Mars/Olympus', cannot be used: *this system knows no time zone 'Mars/Olympus'*"
    }
}

Describe 'The run''s -MaintenanceWindow' {
    It 'a bad window is a parameter error before any check' {
        { Test-SiteStatus "$h/ok" -MaintenanceWindow 'Sun 02:00 2 hours' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,SiteStatus.Commands.TestSiteStatusCommand' -ExpectedMessage "*'Sun 02:00 2 hours' is not a maintenance window: the duration '2' is not <n>h, <n>m or <n>h<n>m, as in 2h, 45m or 1h30m.*"
    }

    It 'JSON Lines keep Maintenance, and read back with ConvertFrom-Json the exports see it again' {
        $line = Test-SiteStatus "$h/status/503?line" -MaintenanceWindow $on | ConvertTo-SiteStatusJsonLine

        $line | Should -Match '"Maintenance":true'
        $line | ConvertFrom-Json | ConvertTo-SiteStatusMetric | Should -Match '(?m)^probe_maintenance\{target="[^"]+\?line"\} 1$'
    }
}

Describe 'The views' {
    BeforeAll {
        $results = Import-Csv $csv | Test-SiteStatus
        $reports = Import-Csv $csv | Get-SiteStatusReport
        $stateResults = Import-Csv $csv | Test-SiteStatus -StatePath (Join-Path $TestDrive 'state.json')
    }

    It 'the tables show "(maintenance)" before the reason of a check in maintenance only, and its Status as it was' {
        foreach ($output in $results, $reports, $stateResults) {
            $lines = ($output | Out-String -Width 200) -split '\r?\n'

            $lines | Where-Object { $_ -match '\?on\s' } | Should -Match '^Down\s.*\s503\s.*\(maintenance\) Service Unavailable\s*$'
            $lines | Where-Object { $_ -match '\?both\s' } | Should -Match '^Up\s.*\(maintenance\)'
            @($lines | Where-Object { $_ -match '\?(off|none)\s' }) | Should -HaveCount 2
            $lines | Where-Object { $_ -match '\?(off|none)\s' } | Should -Not -Match 'maintenance'
        }
    }

    It 'the list views add Maintenance only when it is true' {
        $inside = $results | Where-Object Uri -Like '*?on'
        $outside = $results | Where-Object Uri -Like '*?off'

        ($inside | Format-List | Out-String) | Should -Match '(?m)^Maintenance\s+: True$'
        ($outside | Format-List | Out-String) | Should -Not -Match 'Maintenance'
        ($reports | Where-Object Uri -Like '*?on' | Format-List | Out-String) | Should -Match '(?m)^Maintenance\s+: True$'
    }
}
