# Locations that die for real: a process of a session's transport killed (as when its machine crashes) while it has
# checks in flight, or while the module is being copied into it. Every URL still comes back, and the run goes on.
# pwsh 7.6.9 itself can crash when an SSH transport dies under a pipeline whose input is still open (README, Many
# machines), so each scenario runs in a pwsh of its own: a crash there fails its test, not the whole run.
BeforeDiscovery {
    . $PSScriptRoot/Sshd.ps1
    # The kills test PowerShell's SSH transport under the build pwsh 7 loads (net8.0): the netstandard2.0 build is
    # Windows PowerShell 5.1's, which has no SSH remoting, and pwsh 7 loads it only as this suite's copy.
    $sshd = $env:SITESTATUS_BUILD -ne 'netstandard2.0' -and (Test-SshdUsable 'location fault tests')
}

BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    . $PSScriptRoot/Sshd.ps1
    $server = Start-TestServer
    $errorId = 'LocationUnavailable,SiteStatus.Commands.TestSiteStatusCommand'
    if (Test-SshdUsable) {
        $daemon = Start-TestSshd (Join-Path $TestDrive 'sshd')
    }

    # What every scenario starts with, in its own pwsh: the module, the site ($h, $port), the sshd ($daemon), what the
    # test gives it ($with), and:
    #   New-LocationSession: a session that has the module (imported there, not copied), with the process ids of its
    #     far pwsh (Far), of the sshd process that serves it (Sshd) and of the local ssh client (Client);
    #   Stop-AtFirst: kills one of those processes as the first result from that session comes back: every scenario sends
    #     all its URLs at once, so the input of the run is complete then, and its slower checks are in flight.
    $prologue = {
        param($Module, $Site, $Sshd, $Given)
        $ErrorActionPreference = 'Stop'
        Import-Module $Module
        $h = $Site
        $port = ([uri]$Site).Port
        $daemon = $Sshd | ConvertFrom-Json
        $with = $Given | ConvertFrom-Json

        # A process's name and parent, from /proc; nothing when it is gone.
        function Get-Parent([int] $Id) {
            $stat = Get-Content "/proc/$Id/stat" -Raw -ErrorAction Ignore
            if ($stat -match '^\d+ \((.*)\) \S+ (\d+)') { [pscustomobject]@{ Name = $Matches[1]; Parent = [int]$Matches[2] } }
        }

        function Get-SshClient {
            Get-ChildItem /proc -Directory | Where-Object Name -Match '^\d+$' | Where-Object {
                $process = Get-Parent $_.Name
                $process.Parent -eq $PID -and $process.Name -eq 'ssh'
            } | ForEach-Object { [int]$_.Name }
        }

        function New-LocationSession([string] $Name, [string] $Subsystem = 'powershell', [switch] $NoModule) {
            $before = @(Get-SshClient)
            $session = New-TestSession $daemon $Name $Subsystem
            $client = Get-SshClient | Where-Object { $_ -notin $before }
            $far = Invoke-Command $session { param($module) if ($module) { Import-Module $module }; $PID } -ArgumentList ($NoModule ? $null : $Module)
            [pscustomobject]@{ Session = $session; Far = $far; Sshd = (Get-Parent $far).Parent; Client = $client }
        }

        function Stop-AtFirst([Parameter(ValueFromPipeline)] $Result, $Doomed, [string] $Victim = 'Far', [string] $Signal = 'KILL') {
            begin { $killed = $false }
            process {
                if (-not $killed -and ($Result.Location -eq $Doomed.Session.Name -or $Result.Locations.Location -contains $Doomed.Session.Name)) {
                    & kill -s $Signal $Doomed.$Victim
                    $killed = $true
                }
                $Result
            }
        }

        function ConvertTo-Problem([Parameter(ValueFromPipeline)] $Record) {
            process { [pscustomobject]@{ Id = $Record.FullyQualifiedErrorId; Message = $Record.Exception.Message } }
        }
    }

    # Runs a scenario (a script block that returns what the test looks at) after the prologue, in a pwsh of its own;
    # throws, failing the test, when that pwsh crashes, hangs, or the scenario throws.
    function Invoke-Scenario([scriptblock] $Scenario, [hashtable] $With = @{}) {
        $script = Join-Path $TestDrive "scenario-$([guid]::NewGuid().ToString('N')).ps1"
        $answer = "$script.xml"
        Set-Content $script ($prologue.ToString() + "`n. '$PSScriptRoot/Sshd.ps1'`n& { $Scenario } | Export-Clixml -Depth 6 -Path '$answer'")
        $dotnet = [IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet'
        $start = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        $arguments = @(if ($dotnet) { Join-Path $PSHOME 'pwsh.dll' }) + '-NoProfile', '-NonInteractive', '-File', $script, '-Module', $env:SITESTATUS_MODULE, '-Site', $server.Http.GetLeftPart('Authority')
        foreach ($argument in $arguments) { $start.ArgumentList.Add($argument) }
        $start.ArgumentList.Add('-Sshd')
        $start.ArgumentList.Add(($daemon | ConvertTo-Json -Compress))
        $start.ArgumentList.Add('-Given')
        $start.ArgumentList.Add(($With | ConvertTo-Json -Compress))
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $child = [Diagnostics.Process]::Start($start)
        try {
            $output = $child.StandardOutput.ReadToEndAsync()
            $errors = $child.StandardError.ReadToEndAsync()
            if (-not $child.WaitForExit(300000)) {
                $child.Kill($true)
                throw 'The scenario''s pwsh did not end within 300 s.'
            }
            if ($child.ExitCode -ne 0) { throw "The scenario's pwsh ended with exit code $($child.ExitCode): $($errors.Result) $($output.Result)" }
        }
        finally { $child.Dispose() }
        Import-Clixml $answer
    }
}

