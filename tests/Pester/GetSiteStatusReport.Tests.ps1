BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $ok = [uri]::new($server.Http, '/ok').AbsoluteUri
    $slow = [uri]::new($server.Http, '/delay/300').AbsoluteUri
    $secure = [uri]::new($server.Https, '/ok').AbsoluteUri
    $missing = [uri]::new($server.Http, '/status/404').AbsoluteUri
}

AfterAll {
    Stop-TestServer $server
}

Describe 'Get-SiteStatusReport' {
    It 'is exported next to Test-SiteStatus' {
        # Every cmdlet the manifest names, and no other: the manifest is the one list.
        $exported = (Get-Command -Module SiteStatus).Name | Sort-Object
        $exported | Should -Be ((Import-PowerShellDataFile $env:SITESTATUS_MODULE).CmdletsToExport | Sort-Object)
        $exported | Should -Contain 'Get-SiteStatusReport'
        $exported | Should -Contain 'Test-SiteStatus'
    }

    It 'reports each site of a file, with timings and the certificate' {
        $file = Join-Path $TestDrive 'urls.txt'
        Set-Content $file -Value $ok, $secure

        $reports = Get-Content $file | Get-SiteStatusReport -SkipCertificateCheck

        $reports | Should -HaveCount 2
        $tls = $reports | Where-Object Uri -EQ $secure
        $tls.GetType().FullName | Should -Be 'SiteStatus.SiteStatusReport'
        $tls.Status | Should -Be 'Up'
        $tls.Certificate.Subject | Should -Be 'CN=localhost'
        $tls.Timing.FirstByteMs | Should -BeGreaterThan 0
        $tls.Timing.TotalMs | Should -BeGreaterThan 0
        ($reports | Where-Object Uri -EQ $ok).Timing.TlsMs | Should -BeNullOrEmpty
    }

    It 'measures DNS, connect and TLS on the net8.0 build' -Skip:($env:SITESTATUS_BUILD -ne 'net8.0') {
        $report = Get-SiteStatusReport ([uri]::new($server.Https, '/ok?timing').AbsoluteUri.Replace('127.0.0.1', 'localhost')) -SkipCertificateCheck

        $report.Timing.DnsMs | Should -Not -BeNullOrEmpty
        $report.Timing.ConnectMs | Should -BeGreaterThan 0
        $report.Timing.TlsMs | Should -BeGreaterThan 0
        $report.RemoteAddress | Should -Not -BeNullOrEmpty
    }

    # README: the handler of Windows PowerShell 5.1 gives no connection callback, so these are always null there.
    It 'leaves DnsMs, ConnectMs, TlsMs and RemoteAddress null on the netstandard2.0 build' -Skip:($env:SITESTATUS_BUILD -ne 'netstandard2.0') {
        $report = Get-SiteStatusReport ([uri]::new($server.Https, '/ok?timing').AbsoluteUri.Replace('127.0.0.1', 'localhost')) -SkipCertificateCheck

        $report.Status | Should -Be 'Up'
        foreach ($value in $report.Timing.DnsMs, $report.Timing.ConnectMs, $report.Timing.TlsMs, $report.RemoteAddress) { $value | Should -BeNullOrEmpty }
        $report.Certificate.Subject | Should -Be 'CN=localhost'
        $report.Timing.FirstByteMs | Should -BeGreaterThan 0
    }

    It 'shows a compact table and a readable list, with no type names or @{} blobs' {
        $report = Get-SiteStatusReport $secure -SkipCertificateCheck -SlowThresholdMs 1
        $table = $report | Out-String -Width 150
        $list = $report | Format-List | Out-String -Width 300

        $table | Should -Match 'Status\s+Uri\s+Code\s+ms\s+Cert\s+Reason or warnings'
        $table | Should -Match 'Degraded\s+\S+\s+200\s+\d+\s+\d+\s+Answered in'
        $list | Should -Match $(if ($env:SITESTATUS_BUILD -eq 'net8.0') { 'Timing\s+: ConnectMs [\d.]+, TlsMs [\d.]+, FirstByteMs [\d.]+, TotalMs [\d.]+' } else { 'Timing\s+: FirstByteMs [\d.]+, TotalMs [\d.]+' })
        $list | Should -Match 'Certificate\s+: CN=localhost, issued by CN=localhost, .* days left\), names: localhost 127\.0\.0\.1, problems: UntrustedRoot'
        $list | Should -Match 'Redirects\s+: 200 https://'
        $list | Should -Not -Match 'SiteStatus\.\w+|@\{'
    }

    It 'writes one summary with -Summary' {
        $summary = $ok, $slow, $missing | Get-SiteStatusReport -Summary -SlowThresholdMs 200

        $summary | Should -HaveCount 1
        $summary.GetType().FullName | Should -Be 'SiteStatus.SiteStatusSummary'
        $summary.Total | Should -Be 3
        $summary.Up | Should -Be 1
        $summary.Degraded | Should -Be 1
        $summary.Down | Should -Be 1
        $summary.Slowest[0].Uri | Should -Be $slow
        $summary.Failures[0].Failure | Should -Be 'HttpStatus'
        $text = $summary | Out-String -Width 200
        $text | Should -Match 'AvailabilityPercent\s+: 66\.67'
        $text | Should -Match 'Failures\s+: HttpStatus: 1'
    }

    It 'exports plain CSV: redirects, warnings and the summary''s lists as text, while they stay objects' {
        $redirect = [uri]::new($server.Https, '/redirect/2').AbsoluteUri
        $base = $redirect -replace '/redirect/2$'
        $refused = 'http://127.0.0.1:9/'
        $warned = @{ SkipCertificateCheck = $true; CertificateExpiryWarningDays = 36500; SlowThresholdMs = 1 }
        $reportCsv = Join-Path $TestDrive 'reports.csv'
        $summaryCsv = Join-Path $TestDrive 'summary.csv'

        $report = Get-SiteStatusReport $redirect @warned
        $report | Export-Csv $reportCsv
        $summary = $redirect, $missing, $refused | Get-SiteStatusReport -Summary -StatePath (Join-Path $TestDrive 'state.json') @warned
        $summary | Export-Csv $summaryCsv

        $cells = @(Import-Csv $reportCsv) + @(Import-Csv $summaryCsv) | ForEach-Object { $_.PSObject.Properties.Value }
        $cells | Where-Object { $_ -match 'System\.|`\d|\[\w+\.\w+' } | Should -BeNullOrEmpty
        $row = Import-Csv $reportCsv
        $row.Redirects | Should -Be "302 $base/redirect/2 -> 302 $base/redirect/1 -> 200 $base/redirect/0"
        $row.Warnings | Should -Match '^The certificate expires in \d+ days \(\d{4}-\d\d-\d\d\)\.; Answered in \d+ ms, slower than 1 ms\.$'
        $row = Import-Csv $summaryCsv
        $row.Slowest -split ', ' | Should -HaveCount 3
        $row.Slowest -split ', ' | ForEach-Object { $_ | Should -Match '^\S+ \(\d+ ms\)$' }
        $row.Failures | Should -Be 'HttpStatus: 1, ConnectionRefused: 1'
        $row.CertificatesExpiringSoon | Should -Match "^$([regex]::Escape($redirect)) \(\d+ days\)$"
        $row.WentDown -split ', ' | Sort-Object | Should -Be ("$missing (HttpStatus)", "$refused (ConnectionRefused)" | Sort-Object)
        $row.Recovered | Should -Be ''
        $row.Availability -split ', ' | Sort-Object | Should -Be ("$redirect 100% of 1", "$missing 0% of 1", "$refused 0% of 1" | Sort-Object)
        $row.Locations | Should -Be ''

        # The lists stay objects for PowerShell and for ConvertTo-Json.
        $report.Redirects[0].StatusCode | Should -Be 302
        $report.Warnings | Should -HaveCount 2
        $summary.Failures[1].Reports[0].Uri | Should -Be $refused
        $json = $report | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.Redirects[2].StatusCode | Should -Be 200
        $json.Redirects[2].Uri | Should -Be "$base/redirect/0"
        $json.Warnings | Should -HaveCount 2
    }

    It 'checks again the results of Test-SiteStatus piped in' {
        $report = Test-SiteStatus $ok | Get-SiteStatusReport

        $report.GetType().FullName | Should -Be 'SiteStatus.SiteStatusReport'
        $report.Timing.FirstByteMs | Should -BeGreaterThan 0
    }
}
