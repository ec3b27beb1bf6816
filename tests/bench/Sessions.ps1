<#
.SYNOPSIS
    The remoting rows of the benchmark: one URL list through 1, 2 and 4 PowerShell sessions over SSH on loopback
    (Test-SiteStatus -Session -Spread), against a local run in the same process.
.DESCRIPTION
    Starts a user-space sshd on 127.0.0.1 (tests/Pester/Sshd.ps1) whose powershell subsystem is this pwsh, opens four
    sessions, warms every case once (the module is copied to each session on its first run), then times each case
    -Repetitions times. Prints one JSON line per case: its name, sessions, URLs answered, seconds, the caller's CPU
    seconds and the far side's (the sessions' pwsh processes, read over the sessions before and after).
    With no sshd, prints one line saying what to install.
#>
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $UrlFile,
    [int] $Throttle = 64,
    [int] $Repetitions = 3
)

$ErrorActionPreference = 'Stop'
if (-not (Test-Path /usr/sbin/sshd)) {
    [pscustomobject]@{ Skipped = 'no OpenSSH server: install the Debian package openssh-server' } | ConvertTo-Json -Compress
    return
}

. (Join-Path $PSScriptRoot '../Pester/Sshd.ps1')
Import-Module $Module
$urls = [string[]](Get-Content $UrlFile)
$daemon = Start-TestSshd (Join-Path ([IO.Path]::GetTempPath()) "sitestatus-bench-sshd-$PID")
try {
    $sessions = 1..4 | ForEach-Object { New-TestSession $daemon "location$_" }
    $cases = @(
        @{ Name = 'local'; Sessions = @() }
        @{ Name = '1 session'; Sessions = $sessions[0..0] }
        @{ Name = '2 sessions, -Spread'; Sessions = $sessions[0..1] }
        @{ Name = '4 sessions, -Spread'; Sessions = $sessions }
    )

    function Measure-Case($Case, [string[]] $List) {
        $far = { [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalSeconds }
        $farBefore = if ($Case.Sessions) { (Invoke-Command -Session $Case.Sessions $far | Measure-Object -Sum).Sum } else { 0 }
        $cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $answered = if ($Case.Sessions) {
            ($List | Test-SiteStatus -Session $Case.Sessions -Spread -ThrottleLimit $Throttle -ThrottleLimitPerHost $Throttle -TimeoutSec 30 |
                Where-Object StatusCode -EQ 200 | Measure-Object).Count
        }
        else {
            ($List | Test-SiteStatus -ThrottleLimit $Throttle -ThrottleLimitPerHost $Throttle -TimeoutSec 30 | Where-Object StatusCode -EQ 200 | Measure-Object).Count
        }
        $seconds = $clock.Elapsed.TotalSeconds
        $caller = ([Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - $cpu).TotalSeconds
        $farAfter = if ($Case.Sessions) { (Invoke-Command -Session $Case.Sessions $far | Measure-Object -Sum).Sum } else { 0 }
        [pscustomobject]@{ Name = $Case.Name; Sessions = @($Case.Sessions).Count; Urls = $List.Count; Ok = $answered; Seconds = $seconds; CallerCpu = $caller; FarCpu = $farAfter - $farBefore }
    }

    foreach ($case in $cases) { $null = Measure-Case $case $urls[0..([Math]::Min(999, $urls.Count - 1))] }
    foreach ($case in $cases) {
        $runs = 1..$Repetitions | ForEach-Object { Measure-Case $case $urls } | Sort-Object Seconds
        $runs[[int][Math]::Floor($runs.Count / 2)] | ConvertTo-Json -Compress
    }
}
finally {
    Get-PSSession | Remove-PSSession
    Stop-TestSshd $daemon
}