AfterAll {
    if ($daemon) { Stop-TestSshd $daemon }
    Stop-TestServer $server
}

Describe 'A location whose far pwsh is killed with checks in flight' -Skip:(-not $sshd) {
    It 'with -Spread, hands the checks it had not answered to the location left: every URL once, one LocationUnavailable' {
        $run = Invoke-Scenario {
            $doomed = New-LocationSession 'doomed'
            $east = New-LocationSession 'east'
            # Both hosts belong to the first of two locations: doomed gets every URL, all sent before the first comes back;
            # it dies as the quick ones do, with the slow ones in flight.
            $urls = foreach ($wait in 100, 3000) { foreach ($i in 0..5) { foreach ($name in '127.0.0.1', 'localhost') { "http://${name}:$port/delay/${wait}?spread=$i" } } }
            $results = $urls | Test-SiteStatus -Session $doomed.Session, $east.Session -Spread -ThrottleLimit 12 -ErrorVariable problems -ErrorAction SilentlyContinue |
                Stop-AtFirst -Doomed $doomed
            @{ Urls = $urls; Results = @($results | Select-Object Uri, Status, Location); Problems = @($problems | ConvertTo-Problem) }
        }

        $run.Results | Should -HaveCount $run.Urls.Count
        $run.Results.Uri | Sort-Object | Should -Be ($run.Urls | Sort-Object)
        $run.Results.Status | Sort-Object -Unique | Should -Be 'Up'
        @($run.Results | Where-Object Location -EQ 'east').Count | Should -BeGreaterThan 0
        $run.Problems | Should -HaveCount 1
        $run.Problems.Id | Should -Be $errorId
        $run.Problems.Message | Should -BeLike 'The location doomed is unavailable:*'
    }

    It 'with -Spread, hands them to a location that had no URL of its own while another is still busy with its own' {
        $run = Invoke-Scenario {
            $north = New-LocationSession 'north'
            $east = New-LocationSession 'east'
            $doomed = New-LocationSession 'doomed'
            # Of three locations, 127.0.0.1 belongs to the third (doomed) and localhost to the second (east); of the two
            # left, 127.0.0.1 belongs to the first (north), whose run ended at once, with nothing to check. doomed dies as
            # its quick checks come back, east still busy with its own.
            $urls = @(0..3 | ForEach-Object { "http://127.0.0.1:$port/delay/100?busy=$_" }) + @(4..7 | ForEach-Object { "http://127.0.0.1:$port/delay/3000?busy=$_" }) +
                @(0..7 | ForEach-Object { "http://localhost:$port/delay/1500?busy=$_" })
            $results = $urls | Test-SiteStatus -Session $north.Session, $east.Session, $doomed.Session -Spread -ThrottleLimit 4 -ErrorVariable problems -ErrorAction SilentlyContinue |
                Stop-AtFirst -Doomed $doomed
            @{ Urls = $urls; Results = @($results | Select-Object Uri, Status, Location); Problems = @($problems | ConvertTo-Problem) }
        }

        $run.Results | Should -HaveCount $run.Urls.Count
        $run.Results.Uri | Sort-Object | Should -Be ($run.Urls | Sort-Object)
        $run.Results.Status | Sort-Object -Unique | Should -Be 'Up'
        ($run.Results | Where-Object { ([uri]$_.Uri).Host -eq 'localhost' }).Location | Sort-Object -Unique | Should -Be 'east'
        ($run.Results | Where-Object { ([uri]$_.Uri).Host -eq '127.0.0.1' }).Location | Sort-Object -Unique | Should -Be 'doomed', 'north'
        $run.Problems.Id | Should -Be $errorId
    }

    It 'with -Quorum, gives one verdict per URL, the dead location''s vote NotRun for what it had not answered' {
        $run = Invoke-Scenario {
            $doomed = New-LocationSession 'doomed'
            $east = New-LocationSession 'east'
            $urls = @(0..1 | ForEach-Object { "$h/delay/100?quorum=$_" }) + @(2..5 | ForEach-Object { "$h/delay/2000?quorum=$_" })
            $results = $urls | Test-SiteStatus -Session $doomed.Session, $east.Session -Quorum 1 -ThrottleLimit 2 -ErrorVariable problems -ErrorAction SilentlyContinue |
                Stop-AtFirst -Doomed $doomed
            @{ Urls = $urls; Results = @($results | Select-Object Uri, Status, @{ n = 'Votes'; e = { @($_.Locations | ForEach-Object { "$($_.Location) $($_.Status)" }) } }); Problems = @($problems | ConvertTo-Problem) }
        }

        $run.Results | Should -HaveCount $run.Urls.Count
        $run.Results.Uri | Sort-Object | Should -Be ($run.Urls | Sort-Object)
        $run.Results.Status | Sort-Object -Unique | Should -Be 'Up'
        foreach ($result in $run.Results) { ($result.Votes -replace ' .*' | Sort-Object) | Should -Be 'doomed', 'east' }
        $run.Results.Votes | Where-Object { $_ -eq 'doomed NotRun' } | Should -Not -BeNullOrEmpty
        $run.Problems.Id | Should -Be $errorId
    }

    It 'under -TotalTimeoutSec, with -Spread: the location left checks the rest within the same deadline, and every URL comes back once' {
        $run = Invoke-Scenario {
            $doomed = New-LocationSession 'doomed'
            $east = New-LocationSession 'east'
            # doomed dies as its quick checks come back; east cannot check the slow ones it had in flight before the deadline.
            $urls = foreach ($wait in 100, 8000) { foreach ($i in 0..5) { foreach ($name in '127.0.0.1', 'localhost') { "http://${name}:$port/delay/${wait}?deadline=$i" } } }
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $results = $urls | Test-SiteStatus -Session $doomed.Session, $east.Session -Spread -ThrottleLimit 12 -TotalTimeoutSec 4 -ErrorVariable problems -ErrorAction SilentlyContinue |
                Stop-AtFirst -Doomed $doomed
            $clock.Stop()
            @{ Urls = $urls; Results = @($results | Select-Object Uri, Status, Location, Failure, Reason); Problems = @($problems | ConvertTo-Problem); Seconds = $clock.Elapsed.TotalSeconds }
        }

        $run.Results | Should -HaveCount $run.Urls.Count
        $run.Results.Uri | Sort-Object | Should -Be ($run.Urls | Sort-Object)
        ($run.Results | Where-Object Location -EQ 'doomed').Status | Sort-Object -Unique | Should -Be 'Up'
        $cut = $run.Results | Where-Object Location -EQ 'east'
        $cut | Should -Not -BeNullOrEmpty
        $cut.Failure | Sort-Object -Unique | Should -Be 'Timeout'
        $cut.Reason | Sort-Object -Unique | Should -BeLike "*run's deadline (-TotalTimeoutSec)*"
        $run.Problems.Id | Should -Be $errorId
        # The contract: the run ends at its deadline (4 s), give or take the sessions' round trips; not after the 8 s checks.
        $run.Seconds | Should -BeLessThan 15
    }
}

