# Scheduled checks from the built module, as a cron job runs them: separate processes, one state file.
BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $pwsh = [Environment]::ProcessPath
    $pwshArgs = @(if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })

    function Set-Answer([string] $Key, [int] $Code) {
        $null = Invoke-WebRequest -Method Post -Uri ([uri]::new($server.Http, "/switch/${Key}?code=$Code"))
    }
}

AfterAll {
    Stop-TestServer $server
}

Describe 'Scheduled checks' {
    It 'two runs at once in two processes: the second waits for the first, and the file holds both' {
        $state = Join-Path $TestDrive 'both.json'
        $url = [uri]::new($server.Http, '/delay/700?both').AbsoluteUri
        $script = "Import-Module '$env:SITESTATUS_MODULE'; (Test-SiteStatus '$url' -StatePath '$state').Status"

        $runs = 1..2 | ForEach-Object {
            $start = [Diagnostics.ProcessStartInfo]::new($pwsh)
            foreach ($argument in @($pwshArgs) + @('-NoProfile', '-NonInteractive', '-Command', $script)) { $start.ArgumentList.Add($argument) }
            $start.RedirectStandardOutput = $true
            [Diagnostics.Process]::Start($start)
        }
        $outputs = $runs | ForEach-Object { $_.StandardOutput.ReadToEnd().Trim(); $_.WaitForExit() }

        $outputs | Should -Be 'Up', 'Up'
        $runs.ExitCode | Should -Be 0, 0
        ((Get-Content $state -Raw | ConvertFrom-Json -AsHashtable).sites[$url]).history | Should -Be '2U'
    }

    It 'the alert loop of README says DOWN once, at the threshold, and recovered once' {
        $state = Join-Path $TestDrive 'alerts.json'
        $key = [guid]::NewGuid().ToString('N')
        $url = [uri]::new($server.Http, "/switch/$key").AbsoluteUri
        $said = foreach ($code in 200, 503, 503, 503, 503, 200, 200, 200) {
            Set-Answer $key $code
            $url | Test-SiteStatus -StatePath $state -FailureThreshold 3 -SuccessThreshold 2 |
                Where-Object { $_.Changed -or $_.Reminder } |
                ForEach-Object { if ($_.ConfirmedStatus -eq 'Up') { 'recovered' } else { 'DOWN' } }
            '.'
        }

        -join $said | Should -Be '...DOWN...recovered..'
    }

    It 'keeps the state of a .db path in SQLite, for the checks, the maintenance and the alerts, from fresh processes' {
        $state = Join-Path $TestDrive 'fleet.db'
        $key = [guid]::NewGuid().ToString('N')
        $down = [uri]::new($server.Http, "/switch/$key").AbsoluteUri
        $resting = [uri]::new($server.Http, '/ok?resting').AbsoluteUri
        $receiver = [guid]::NewGuid().ToString('N')
        $webhook = [uri]::new($server.Http, "/webhook/$receiver/s3cr3t").AbsoluteUri
        Set-Answer $key 503
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$env:SITESTATUS_MODULE'
`$null = Start-SiteStatusMaintenance '$resting' -DurationMin 60 -Reason upgrade -StatePath '$state'
`$results = '$down', '$resting' | Test-SiteStatus -StatePath '$state'
`$results | Where-Object { `$_.Changed } | Send-SiteStatusAlert '$webhook' -StatePath '$state'
`$ordered = '$down', '$resting' | ForEach-Object { `$url = `$_; `$results | Where-Object Uri -eq `$url }
[pscustomobject]@{
    Maintenance = @(Get-SiteStatusMaintenance -StatePath '$state').Uri
    Changed = @(`$ordered.Changed)
    Confirmed = @(`$ordered.ConfirmedStatus | ForEach-Object ToString)
    InMaintenance = @(`$ordered.Maintenance)
} | ConvertTo-Json -Compress
"@
        $runs = 1..2 | ForEach-Object {
            $start = [Diagnostics.ProcessStartInfo]::new($pwsh)
            foreach ($argument in @($pwshArgs) + @('-NoProfile', '-NonInteractive', '-Command', $script)) { $start.ArgumentList.Add($argument) }
            $start.RedirectStandardOutput = $true
            $process = [Diagnostics.Process]::Start($start)
            $output = $process.StandardOutput.ReadToEnd()
            $process.WaitForExit()
            $process.ExitCode | Should -Be 0
            $output | ConvertFrom-Json
        }

        [Text.Encoding]::ASCII.GetString([IO.File]::ReadAllBytes($state), 0, 15) | Should -Be 'SQLite format 3'
        $runs[0].Maintenance | Should -Be $resting
        $runs[0].Changed | Should -Be $true, $false
        $runs[0].Confirmed | Should -Be 'Down', 'Up'
        $runs[0].InMaintenance | Should -Be $false, $true
        $runs[1].Changed | Should -Be $false, $false
        $runs[1].Confirmed | Should -Be 'Down', 'Up'
        @(Invoke-RestMethod ([uri]::new($server.Http, "/webhook/$receiver")) | ForEach-Object { $_ }).Count | Should -Be 1
    }

    It 'writes a file with no BOM and LF line ends that reads back as JSON' {
        $state = Join-Path $TestDrive 'plain.json'
        $null = Test-SiteStatus ([uri]::new($server.Http, '/ok?plain').AbsoluteUri) -StatePath $state

        $bytes = [IO.File]::ReadAllBytes($state)
        $bytes[0] | Should -Be ([byte][char]'{')
        $bytes | Should -Not -Contain ([byte]13)
        (Get-Content $state -Raw | ConvertFrom-Json).format | Should -Be 'SiteStatus state'
    }

    It 'refuses one file as both -StatePath and -HistoryPath, before it writes either' {
        $both = Join-Path $TestDrive 'both-kinds.db'

        { Test-SiteStatus ([uri]::new($server.Http, '/ok?both').AbsoluteUri) -StatePath $both -HistoryPath $both -ErrorAction Stop } |
            Should -Throw -ErrorId 'StateAndHistoryOneFile,SiteStatus.Commands.TestSiteStatusCommand'
        $both | Should -Not -Exist
    }

    It 'says a folder it cannot write is StateNotSaved at once, not a lock another run holds' -ForEach @('ro.json', 'ro.db') {
        $folder = Join-Path $TestDrive "read-only-$_"
        $state = Join-Path $folder $_
        $uri = [uri]::new($server.Http, '/ok?read-only').AbsoluteUri
        $null = Test-SiteStatus $uri -StatePath $state
        Remove-Item "$state.lock"
        # Root writes anywhere the mode says not to: the folder is made immutable instead.
        $root = $IsLinux -and (id -u) -eq 0
        function Lock-Folder { if ($root) { chattr +i $folder 2>$null; $LASTEXITCODE -eq 0 } else { chmod 0555 $folder; $true } }
        function Unlock-Folder { if ($root) { chattr -i $folder } else { chmod 0755 $folder } }
        if (-not (Lock-Folder)) { Set-ItResult -Skipped -Because 'chattr +i is not supported on this file system'; return }
        try {
            # StateNotSaved, not StateLocked: the lock wait is for another run, and none holds this one.
            { Test-SiteStatus $uri -StatePath $state -ErrorAction Stop } |
                Should -Throw -ErrorId 'StateNotSaved,SiteStatus.Commands.TestSiteStatusCommand' -ExpectedMessage "*its lock file '$state.lock' cannot be made or opened*"
            { Get-SiteStatusMaintenance -StatePath $state -ErrorAction Stop } | Should -Throw -ErrorId 'StateNotSaved,SiteStatus.Commands.GetSiteStatusMaintenanceCommand'

            # With its lock file there from an earlier run, the file itself cannot be written: the same error, not damage.
            Unlock-Folder
            $null = New-Item -ItemType File "$state.lock"
            $null = Lock-Folder
            { Test-SiteStatus $uri -StatePath $state -ErrorAction Stop } | Should -Throw -ErrorId 'StateNotSaved,SiteStatus.Commands.TestSiteStatusCommand'
        }
        finally {
            Unlock-Folder
        }
    }
}

