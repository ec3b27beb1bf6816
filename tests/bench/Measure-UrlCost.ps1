<#
    The bytes allocated and the CPU a URL costs in one warm pwsh: the plain Get-Content | Test-SiteStatus pipeline and
    the batched -Quiet one, over a list of URLs, each less the same pipeline over a few of them; three runs of each,
    after two warm-up runs so that most of what runs is compiled. Writes one line a run. tests/bench/Profile.ps1 runs
    it in a pwsh of its own.
#>
param(
    [Parameter(Mandatory)] [string] $Module,
    # The URLs measured, one a line (W2's 20,000).
    [Parameter(Mandatory)] [string] $UrlFile,
    # The first few of them: what a run costs besides its URLs.
    [Parameter(Mandatory)] [string] $FewFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $Module

function Measure-Run([string] $File, [bool] $Quiet) {
    $bytes = [GC]::GetTotalAllocatedBytes($true); $cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
    if ($Quiet) { $null = Get-Content $File -ReadCount 1000 | Test-SiteStatus -ThrottleLimit 64 -ThrottleLimitPerHost 64 -Quiet | Measure-Object }
    else { $null = Get-Content $File | Test-SiteStatus -ThrottleLimit 64 -ThrottleLimitPerHost 64 | Measure-Object StatusCode -Minimum -Maximum }
    [pscustomobject]@{ Bytes = [GC]::GetTotalAllocatedBytes($true) - $bytes; Cpu = ([Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - $cpu).TotalMilliseconds }
}

$urls = @(Get-Content $UrlFile).Count - @(Get-Content $FewFile).Count
$null = Measure-Run $UrlFile $false; $null = Measure-Run $UrlFile $false
foreach ($quiet in $false, $true) {
    foreach ($run in 1..3) {
        $all = Measure-Run $UrlFile $quiet; $few = Measure-Run $FewFile $quiet
        '{0}: {1:N0} bytes and {2:N0} us of CPU a URL' -f $(if ($quiet) { 'Get-Content -ReadCount 1000 | Test-SiteStatus -Quiet' } else { 'Get-Content | Test-SiteStatus' }), (($all.Bytes - $few.Bytes) / $urls), (($all.Cpu - $few.Cpu) * 1000 / $urls)
    }
}
