# State between runs with checks from many locations: real SSH sessions on loopback (east sees the test server; west,
# in a network namespace of its own, sees nothing), real state files, a real webhook receiver.
BeforeDiscovery {
    $sshd = (Test-Path /usr/sbin/sshd) -and (Get-Command ssh -ErrorAction Ignore) -and (Get-Command unshare -ErrorAction Ignore) -and $IsLinux -and ((& id -u) -eq '0')
    if (-not $sshd) { Write-Host 'The location state tests need root and OpenSSH (Debian packages openssh-server and openssh-client): they are skipped.' }
}

BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    . $PSScriptRoot/Sshd.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $h = $server.Http.GetLeftPart('Authority')
    if ((Test-Path /usr/sbin/sshd) -and ((& id -u) -eq '0')) {
        $daemon = Start-TestSshd (Join-Path $TestDrive 'sshd')
        $east = New-TestSession $daemon 'east'
        $west = New-TestSession $daemon 'west' 'powershell-isolated'
    }

    function Set-Site([string] $Key, [int] $Code) { $null = Invoke-WebRequest -Method Post -Uri "$h/switch/${Key}?code=$Code" }
    function Read-State([string] $Path) { Get-Content $Path -Raw | ConvertFrom-Json -AsHashtable }
}

AfterAll {
    if ($daemon) {
        Get-PSSession | Remove-PSSession
        Stop-TestSshd $daemon
    }

    Stop-TestServer $server
}