Describe 'A location whose transport dies after its input is complete' -Skip:(-not $sshd) {
    It 'survives <Name>: what that location had not answered comes back NotRun from it, naming it, and the other checks every URL' -ForEach @(
        @{ Name = 'SIGKILL of the far pwsh'; Victim = 'Far'; Signal = 'KILL' }
        @{ Name = 'SIGTERM of the far pwsh'; Victim = 'Far'; Signal = 'TERM' }
        @{ Name = 'SIGKILL of the sshd process of the session'; Victim = 'Sshd'; Signal = 'KILL' }
        @{ Name = 'SIGKILL of the local ssh client'; Victim = 'Client'; Signal = 'KILL' }
    ) {
        $run = Invoke-Scenario -With @{ Victim = $Victim; Signal = $Signal } {
            $doomed = New-LocationSession 'doomed'
            $east = New-LocationSession 'east'
            $urls = @(0..1 | ForEach-Object { "$h/delay/100?every=$_" }) + @(2..5 | ForEach-Object { "$h/delay/2000?every=$_" })
            $results = $urls | Test-SiteStatus -Session $doomed.Session, $east.Session -ThrottleLimit 2 -ErrorVariable problems -ErrorAction SilentlyContinue |
                Stop-AtFirst -Doomed $doomed -Victim $with.Victim -Signal $with.Signal
            @{ Urls = $urls; Results = @($results | Select-Object Uri, Status, Location, Reason); Problems = @($problems | ConvertTo-Problem) }
        }

        foreach ($location in 'east', 'doomed') {
            ($run.Results | Where-Object Location -EQ $location).Uri | Sort-Object | Should -Be ($run.Urls | Sort-Object)
        }
        ($run.Results | Where-Object Location -EQ 'east').Status | Sort-Object -Unique | Should -Be 'Up'
        $lost = $run.Results | Where-Object { $_.Location -eq 'doomed' -and $_.Status -eq 'NotRun' }
        $lost | Should -Not -BeNullOrEmpty
        $lost.Reason | Sort-Object -Unique | Should -BeLike 'Not checked from doomed: the location became unavailable (*'
        $run.Problems.Id | Should -Be $errorId
    }
}

