# The history (-HistoryPath) from the built module, as scheduled runs use it: real SQLite files, separate pwsh
# processes that load the module's own native SQLite, and real SSH sessions on loopback for locations.
BeforeDiscovery {
    . $PSScriptRoot/Sshd.ps1
    $sshd = Test-SshdUsable 'history tests with locations'
}

BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    . $PSScriptRoot/Sshd.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $h = $server.Http.GetLeftPart('Authority')
    $pwsh = [Environment]::ProcessPath
    $pwshArgs = @(if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })

    # A fresh pwsh running a script (after importing the module under test), its output and errors kept.
    function Start-Pwsh([string] $Script) {
        $start = [Diagnostics.ProcessStartInfo]::new($pwsh)
        $command = "`$ErrorActionPreference = 'Stop'; Import-Module '$env:SITESTATUS_MODULE'; $Script"
        foreach ($argument in @($pwshArgs) + @('-NoProfile', '-NonInteractive', '-Command', $command)) { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        [Diagnostics.Process]::Start($start)
    }

    function Wait-Pwsh($Process) {
        $output = $Process.StandardOutput.ReadToEndAsync()
        $errors = $Process.StandardError.ReadToEnd()
        $Process.WaitForExit()
        [pscustomobject]@{ Output = @($output.Result -split '\r?\n' | Where-Object { $_ }); Errors = $errors; ExitCode = $Process.ExitCode }
    }
}

AfterAll {
    Stop-TestServer $server
}

