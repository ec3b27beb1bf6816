# The table and list views at the common terminal widths: no header wraps, every reason shows at least its start, and
# Uri and the reason share what the short columns leave, so both grow on a wider console.
BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $PSStyle.OutputRendering = 'PlainText'
    $long = [uri]::new($server.Http, '/ok?pad=').AbsoluteUri
    $long += 'x' * (50 - $long.Length)
    $urls = @(
        [uri]::new($server.Http, '/ok').AbsoluteUri
        [uri]::new($server.Http, '/status/503').AbsoluteUri
        [uri]::new($server.Http, '/redirect/2?with=a-rather-long-query-string-that-a-table-must-cut').AbsoluteUri
        [uri]::new($server.Https, '/ok').AbsoluteUri
        'http://127.0.0.1:9/'
        'https://intranet.invalid/'
        $long
    )
    $results = $urls | Test-SiteStatus
    $reports = $urls | Get-SiteStatusReport -SlowThresholdMs 1
    $stateResults = $urls | Test-SiteStatus -StatePath (Join-Path $TestDrive 'results.json')
    $stateReports = $urls | Get-SiteStatusReport -SlowThresholdMs 1 -StatePath (Join-Path $TestDrive 'reports.json')

    # The header is the line right above the dashes; it wraps when the line above it is not blank.
    function Get-TableHeader([string] $Text) {
        $lines = $Text -split '\r?\n'
        $dashes = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^-{3}' })
        [pscustomobject]@{ Header = $lines[$dashes - 1]; Above = $lines[$dashes - 2] }
    }

    # Where the columns start, from their labels: Uri runs up to Code, the reason to the end of the line.
    function Get-ColumnWidth([string] $Header, [int] $Width) {
        $reason = $Header.IndexOf('Reason')
        [pscustomobject]@{ Uri = $Header.IndexOf('Code') - $Header.IndexOf('Uri') - 1; Reason = $Width - $reason }
    }

    function Get-Start([string] $Text) { $Text.Substring(0, [math]::Min(20, $Text.Length)) }
}

AfterAll {
    Stop-TestServer $server
}

Describe 'Views at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    It 'Test-SiteStatus: one header line, and the start of every reason' {
        $text = $results | Out-String -Width $Width
        $table = Get-TableHeader $text

        $table.Header | Should -Match '^Status\s+Uri\s+Code\s+ms\s+Reason$'
        $table.Above | Should -BeNullOrEmpty
        foreach ($result in $results) { $text | Should -BeLike "*$(Get-Start $result.Reason)*" }
        ($text -split '\r?\n' | Measure-Object Length -Maximum).Maximum | Should -BeLessOrEqual $Width
    }

    It 'Get-SiteStatusReport: one header line, and the start of every reason or warning' {
        $text = $reports | Out-String -Width $Width
        $table = Get-TableHeader $text

        $table.Header | Should -Match '^Status\s+Uri\s+Code\s+ms\s+Cert\s+Reason or warnings$'
        $table.Above | Should -BeNullOrEmpty
        foreach ($report in $reports) {
            $shown = if ($report.Status -eq 'Down') { $report.Reason } else { $report.Warnings[0] }
            $text | Should -BeLike "*$(Get-Start $shown)*"
        }
        ($text -split '\r?\n' | Measure-Object Length -Maximum).Maximum | Should -BeLessOrEqual $Width
    }

    It 'Uri and the reason share the line: the reason keeps 20 columns, and Uri grows with the console' {
        foreach ($output in $results, $reports, $stateResults, $stateReports) {
            $text = $output | Out-String -Width $Width
            $columns = Get-ColumnWidth (Get-TableHeader $text).Header $Width

            $columns.Reason | Should -BeGreaterOrEqual 20
            $columns.Uri | Should -BeGreaterOrEqual 20
            $columns.Uri | Should -BeGreaterOrEqual ($columns.Reason - 1)
            if ($Width -eq 120) { $columns.Uri | Should -BeGreaterOrEqual 40 }
        }
        $long.Length | Should -Be 50
        ($results | Out-String -Width $Width).Contains("$long ") | Should -Be ($Width -eq 120)
    }

    It 'with -StatePath: the table adds the confirmed status and the alert' {
        $text = $stateResults | Out-String -Width $Width
        $reportText = $stateReports | Out-String -Width $Width

        (Get-TableHeader $text).Header | Should -Match '^Status\s+Uri\s+Code\s+ms\s+Confirmed\s+Alert\s+Reason$'
        (Get-TableHeader $reportText).Header | Should -Match '^Status\s+Uri\s+Code\s+ms\s+Confirmed\s+Alert\s+Reason or warnings$'
        foreach ($shown in $text, $reportText) {
            $shown | Should -Match '(?m)^Down\s+http://127\.0\.0\.1:9/\s+\d+ Down\s+Changed\s+Connection'
            $shown | Should -Match '(?m)^(Up|Degraded)\s+\S+\s+200\s+\d+ Up\s+(Answered|OK)'
            ($shown -split '\r?\n' | Measure-Object Length -Maximum).Maximum | Should -BeLessOrEqual $Width
        }
    }

    It 'the list views show every label and the whole reason' {
        foreach ($item in @($results[0]) + @($reports | Where-Object Status -EQ 'Down')) {
            $text = $item | Format-List | Out-String -Width $Width
            $text | Should -Match '(?m)^Reason\s+: '
            # A list wraps long values at the width (a space may fall at the break), so compare without white space.
            ($text -replace '\s', '').Contains(($item.Reason -replace '\s', '')) | Should -BeTrue -Because $item.Reason
        }
    }

    It 'the list views show the state only when the result carries it' {
        foreach ($item in @($stateResults | Where-Object Status -EQ 'Down')[0], @($stateReports | Where-Object Status -EQ 'Down')[0]) {
            $text = $item | Format-List | Out-String -Width $Width
            foreach ($label in 'PreviousStatus', 'ConfirmedStatus', 'Changed', 'Reminder', 'Since', 'ConsecutiveFailures', 'ConsecutiveSuccesses') {
                $text | Should -Match "(?m)^$label\s+: "
            }
            $text | Should -Match '(?m)^ConfirmedStatus\s+: Down$'
            $text | Should -Match '(?m)^Changed\s+: True$'
        }
        foreach ($item in $results[0], $reports[0]) {
            $item | Format-List | Out-String -Width $Width | Should -Not -Match '(?m)^(ConfirmedStatus|Changed|Reminder)\s+: '
        }
    }
}
