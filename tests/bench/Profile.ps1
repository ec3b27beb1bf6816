<#
    The profile of W2 (20,000 loopback /ok URLs, 64 in flight, the plain Get-Content | Test-SiteStatus pipeline, or
    with -Cmdlet Get-SiteStatusReport the same pipeline through the report):
    runs it in a pwsh traced by dotnet-trace (CPU samples) and again watched by dotnet-counters, then measures the bytes
    and CPU a URL costs in a warm pwsh (Measure-UrlCost.ps1). Writes the top frames by inclusive and exclusive CPU
    (Get-CpuFrames.ps1), the runtime counters and the costs to -OutDirectory, where the traces stay; PROFILE.md quotes
    them. build.ps1 -Task Profile calls it.
#>
param(
    [Parameter(Mandatory)] [string] $Module,
    # The built test site (tests/SiteStatus.TestServer), which serves the URLs.
    [Parameter(Mandatory)] [string] $TestServer,
    [Parameter(Mandatory)] [string] $OutDirectory,
    # The cmdlet the pipeline runs; the files it writes are named after W2 and, for the report, '-report'.
    [ValidateSet('Test-SiteStatus', 'Get-SiteStatusReport')] [string] $Cmdlet = 'Test-SiteStatus'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
. (Join-Path $PSScriptRoot '../../tools/Native.ps1')
. (Join-Path $PSScriptRoot '../Pester/TestServer.ps1')

$profileDir = New-Item -ItemType Directory -Path $OutDirectory -Force
$env:SITESTATUS_TESTSERVER = $TestServer
$server = Start-TestServer
try {
    $urls = Join-Path $profileDir 'w2.txt'
    [IO.File]::WriteAllLines($urls, [string[]](0..19999 | ForEach-Object { "$($server.Http)ok?n=$_" }))
    $command = "Import-Module '$Module'; Get-Content '$urls' | $Cmdlet -ThrottleLimit 64 -ThrottleLimitPerHost 64 | Measure-Object StatusCode -Minimum -Maximum | Out-Null"
    $pwsh = @(Get-PwshCommand)
    $traced = @($pwsh) + @('-NoProfile', '-NonInteractive', '-Command', $command)
    $name = if ($Cmdlet -eq 'Test-SiteStatus') { 'w2' } else { 'w2-report' }
    $trace = Join-Path $profileDir "$name.nettrace"
    $counters = Join-Path $profileDir "$name-counters.csv"

    # Thread-time samples of every managed thread, about 100 a second. On Linux, dotnet-trace's CPU sampling needs
    # collect-linux (kernel user_events, not in Debian 12's kernel); these samples say whether the thread was on the
    # CPU (a CPU_TIME leaf), so keeping only those gives the CPU profile.
    Invoke-Native { dotnet dotnet-trace collect --profile dotnet-sampled-thread-time --format Speedscope -o $trace -- @traced }
    $cpu = & (Join-Path $PSScriptRoot 'Get-CpuFrames.ps1') -Path ([IO.Path]::ChangeExtension($trace, '.speedscope.json'))
    $report = Join-Path $profileDir "$name-cpu.txt"
    $cpu | Set-Content $report
    $cpu | Select-Object -First 45 | Out-Host
    Write-Host "CPU by frame: $report"

    # Allocation rate, GC counts, thread-pool queue and lock contention, once a second.
    Invoke-Native { dotnet dotnet-counters collect --counters System.Runtime --refresh-interval 1 --format csv -o $counters -- @traced }
    Write-Host "Runtime counters: $counters"

    $few = Join-Path $profileDir 'w0.txt'
    Get-Content $urls -TotalCount 8 | Set-Content $few
    $allocations = Join-Path $profileDir "$name-allocations.txt"
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Measure-UrlCost.ps1') -Module $Module -UrlFile $urls -FewFile $few -Cmdlet $Cmdlet |
        Tee-Object -FilePath $allocations | Out-Host
    Write-Host "Allocations per URL: $allocations"
}
finally {
    Stop-TestServer $server
}
