BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $ok = [uri]::new($server.Http, '/ok').AbsoluteUri
    $missing = [uri]::new($server.Http, '/status/404').AbsoluteUri
}

AfterAll {
    Stop-TestServer $server
}

Describe 'The built module' {
    It 'exports Test-SiteStatus, by name' {
        (Get-Command -Module SiteStatus).Name | Should -Contain 'Test-SiteStatus'
    }

    It 'passes Test-ModuleManifest' {
        (Test-ModuleManifest $env:SITESTATUS_MODULE).Name | Should -Be 'SiteStatus'
    }

    It 'ships its MIT license, links to no placeholder, and takes its release notes from CHANGELOG.md' {
        $manifest = Test-ModuleManifest $env:SITESTATUS_MODULE
        $changelog = Get-Content (Join-Path $PSScriptRoot '../../CHANGELOG.md') -Raw
        $section = [regex]::Match($changelog, '(?ms)^## ' + [regex]::Escape("$($manifest.Version)") + '\s*$(.*?)(?=^## |\z)').Groups[1].Value.Trim()

        Get-Content (Join-Path $manifest.ModuleBase 'LICENSE') -TotalCount 1 | Should -Be 'MIT License'
        $manifest.ProjectUri | Should -BeNullOrEmpty
        $manifest.LicenseUri | Should -BeNullOrEmpty
        $section | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.ReleaseNotes.Trim() | Should -Be $section
    }

    It 'loads the build under test: <_>' -ForEach $env:SITESTATUS_BUILD {
        (Get-Command Test-SiteStatus).DLL | Should -Match ([regex]::Escape([IO.Path]::Combine('bin', $_, 'SiteStatus.dll')))
    }

    It 'connects over one address family with -IPv4 on the net8.0 build' -Skip:($env:SITESTATUS_BUILD -ne 'net8.0') {
        (Test-SiteStatus ([uri]::new($server.Http, '/ok').AbsoluteUri.Replace('127.0.0.1', 'localhost')) -IPv4).Status | Should -Be 'Up'
    }

    It 'refuses -IPv4 and -IPv6 on the netstandard2.0 build, as README says' -Skip:($env:SITESTATUS_BUILD -ne 'netstandard2.0') {
        { Test-SiteStatus $ok -IPv4 -ErrorAction Stop } | Should -Throw -ErrorId 'AddressFamilyNotSupported,SiteStatus.Commands.TestSiteStatusCommand'
        { Test-SiteStatus $ok -IPv6 -ErrorAction Stop } | Should -Throw -ErrorId 'AddressFamilyNotSupported,SiteStatus.Commands.TestSiteStatusCommand'
    }
}