Describe 'History' {
    It 'a fresh pwsh that imports the built module writes a SQLite history, and reads it back' {
        $db = Join-Path $TestDrive 'fresh/sites.db'
        $run = Wait-Pwsh (Start-Pwsh @"
'$h/ok?fresh', '$h/status/503?fresh' | Test-SiteStatus -HistoryPath '$db' | Out-Null
Get-SiteStatusHistory -HistoryPath '$db' | ForEach-Object { "`$(`$_.Uri) `$(`$_.Status) `$(`$_.StatusCode) `$(`$_.Failure)" }
(Get-Module SiteStatus).NestedModules[0].Path
"@)

        $run.Errors | Should -BeNullOrEmpty
        $run.Output[0..1] | Should -Be "$h/ok?fresh Up 200 None", "$h/status/503?fresh Down 503 HttpStatus"
        $run.Output[2] | Should -BeLike "*bin?${env:SITESTATUS_BUILD}?SiteStatus.dll"
        [Text.Encoding]::ASCII.GetString([IO.File]::ReadAllBytes($db), 0, 15) | Should -Be 'SQLite format 3'
    }

    It 'two processes appending to one file at once: every result is there exactly once' {
        $db = Join-Path $TestDrive 'both.db'
        $go = Join-Path $TestDrive 'go'
        $runs = 'first', 'second' | ForEach-Object {
            Start-Pwsh @"
`$urls = 1..300 | ForEach-Object { '$h/delay/5?$_-' + `$_ }
while (-not (Test-Path '$go')) { Start-Sleep -Milliseconds 20 }
`$urls | Test-SiteStatus -HistoryPath '$db' -ThrottleLimit 50 | Measure-Object | ForEach-Object Count
"@
        }
        $null = New-Item $go
        $done = $runs | ForEach-Object { Wait-Pwsh $_ }

        $done.Errors -join '' | Should -BeNullOrEmpty
        $done.Output | Should -Be 300, 300
        $entries = Get-SiteStatusHistory -HistoryPath $db
        $entries.Count | Should -Be 600
        ($entries.Uri | Sort-Object -Unique).Count | Should -Be 600
        ($entries | Where-Object Status -ne 'Up') | Should -BeNullOrEmpty
    }

    It 'a file that is no history, or of a newer schema, stops the run before any check and is left as it was' -TestCases @(
        @{ Kind = 'text' }
        @{ Kind = 'newer schema' }
    ) {
        $db = Join-Path $TestDrive "$($Kind -replace ' ').db"
        if ($Kind -eq 'text') {
            Set-Content $db 'url,status'
        }
        else {
            $null = Test-SiteStatus "$h/ok?newer" -HistoryPath $db
            # user_version is the header's big-endian word at offset 60: a schema a newer SiteStatus would write.
            $bytes = [IO.File]::ReadAllBytes($db)
            $bytes[63] = 2
            [IO.File]::WriteAllBytes($db, $bytes)
        }
        $before = [IO.File]::ReadAllBytes($db)

        $output = $failed = $null
        try { $output = Test-SiteStatus "$h/ok?refused" -HistoryPath $db } catch { $failed = $_ }

        $output | Should -BeNullOrEmpty
        $failed.FullyQualifiedErrorId | Should -Be 'HistoryUnreadable,SiteStatus.Commands.TestSiteStatusCommand'
        $failed.Exception.Message | Should -BeLike "*$db*left as it is*"
        [IO.File]::ReadAllBytes($db) | Should -Be $before
    }

    It 'Get-SiteStatusHistory filters by URL pattern, location and time, and shows a table' {
        $db = Join-Path $TestDrive 'filters.db'
        $null = "$h/ok?a", "$h/status/500?b" | Test-SiteStatus -HistoryPath $db -Location east
        $null = "$h/ok?a" | Get-SiteStatusReport -HistoryPath $db -Location west

        (Get-SiteStatusHistory -HistoryPath $db).Count | Should -Be 3
        (Get-SiteStatusHistory "$h/ok*" -HistoryPath $db).Location | Should -Be 'east', 'west'
        (Get-SiteStatusHistory -HistoryPath $db -Location WEST).Uri | Should -Be "$h/ok?a"
        (Get-SiteStatusHistory -HistoryPath $db -Last (New-TimeSpan -Minutes 5)).Count | Should -Be 3
        Get-SiteStatusHistory -HistoryPath $db -Before (Get-Date).AddMinutes(-5) | Should -BeNullOrEmpty
        Get-SiteStatusHistory -HistoryPath $db | Out-String -Width 80 | Should -Match 'Time\s+Status\s+Uri\s+Code\s+ms\s+Reason'
        { Get-SiteStatusHistory -HistoryPath $db -Last 0 -ErrorAction Stop } | Should -Throw -ErrorId 'EmptyTimeRange,SiteStatus.Commands.GetSiteStatusHistoryCommand'
        { Get-SiteStatusHistory -HistoryPath $db -After '2026-12-05' -Before '2026-12-01' -ErrorAction Stop } | Should -Throw -ErrorId 'EmptyTimeRange,SiteStatus.Commands.GetSiteStatusHistoryCommand'
        Get-SiteStatusHistory "$h/status/*" -HistoryPath $db | Out-String -Width 160 | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d Down\s+http://127\.0\.0\.1:\d+/status/500\?b \(east\)\s+500'
    }

    It 'Remove-SiteStatusHistory keeps it bounded: -WhatIf removes nothing, -Uri only those URLs, -Before the older results' {
        $db = Join-Path $TestDrive 'retention.db'
        $null = "$h/ok?keep", "$h/ok?drop" | Test-SiteStatus -HistoryPath $db

        { Remove-SiteStatusHistory -HistoryPath $db -Before (Get-Date).AddDays(90) -ErrorAction Stop } | Should -Throw -ErrorId 'BeforeInFuture,SiteStatus.Commands.RemoveSiteStatusHistoryCommand'
        (Get-SiteStatusHistory -HistoryPath $db).Count | Should -Be 2
        Remove-SiteStatusHistory -HistoryPath $db -Before (Get-Date) -WhatIf
        (Get-SiteStatusHistory -HistoryPath $db).Count | Should -Be 2
        $said = Remove-SiteStatusHistory '*drop' -HistoryPath $db -Before (Get-Date) -Verbose 4>&1
        "$($said[-1])" | Should -BeLike "Removed 1 result(s) checked before * from '$db'."
        (Get-SiteStatusHistory -HistoryPath $db).Uri | Should -Be "$h/ok?keep"
        Remove-SiteStatusHistory -HistoryPath $db -Before (Get-Date).AddDays(-1)
        (Get-SiteStatusHistory -HistoryPath $db).Uri | Should -Be "$h/ok?keep"
    }

    It 'is read where its folder cannot be written, as by a status page made by another user' {
        $folder = Join-Path $TestDrive 'read-only'
        $db = Join-Path $folder 'sites.db'
        $null = "$h/ok?read-only", "$h/status/503?read-only" | Test-SiteStatus -HistoryPath $db
        $null = "$h/ok?read-only", "$h/status/503?read-only" | Test-SiteStatus -HistoryPath $db
        # Root writes anywhere the mode says not to: the folder is made immutable instead.
        if ($IsLinux -and (id -u) -eq 0) { chattr +i $folder 2>$null; if ($LASTEXITCODE) { Set-ItResult -Skipped -Because 'chattr +i is not supported on this file system'; return } }
        else { chmod 0555 $folder }
        try {
            { New-Item -ItemType File (Join-Path $folder 'probe') -ErrorAction Stop } | Should -Throw

            (Get-SiteStatusHistory -HistoryPath $db).Count | Should -Be 4
            (Get-SiteStatusUptime "$h/ok?read-only" -HistoryPath $db -Window 24h).Checks | Should -Be 2
            Export-SiteStatusPage (Join-Path $TestDrive 'read-only.html') -HistoryPath $db
            Join-Path $TestDrive 'read-only.html' | Should -Exist
            Get-ChildItem $folder -Name | Should -Be 'sites.db'
        }
        finally {
            if ($IsLinux -and (id -u) -eq 0) { chattr -i $folder } else { chmod 0755 $folder }
        }
    }

    It 'a history that is not there is HistoryNotFound, naming it' {
        $missing = Join-Path $TestDrive 'missing.db'

        { Get-SiteStatusHistory -HistoryPath $missing -ErrorAction Stop } | Should -Throw -ErrorId 'HistoryNotFound,SiteStatus.Commands.GetSiteStatusHistoryCommand'
        Test-Path $missing | Should -BeFalse
    }
}

Describe 'History with locations' -Skip:(-not $sshd) {
    BeforeAll {
        $daemon = Start-TestSshd (Join-Path $TestDrive 'sshd')
        $east = New-TestSession $daemon 'east'
        $west = New-TestSession $daemon 'west' 'powershell-isolated'
    }

    AfterAll {
        Get-PSSession | Remove-PSSession
        Stop-TestSshd $daemon
    }

    It 'from every location, a row per location; with -Quorum, the verdict, from no location; reports from sessions too' {
        $db = Join-Path $TestDrive 'locations.db'
        $null = Test-SiteStatus "$h/ok?every" -Session $east, $west -HistoryPath $db
        $null = Test-SiteStatus "$h/ok?quorum" -Session $east, $west -Quorum 2 -HistoryPath $db
        $null = Get-SiteStatusReport "$h/ok?report" -Session $east -HistoryPath $db

        $every = Get-SiteStatusHistory "$h/ok?every" -HistoryPath $db | Sort-Object Location
        $every | ForEach-Object { "$($_.Location) $($_.Status)" } | Should -Be 'east Up', 'west Down'
        $quorum = Get-SiteStatusHistory "$h/ok?quorum" -HistoryPath $db
        "$($quorum.Location)|$($quorum.Status)|$($quorum.Failure)|$($quorum.ResponseTimeMs)" | Should -BeLike '|Partial|*|'
        $quorum.Reason | Should -BeLike 'Down from 1 of 2 locations*'
        $report = Get-SiteStatusHistory "$h/ok?report" -HistoryPath $db
        "$($report.Location) $($report.Status) $($report.StatusCode)" | Should -Be 'east Up 200'
    }
}
