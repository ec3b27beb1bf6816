# The table and list views at the common terminal widths: no header wraps, and every reason shows at least its start.
BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $PSStyle.OutputRendering = 'PlainText'
    $urls = @(
        [uri]::new($server.Http, '/ok').AbsoluteUri
        [uri]::new($server.Http, '/status/503').AbsoluteUri
        [uri]::new($server.Http, '/redirect/2?with=a-rather-long-query-string-that-a-table-must-cut').AbsoluteUri
        [uri]::new($server.Https, '/ok').AbsoluteUri
        'http://127.0.0.1:9/'
        'https://intranet.invalid/'
    )
    $results = $urls | Test-SiteStatus
    $reports = $urls | Get-SiteStatusReport -SlowThresholdMs 1

    # The header is the line right above the dashes; it wraps when the line above it is not blank.
    function Get-TableHeader([string] $Text) {
        $lines = $Text -split '\r?\n'
        $dashes = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^-{3}' })
        [pscustomobject]@{ Header = $lines[$dashes - 1]; Above = $lines[$dashes - 2] }
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

        $table.Header | Should -Match '^Uri\s+Status\s+Code\s+ms\s+Reason$'
        $table.Above | Should -BeNullOrEmpty
        foreach ($result in $results) { $text | Should -BeLike "*$(Get-Start $result.Reason)*" }
        ($text -split '\r?\n' | Measure-Object Length -Maximum).Maximum | Should -BeLessOrEqual $Width
    }

    It 'Get-SiteStatusReport: one header line, and the start of every reason or warning' {
        $text = $reports | Out-String -Width $Width
        $table = Get-TableHeader $text

        $table.Header | Should -Match '^Uri\s+Status\s+Code\s+ms\s+Cert\s+Reason or warnings$'
        $table.Above | Should -BeNullOrEmpty
        foreach ($report in $reports) {
            $shown = if ($report.Status -eq 'Down') { $report.Reason } else { $report.Warnings[0] }
            $text | Should -BeLike "*$(Get-Start $shown)*"
        }
        ($text -split '\r?\n' | Measure-Object Length -Maximum).Maximum | Should -BeLessOrEqual $Width
    }

    It 'the list views show every label and the whole reason' {
        foreach ($item in @($results[0]) + @($reports | Where-Object Status -EQ 'Down')) {
            $text = $item | Format-List | Out-String -Width $Width
            $text | Should -Match '(?m)^Reason\s+: '
            # A list wraps long values at the width (a space may fall at the break), so compare without white space.
            ($text -replace '\s', '').Contains(($item.Reason -replace '\s', '')) | Should -BeTrue -Because $item.Reason
        }
    }
}