Describe 'A location whose far pwsh is killed while the module is copied into it' -Skip:(-not $sshd) {
    It 'is LocationUnavailable, and every URL still comes back from every location' {
        $run = Invoke-Scenario {
            $east = New-LocationSession 'east'
            # This session's temporary folder is its own: the first file the copy writes there is the moment to kill it.
            $fresh = New-LocationSession 'fresh' 'powershell-temp' -NoModule
            $watch = [Diagnostics.ProcessStartInfo]::new('sh')
            $watch.ArgumentList.Add('-c')
            $watch.ArgumentList.Add("for i in `$(seq 6000); do [ -n `"`$(find '$($daemon.Temp)' -type f -print -quit)`" ] && exec kill -9 $($fresh.Far); sleep 0.01; done")
            $watcher = [Diagnostics.Process]::Start($watch)
            $urls = 0..2 | ForEach-Object { "$h/ok?copy=$_" }
            try { $results = $urls | Test-SiteStatus -Session $fresh.Session, $east.Session -ErrorVariable problems -ErrorAction SilentlyContinue }
            finally { if (-not $watcher.HasExited) { $watcher.Kill() } }
            @{ Urls = $urls; Results = @($results | Select-Object Uri, Status, Location, Reason); Problems = @($problems | ConvertTo-Problem) }
        }

        $run.Problems | Should -HaveCount 1
        $run.Problems.Id | Should -Be $errorId
        $run.Problems.Message | Should -BeLike 'The location fresh is unavailable: SiteStatus * could not be copied there:*'
        foreach ($location in 'east', 'fresh') {
            ($run.Results | Where-Object Location -EQ $location).Uri | Sort-Object | Should -Be ($run.Urls | Sort-Object)
        }
        ($run.Results | Where-Object Location -EQ 'east').Status | Sort-Object -Unique | Should -Be 'Up'
        ($run.Results | Where-Object Location -EQ 'fresh').Reason | Sort-Object -Unique | Should -BeLike 'Not checked from fresh: the location is unavailable (SiteStatus * could not be copied there:*'
    }
}