Describe 'Test-SiteStatus' {
    It 'checks each line of a URL file, passing over blank and comment lines' {
        $file = Join-Path $TestDrive 'urls.txt'
        Set-Content $file -Value '# our sites', $ok, '', '   ', $missing

        $results = Get-Content $file | Test-SiteStatus

        $results | Should -HaveCount 2
        ($results | Where-Object Uri -EQ $ok).Status | Should -Be 'Up'
        ($results | Where-Object Uri -EQ $missing).StatusCode | Should -Be 404
        $results[0].GetType().FullName | Should -Be 'SiteStatus.SiteStatusResult'
    }

    It 'binds the Url column of a CSV by property name' {
        $csv = Join-Path $TestDrive 'sites.csv'
        [pscustomobject]@{ Name = 'ok'; Url = $ok }, [pscustomobject]@{ Name = 'missing'; Url = $missing } | Export-Csv $csv

        $results = Import-Csv $csv | Test-SiteStatus

        ($results.Status | Sort-Object) | Should -Be 'Up', 'Down'
    }

    It 'writes an InvalidUri error for bad input, with the input as target, and checks the rest' {
        $results = 'not a url', $ok, 'ftp://example.com/' | Test-SiteStatus -ErrorVariable problems -ErrorAction SilentlyContinue

        $results | Should -HaveCount 1
        $problems | Should -HaveCount 2
        $problems.FullyQualifiedErrorId | Should -Be 'InvalidUri,SiteStatus.Commands.TestSiteStatusCommand', 'InvalidUri,SiteStatus.Commands.TestSiteStatusCommand'
        $problems.TargetObject | Should -Be 'not a url', 'ftp://example.com/'
    }

    It '-Quiet answers an if' {
        $answer = if (Test-SiteStatus $ok -Quiet) { 'up' } else { 'down' }
        $answer | Should -Be 'up'
        Test-SiteStatus $missing -Quiet | Should -BeFalse
    }

    It 'shows the table view with its columns' {
        $table = Test-SiteStatus $ok | Out-String -Width 120

        $table | Should -Match 'Status\s+Uri\s+Code\s+ms\s+Reason'
        $table | Should -Match ('Up\s+' + [regex]::Escape($ok) + '\s+200\s+\d+\s+OK')
    }

    It 'colours Status green for Up and red for Down where PSStyle renders' {
        $rendering = $PSStyle.OutputRendering
        try {
            $PSStyle.OutputRendering = 'Ansi'
            $up = Test-SiteStatus $ok | Format-Table | Out-String
            $down = Test-SiteStatus $missing | Format-Table | Out-String
        }
        finally {
            $PSStyle.OutputRendering = $rendering
        }

        # Escape characters shown as text, so a failure message stays valid in the JUnit report.
        $visible = { param($text) $text.Replace([string][char]27, '<ESC>') }
        & $visible $up | Should -Match ([regex]::Escape((& $visible "$($PSStyle.Foreground.Green)Up$($PSStyle.Reset)")))
        & $visible $down | Should -Match ([regex]::Escape((& $visible "$($PSStyle.Foreground.Red)Down$($PSStyle.Reset)")))
    }

    It 'exports plain CSV columns' {
        $csv = Join-Path $TestDrive 'results.csv'
        $json = [uri]::new($server.Http, '/json?body=' + [uri]::EscapeDataString('{"status":"UP"}')).AbsoluteUri
        Test-SiteStatus $ok | Export-Csv $csv
        Test-SiteStatus $json -JsonCondition 'status == UP' | Export-Csv $csv -Append

        $lines = Get-Content $csv
        $lines[0] | Should -Be ('"Uri","Status","StatusCode","Failure","Reason","ResponseTimeMs","FinalUri","Timestamp","Attempts","Method","HttpVersion","Conditions","Location",' +
            '"Maintenance","Addresses","PreviousStatus","ConfirmedStatus","Changed","Since","ConsecutiveFailures","ConsecutiveSuccesses","Reminder"')
        $lines[1] | Should -BeLike "`"$ok`",`"Up`",`"200`",`"None`",`"OK`",*,`"1.1`",`"`",,`"False`",`"`",,,`"False`",,,,`"False`""
        $lines[2] | Should -BeLike "*,`"status == UP: passed (`"`"UP`"`")`",*"
    }

    It 'converts to plain JSON' {
        $json = Test-SiteStatus $ok | ConvertTo-Json -EnumsAsStrings | ConvertFrom-Json

        $json.Uri | Should -Be $ok
        $json.Status | Should -Be 'Up'
        $json.StatusCode | Should -Be 200
    }

    It 'returns at once under Select-Object -First 1, without waiting for slow sites' {
        $hanging = 1..4 | ForEach-Object { [uri]::new($server.Http, "/hang?n=$_").AbsoluteUri }

        $elapsed = Measure-Command { $script:first = @($hanging) + $ok | Test-SiteStatus -TimeoutSec 600 | Select-Object -First 1 }

        $script:first.Uri | Should -Be $ok
        $elapsed.TotalSeconds | Should -BeLessThan 5
    }
}