Describe 'State with locations' -Skip:(-not $sshd) {
    It 'with -Quorum 2 -FailureThreshold 2, weighs the quorum''s verdict: down from one location never confirms, from both it does on the second run, once' {
        $key = [guid]::NewGuid().ToString('N')
        $url = "$h/switch/$key"
        $state = Join-Path $TestDrive 'quorum.json'
        $run = { Test-SiteStatus $url -Session $east, $west -Quorum 2 -FailureThreshold 2 -StatePath $state }

        # Up from east, down from west (which cannot reach it): Partial, and never Down, however many runs.
        $partial = 1..3 | ForEach-Object { & $run }
        Set-Site $key 503
        $down = 1..2 | ForEach-Object { & $run }
        Set-Site $key 200
        $recovered = & $run

        $partial.Status | Should -Be 'Partial', 'Partial', 'Partial'
        $partial | ForEach-Object { "$($_.ConfirmedStatus) $($_.Changed) $($_.ConsecutiveFailures)" } | Should -Be 'Up False 0', 'Up False 0', 'Up False 0'
        $down | ForEach-Object { "$($_.Status) $($_.ConfirmedStatus) $($_.Changed) $($_.ConsecutiveFailures)" } | Should -Be 'Down Up False 1', 'Down Down True 2'
        "$($recovered.Status) $($recovered.PreviousStatus) $($recovered.ConfirmedStatus) $($recovered.Changed)" | Should -Be 'Partial Down Up True'
        # Down dates from the first run the quorum saw it down, and the table shows the confirmed status.
        $down[1].Since | Should -Be ($down[0].Locations.Timestamp | Sort-Object | Select-Object -First 1)
        $down[1].PSObject.TypeNames[0] | Should -Be 'SiteStatus.SiteQuorumResult#State'
        $down[1] | Out-String -Width 160 | Should -Match 'Down\s+\S+\s+2/2\s+Down\s+Changed'
        # One entry, the URL's: the quorum's, not a location's.
        $file = Read-State $state
        $file.sites.Keys | Should -Be $url
        $file.Contains('locations') | Should -BeFalse
    }

    It 'with -Quorum, a location that could not check neither confirms nor clears' {
        $key = [guid]::NewGuid().ToString('N')
        $url = "$h/switch/$key"
        $state = Join-Path $TestDrive 'absent.json'
        Set-Site $key 503

        # West's canary is down (it sees no network): its checks are NotRun there. Down from east alone, and west could
        # have been the second: no verdict for the state, which stays as it was.
        $absent = 1..2 | ForEach-Object { Test-SiteStatus $url -Session $east, $west -Quorum 2 -CanaryUri "$h/ok?canary" -StatePath $state }

        $absent | ForEach-Object { "$($_.Status) $($_.Answered) $($_.ConfirmedStatus) $($_.Changed) $($_.ConsecutiveFailures)" } | Should -Be 'Partial 1 Up False 0', 'Partial 1 Up False 0'
        ($absent[0].Locations | Where-Object Location -EQ 'west').Status | Should -Be 'NotRun'
        (Read-State $state).sites.Contains($url) | Should -BeFalse
    }

    It 'from every location, keeps an entry per location: the one that cannot reach the site confirms Down alone, and its alert is delivered against its own entry' {
        $url = "$h/ok?every-$([guid]::NewGuid().ToString('N'))"
        $state = Join-Path $TestDrive 'every.json'
        $receiver = "$h/webhook/every-$([guid]::NewGuid().ToString('N'))/secret"
        $run = { Test-SiteStatus $url -Session $east, $west -FailureThreshold 2 -StatePath $state }

        $first = & $run | Sort-Object Location
        & $run | Sort-Object Location | Tee-Object -Variable second | Where-Object { $_.Changed -or $_.Reminder } | Send-SiteStatusAlert $receiver -StatePath $state

        $first | ForEach-Object { "$($_.Location) $($_.Status) $($_.ConfirmedStatus) $($_.Changed)" } | Should -Be 'east Up Up False', 'west Down Up False'
        $second | ForEach-Object { "$($_.Location) $($_.Status) $($_.ConfirmedStatus) $($_.Changed)" } | Should -Be 'east Up Up False', 'west Down Down True'
        $second[1].PSObject.TypeNames[0] | Should -Be 'SiteStatus.SiteStatusResult#State'
        $file = Read-State $state
        $file.sites.Count | Should -Be 0
        ($file.locations.Keys | Sort-Object) | Should -Be 'east', 'west'
        ($file.locations.east[$url].confirmed, $file.locations.west[$url].confirmed) | Should -Be 'Up', 'Down'
        # Delivered: the west entry no longer waits for its alert, and the next run reports no change.
        $file.deliveryTracked | Should -BeTrue
        $file.locations.west[$url].Contains('pendingAlert') | Should -BeFalse
        (& $run | Where-Object Changed) | Should -BeNullOrEmpty
    }

    It 'Get-SiteStatusReport from every location carries each location''s state on the report it brings back' {
        $url = "$h/ok?report-$([guid]::NewGuid().ToString('N'))"
        $state = Join-Path $TestDrive 'report.json'

        $reports = Get-SiteStatusReport $url -Session $east, $west -StatePath $state | Sort-Object Location

        $reports | ForEach-Object { "$($_.Location) $($_.Status) $($_.ConfirmedStatus) $($_.Changed) $($_.ConsecutiveFailures)" } | Should -Be 'east Up Up False 0', 'west Down Down True 1'
        $reports[1].PSObject.TypeNames[0] | Should -Be 'Deserialized.SiteStatus.SiteStatusReport#State'
        ($reports | Out-String -Width 160) | Should -Match 'Changed'
        (Read-State $state).locations.west[$url].confirmed | Should -Be 'Down'
    }

    It 'with -Spread, keeps the URL''s entry, whichever location checked it' {
        $urls = 0..3 | ForEach-Object { "$h/ok?spread-state=$_" }
        $state = Join-Path $TestDrive 'spread.json'

        $results = $urls | Test-SiteStatus -Session $east, $west -Spread -StatePath $state

        $results | Should -HaveCount 4
        $file = Read-State $state
        ($file.sites.Keys | Sort-Object) | Should -Be ($urls | Sort-Object)
        $file.Contains('locations') | Should -BeFalse
    }

    It 'a one-off maintenance covers the quorum''s verdict: the site is down from both, and nothing is confirmed' {
        $key = [guid]::NewGuid().ToString('N')
        $url = "$h/switch/$key"
        $state = Join-Path $TestDrive 'maintenance.json'
        Set-Site $key 503
        $null = Start-SiteStatusMaintenance "$h/switch/*" -DurationMin 30 -Reason 'patch night' -StatePath $state

        $results = 1..2 | ForEach-Object { Test-SiteStatus $url -Session $east, $west -Quorum 2 -StatePath $state }

        $results | ForEach-Object { "$($_.Status) $($_.Maintenance) $($_.ConfirmedStatus) $($_.Changed)" } | Should -Be 'Down True Up False', 'Down True Up False'
        (Read-State $state).sites.Contains($url) | Should -BeFalse
    }

    It 'refuses a session given twice, which would hang on its one pipeline, and two locations of one name' {
        { Test-SiteStatus "$h/ok?twice" -Session $east, $east -ErrorAction Stop } | Should -Throw -ErrorId 'DuplicateLocation,SiteStatus.Commands.TestSiteStatusCommand'
        $other = New-TestSession $daemon 'east'
        try {
            { Test-SiteStatus "$h/ok?twice" -Session $east, $other -StatePath (Join-Path $TestDrive 'twice.json') -ErrorAction Stop } | Should -Throw -ErrorId 'DuplicateLocation,SiteStatus.Commands.TestSiteStatusCommand'
        }
        finally { Remove-PSSession $other }
        Test-Path (Join-Path $TestDrive 'twice.json') | Should -BeFalse
    }

    It 'a quorum''s Down names the failure the locations saw, for alerts and metrics' {
        $result = Test-SiteStatus "$h/status/503?quorum-failure" -Session $east -IncludeLocal -Quorum 2

        "$($result.Status) $($result.Failure)" | Should -Be 'Down HttpStatus'
        $result.Timestamp | Should -Be ($result.Locations.Timestamp | Sort-Object | Select-Object -First 1)
        $result | ConvertTo-SiteStatusMetric | Out-String | Should -Match 'probe_failure_info\{[^}]*reason="HttpStatus"'
    }

    It 'a session already closed is LocationUnavailable, and the other location still checks' {
        $gone = New-TestSession $daemon 'gone'
        Remove-PSSession $gone

        $results = Test-SiteStatus "$h/ok?gone" -Session $east, $gone -StatePath (Join-Path $TestDrive 'gone.json') -ErrorVariable problems -ErrorAction SilentlyContinue

        $problems.FullyQualifiedErrorId | Should -Be 'LocationUnavailable,SiteStatus.Commands.TestSiteStatusCommand'
        ($results | Sort-Object Location | ForEach-Object { "$($_.Location) $($_.Status)" }) | Should -Be 'east Up', 'gone NotRun'
    }
}
