<#
    The bytes allocated and the CPU a URL costs in one warm pwsh: the plain Get-Content | Test-SiteStatus pipeline and
    the batched -Quiet one (with -Cmdlet Get-SiteStatusReport: the plain pipeline through the report and, to compare,
    through Test-SiteStatus), over a list of URLs, each less the same pipeline over a few of them; three runs of each,
    after two warm-up runs so that most of what runs is compiled. Writes one line a run. tests/bench/Profile.ps1 runs
    it in a pwsh of its own.
#>
param(
    [Parameter(Mandatory)] [string] $Module,
    # The URLs measured, one a line (W2's 20,000).
    [Parameter(Mandatory)] [string] $UrlFile,
    # The first few of them: what a run costs besides its URLs.
    [Parameter(Mandatory)] [string] $FewFile,
    # Test-SiteStatus's two pipelines, or the report's beside Test-SiteStatus's plain one.
    [ValidateSet('Test-SiteStatus', 'Get-SiteStatusReport')] [string] $Cmdlet = 'Test-SiteStatus'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $Module

function Measure-Run([string] $File, [string] $Pipeline) {
    $bytes = [GC]::GetTotalAllocatedBytes($true); $cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
    switch ($Pipeline) {
        'Quiet' { $null = Get-Content $File -ReadCount 1000 | Test-SiteStatus -ThrottleLimit 64 -ThrottleLimitPerHost 64 -Quiet | Measure-Object }
        'Report' { $null = Get-Content $File | Get-SiteStatusReport -ThrottleLimit 64 -ThrottleLimitPerHost 64 | Measure-Object StatusCode -Minimum -Maximum }
        default { $null = Get-Content $File | Test-SiteStatus -ThrottleLimit 64 -ThrottleLimitPerHost 64 | Measure-Object StatusCode -Minimum -Maximum }
    }
    [pscustomobject]@{ Bytes = [GC]::GetTotalAllocatedBytes($true) - $bytes; Cpu = ([Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - $cpu).TotalMilliseconds }
}

$urls = @(Get-Content $UrlFile).Count - @(Get-Content $FewFile).Count
$pipelines = if ($Cmdlet -eq 'Test-SiteStatus') { [ordered]@{ Plain = 'Get-Content | Test-SiteStatus'; Quiet = 'Get-Content -ReadCount 1000 | Test-SiteStatus -Quiet' } }
else { [ordered]@{ Report = 'Get-Content | Get-SiteStatusReport'; Plain = 'Get-Content | Test-SiteStatus' } }
foreach ($pipeline in $pipelines.Keys) { $null = Measure-Run $UrlFile $pipeline; $null = Measure-Run $UrlFile $pipeline }
# Alternated run by run, so that neither pipeline always meets the busier moments of a shared machine.
foreach ($run in 1..3) {
    foreach ($pipeline in $pipelines.Keys) {
        $all = Measure-Run $UrlFile $pipeline; $few = Measure-Run $FewFile $pipeline
        '{0}: {1:N0} bytes and {2:N0} us of CPU a URL' -f $pipelines[$pipeline], (($all.Bytes - $few.Bytes) / $urls), (($all.Cpu - $few.Cpu) * 1000 / $urls)
    }
}