Describe "README's scheduled-check script" {
    BeforeAll {
        # The script exactly as README gives it; only its paths, module, canary and webhook point at this test's own.
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $block = [regex]::Match($readme, '(?s)A complete script for cron.*?```powershell\r?\n(.*?)```').Groups[1].Value
        $folder = Join-Path $TestDrive 'scheduled'
        $null = New-Item -ItemType Directory $folder
        $urlsFile = Join-Path $folder 'urls.txt'
        $statePath = Join-Path $folder 'var/lib/sites/state.json'
        $script = Join-Path $folder 'check-sites.ps1'
        $block.Replace('/opt/sites/urls.txt', $urlsFile).Replace('/var/lib/sites/state.json', $statePath).
            Replace('Import-Module SiteStatus', "Import-Module '$env:SITESTATUS_MODULE'").
            Replace('https://www.example.com', [uri]::new($server.Http, '/ok?canary').AbsoluteUri) | Set-Content $script

        function Invoke-Scheduled([string] $Webhook) {
            $start = [Diagnostics.ProcessStartInfo]::new($pwsh)
            foreach ($argument in @($pwshArgs) + @('-NoProfile', '-NonInteractive', '-File', $script)) { $start.ArgumentList.Add($argument) }
            $start.Environment['ALERT_WEBHOOK'] = $Webhook
            $start.RedirectStandardOutput = $true
            $start.RedirectStandardError = $true
            $process = [Diagnostics.Process]::Start($start)
            $errorText = $process.StandardError.ReadToEndAsync()
            $null = $process.StandardOutput.ReadToEnd()
            $process.WaitForExit()
            [pscustomobject]@{ ExitCode = $process.ExitCode; Errors = $errorText.Result }
        }
    }

    It 'survives a bad line and a receiver that is down for one run: the alert arrives on the next run, once' {
        $block | Should -Match 'Send-SiteStatusAlert'
        $key = [guid]::NewGuid().ToString('N')
        $down = [uri]::new($server.Http, "/switch/$key").AbsoluteUri
        $up = [uri]::new($server.Http, "/ok?scheduled").AbsoluteUri
        'htp://typo.example/', $down, $up | Set-Content $urlsFile
        Set-Answer $key 503

        # The receiver is down for the run that confirms the outage: it fails all four posts of that run (503, no wait).
        $receiver = [guid]::NewGuid().ToString('N')
        $webhook = [uri]::new($server.Http, "/webhook/$receiver/s3cr3t?fail=4&code=503&retryAfter=0").AbsoluteUri
        $runs = 1..5 | ForEach-Object { Invoke-Scheduled $webhook }
        $bodies = @(Invoke-RestMethod ([uri]::new($server.Http, "/webhook/$receiver")) | ForEach-Object { $_ })

        $runs.ExitCode | Should -Be 0, 0, 1, 0, 0
        $runs | ForEach-Object { $_.Errors | Should -Match 'htp://typo\.example/' }
        $runs[2].Errors | Should -Match 'AlertNotSent|answered 503'
        $bodies.Count | Should -Be 5
        $bodies[4] | Should -Match ([regex]::Escape($down))
        $bodies[4] | Should -Not -Match ([regex]::Escape($up))
        $sites = (Get-Content $statePath -Raw | ConvertFrom-Json -AsHashtable).sites
        $sites[$down].history | Should -Be '5D'
        $sites[$up].history | Should -Be '5U'
        $sites[$down].Keys | Should -Not -Contain 'pendingAlert'
    }
}
