# Locations: checks through PowerShell sessions over real SSH on loopback, two of which see different networks, and this machine.
BeforeDiscovery {
    $sshd = (Test-Path /usr/sbin/sshd) -and (Get-Command ssh -ErrorAction Ignore) -and (Get-Command unshare -ErrorAction Ignore) -and $IsLinux -and ((& id -u) -eq '0')
    if (-not $sshd) { Write-Host 'The location tests need root and OpenSSH (Debian packages openssh-server and openssh-client): they are skipped.' }
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

    function Get-Hanging { [int](Invoke-RestMethod "$h/stats/hanging") }
}

AfterAll {
    if ($daemon) {
        Get-PSSession | Remove-PSSession
        Stop-TestSshd $daemon
    }

    Stop-TestServer $server
}

Describe 'Checks from many locations' -Skip:(-not $sshd) {
    It 'copies the module into a session that lacks it, once, and says so' {
        $fresh = New-TestSession $daemon 'fresh'
        try {
            $first = Test-SiteStatus "$h/ok?copy" -Session $fresh -Verbose 4>&1
            $second = Test-SiteStatus "$h/ok?copy" -Session $fresh -Verbose 4>&1

            # Besides the copy, -Verbose gives each check's line, as in a local run.
            $copied = { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -like '*SiteStatus*copied*' }
            ($first | Where-Object $copied).Message | Should -Match '^fresh had no SiteStatus \d+\.\d+\.\d+: copied it to /tmp/SiteStatus-'
            $second | Where-Object $copied | Should -BeNullOrEmpty
            ($first | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and -not (& $copied) }).Message |
                Should -Match "^$([regex]::Escape("$h/ok?copy")): up 200 in \d+ ms \(GET 1 attempt\): OK$"
            ($first | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }).Status | Should -Be 'Up'
        }
        finally { Remove-PSSession $fresh }
    }

    It 'checks every URL from every location, each result with its Location' {
        $results = "$h/ok?every", "$h/status/503?every" | Test-SiteStatus -Session $east, $west -IncludeLocal

        $results | Should -HaveCount 6
        $seen = $results | ForEach-Object { '{0} {1} {2}' -f ([uri]$_.Uri).PathAndQuery, $_.Location, $_.Status } | Sort-Object
        $seen | Should -Be (@(
            "/ok?every $([Environment]::MachineName) Up", '/ok?every east Up', '/ok?every west Down',
            "/status/503?every $([Environment]::MachineName) Down", '/status/503?every east Down', '/status/503?every west Down'
        ) | Sort-Object)
        ($results | Where-Object Location -EQ 'west').Failure | Sort-Object -Unique | Should -Be 'Network'
    }

    It 'writes a check made through a session as the same live SiteStatusResult a local check gives' {
        $json = [uri]::EscapeDataString('{"status":"UP","items":[1,2]}')
        $inputs = @(
            [pscustomobject]@{ Url = "$h/redirect/2?same=1"; Method = 'Head' }
            [pscustomobject]@{ Url = "$h/json?body=$json"; JsonCondition = 'status == UP', 'items.length > 5' }
            [pscustomobject]@{ Url = "$h/flaky/same-$([guid]::NewGuid())?fail=1&code=503"; MaximumRetryCount = 2; RetryIntervalSec = 1 }
            [pscustomobject]@{ Url = "$h/status/404?same=1" }
        )
        $shown = 'Uri', 'Status', 'StatusCode', 'Failure', 'Reason', 'FinalUri', 'Attempts', 'Method'

        $remote = $inputs | Test-SiteStatus -Session $east | Sort-Object Uri
        $inputs[2].Url = $inputs[2].Url -replace 'same-[0-9a-f-]+', "same-$([guid]::NewGuid())"
        $local = $inputs | Test-SiteStatus | Sort-Object Uri

        @($remote | ForEach-Object { $_.GetType().FullName } | Sort-Object -Unique) | Should -Be 'SiteStatus.SiteStatusResult'
        $remote.Location | Sort-Object -Unique | Should -Be 'east'
        for ($i = 0; $i -lt 4; $i++) {
            foreach ($name in $shown) {
                $expected = $local[$i].$name
                if ($name -eq 'Uri' -and $i -eq 0) { $expected = $remote[0].Uri }
                if ($expected -is [string]) { $expected = $expected -replace 'same-[0-9a-f-]+', 'same-X' }
                ($remote[$i].$name -replace 'same-[0-9a-f-]+', 'same-X') | Should -Be $expected -Because "$name of $($local[$i].Uri)"
            }
            "$($remote[$i].Conditions)" | Should -Be "$($local[$i].Conditions)"
            $remote[$i].Timestamp | Should -BeOfType [DateTimeOffset]
            $remote[$i].ResponseTimeMs | Should -BeGreaterThan 0
        }
        ($remote | Where-Object Status -EQ 'Flaky').Attempts | Should -Be 2
        ($remote | Where-Object Failure -EQ 'ConditionFailed').Conditions.Passed | Should -Be $true, $false
        ($remote | Where-Object Uri -Like '*/redirect/2*').FinalUri | Should -Be "$h/redirect/0"
    }

    It 'agrees on a verdict: Partial under a quorum of 2, Down with a quorum of 1' {
        $two = Test-SiteStatus "$h/ok?quorum" -Session $east, $west -Quorum 2
        $one = Test-SiteStatus "$h/ok?quorum" -Session $east, $west -Quorum 1

        $two.GetType().Name | Should -Be 'SiteQuorumResult'
        ($two.Status, $two.DownCount, $two.Answered) | Should -Be 'Partial', 1, 2
        $two.Reason | Should -BeLike 'Down from 1 of 2 locations, fewer than the quorum of 2*'
        ($two.Locations | ForEach-Object { "$($_.Location) $($_.Status)" } | Sort-Object) | Should -Be 'east Up', 'west Down'
        $one.Status | Should -Be 'Down'
        # As the results' table: Status first, and Uri shares the line with the reason, so it grows with the console.
        $header = ($two | Out-String -Width 120) -split '\r?\n' | Where-Object { $_ -match '^Status\s+Uri\s+Down\s+Reason$' }
        $header | Should -HaveCount 1
        $header.IndexOf('Down') - $header.IndexOf('Uri') - 1 | Should -BeGreaterOrEqual 50
        $two | Out-String -Width 120 | Should -Match ('Partial\s+' + [regex]::Escape("$h/ok?quorum") + '\s+1/2 Down from 1 of 2')
    }

    It 'Get-SiteStatusReport -Summary with sessions sums up every location, and gives each its own summary' {
        $urls = "$h/ok?summary", "$h/status/503?summary"

        $summary = $urls | Get-SiteStatusReport -Session $east, $west -IncludeLocal -Summary

        $summary | Should -HaveCount 1
        ($summary.Total, $summary.Up, $summary.Down, $summary.Location) | Should -Be 6, 2, 4, $null
        $rows = $summary.Locations | ForEach-Object { '{0} {1} {2} {3}' -f $_.Location, $_.Total, $_.Up, $_.Down }
        $rows | Should -Be (@("$([Environment]::MachineName) 2 1 1", 'east 2 1 1', 'west 2 0 2') | Sort-Object)
        ($summary.Failures | ForEach-Object { "$($_.Failure) $($_.Count)" } | Sort-Object) | Should -Be 'HttpStatus 2', 'Network 2'
        ($summary.Locations | Where-Object Location -EQ 'west').AvailabilityPercent | Should -Be 0
        # The lists hold the reports as they came: live from here, Deserialized from a session.
        ($summary.Failures | Where-Object Failure -EQ 'Network').Reports.Location | Sort-Object -Unique | Should -Be 'west'
        { Get-SiteStatusReport "$h/ok" -Session $east, $west -Quorum 1 -Summary -ErrorAction Stop } | Should -Throw -ErrorId 'SummaryWithQuorum,SiteStatus.Commands.GetSiteStatusReportCommand'
    }

    # The session is closed under the run, politely. Deaths for real, which can crash this pwsh 7.6.9 in its own SSH
    # transport while the input is still being sent (README, Many machines), are in LocationFaults.Tests.ps1, each
    # scenario in a pwsh of its own.
    It 'a location lost mid-run is LocationUnavailable, and every URL still comes back once per location' {
        $doomed = New-TestSession $daemon 'doomed'
        $urls = 0..5 | ForEach-Object { "$h/delay/1000?doomed=$_" }

        # The session ends as the first result comes back: the rest of its checks are still in flight.
        $results = $urls | Test-SiteStatus -Session $east, $doomed -ThrottleLimit 2 -ErrorVariable problems -ErrorAction SilentlyContinue |
            ForEach-Object -Begin { $seen = 0 } -Process { if (++$seen -eq 1) { Remove-PSSession $doomed }; $_ }

        $problems.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be 'LocationUnavailable,SiteStatus.Commands.TestSiteStatusCommand'
        foreach ($location in 'east', 'doomed') {
            ($results | Where-Object Location -EQ $location).Uri | Sort-Object | Should -Be ($urls | Sort-Object)
        }
        ($results | Where-Object Location -EQ 'east').Status | Sort-Object -Unique | Should -Be 'Up'
        ($results | Where-Object { $_.Location -eq 'doomed' -and $_.Status -eq 'NotRun' }).Reason | Should -Not -BeNullOrEmpty
    }

    It 'spreads the URLs over the locations: each URL once, all of a host at one location, and a lost location''s share goes to the others' {
        $spare = New-TestSession $daemon 'spare'
        $hosts = '127.0.0.1', 'localhost'
        $urls = foreach ($i in 0..9) { foreach ($name in $hosts) { "http://${name}:$($server.Http.Port)/delay/300?spread=$i" } }

        $results = $urls | Test-SiteStatus -Session $east, $spare -Spread -ThrottleLimit 2 -ErrorVariable problems -ErrorAction SilentlyContinue |
            ForEach-Object -Begin { $seen = 0 } -Process { if (++$seen -eq 2) { $null = $spare.Runspace.CloseAsync() }; $_ }

        $results.Uri | Sort-Object | Should -Be ($urls | Sort-Object)
        $results.Status | Sort-Object -Unique | Should -Be 'Up'
        ($results | Group-Object { ([uri]$_.Uri).Host } | ForEach-Object { @($_.Group.Location | Sort-Object -Unique).Count }) | Should -Not -Contain 0
    }

    It 'keeps a host at one location when nothing fails' {
        $urls = foreach ($i in 0..5) { foreach ($name in '127.0.0.1', 'localhost') { "http://${name}:$($server.Http.Port)/ok?affinity=$i" } }

        $results = $urls | Test-SiteStatus -Session $east, $west -Spread

        $results | Should -HaveCount $urls.Count
        foreach ($group in $results | Group-Object { ([uri]$_.Uri).Host }) { @($group.Group.Location | Sort-Object -Unique) | Should -HaveCount 1 }
    }

    It 'Select-Object -First 1 stops the checks on every host' {
        $urls = @("$h/ok?first") + (0..3 | ForEach-Object { "$h/hang?first=$_" })

        $first = $urls | Test-SiteStatus -Session $east -TimeoutSec 600 | Select-Object -First 1

        $first.Status | Should -Be 'Up'
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ((Get-Hanging) -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Get-Hanging | Should -Be 0
    }

    It '-TotalTimeoutSec ends the checks on the far side, and every URL still comes back' {
        $urls = @("$h/ok?deadline") + (0..3 | ForEach-Object { "$h/hang?deadline=$_" })

        $clock = [Diagnostics.Stopwatch]::StartNew()
        $results = $urls | Test-SiteStatus -Session $east -TimeoutSec 600 -TotalTimeoutSec 2
        $clock.Stop()

        $results.Uri | Sort-Object | Should -Be ($urls | Sort-Object)
        ($results | Where-Object Uri -Like '*/ok*').Status | Should -Be 'Up'
        $cut = $results | Where-Object Uri -Like '*/hang*'
        # As in a local run: checks in flight at the deadline end as Timeout, saying the run's deadline cut them.
        ($cut.Failure | Sort-Object -Unique) | Should -Be 'Timeout'
        $cut.Reason | Sort-Object -Unique | Should -BeLike "*run's deadline (-TotalTimeoutSec)*"
        $cut.Location | Sort-Object -Unique | Should -Be 'east'
        # The contract: the run ends at its deadline (2 s), give or take the session's round trips.
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 15
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ((Get-Hanging) -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Get-Hanging | Should -Be 0
    }

    It '-ErrorAction Stop on a bad input stops the checks on every host' {
        # The bad input comes only once east's four checks hang at the site (west cannot reach it).
        $inputs = {
            0..3 | ForEach-Object { "$h/hang?stop=$_" }
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while ((Get-Hanging) -lt 4 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            Get-Hanging | Should -Be 4
            'not a url'
        }

        { & $inputs | Test-SiteStatus -Session $east, $west -TimeoutSec 600 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidUri,SiteStatus.Commands.TestSiteStatusCommand'

        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ((Get-Hanging) -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Get-Hanging | Should -Be 0
    }

    It 'sends credentials only inside the session, and no stream shows them' {
        $credential = [pscredential]::new('ops', (ConvertTo-SecureString 'hunter2-remote' -AsPlainText -Force))
        $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('ops:hunter2-remote'))
        $url = "$h/require-header?name=Authorization&contains=$([uri]::EscapeDataString($basic))"

        $all = Test-SiteStatus $url -Session $east -Credential $credential -Verbose -Debug *>&1 | Out-String

        $all | Should -Match 'Up'
        $all | Should -Not -Match 'hunter2'
    }

    It 'refuses a client certificate with -Session, whose private key cannot cross' {
        $key = [Security.Cryptography.RSA]::Create(2048)
        $request = [Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=client', $key, 'SHA256', [Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $certificate = $request.CreateSelfSigned([DateTimeOffset]::Now, [DateTimeOffset]::Now.AddDays(1))

        { Test-SiteStatus "$h/ok" -Session $east -Certificate $certificate -ErrorAction Stop } | Should -Throw -ErrorId 'NotWithSession,SiteStatus.Commands.TestSiteStatusCommand'
    }
}
