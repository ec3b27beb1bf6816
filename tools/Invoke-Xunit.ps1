<#
    Runs the xunit tests (tests/SiteStatus.Tests) but the soak test, and returns their counts (Suite, Passed, Failed,
    Skipped) from the TRX file dotnet test writes. build.ps1 -Task Test calls it.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('Debug', 'Release')] [string] $Configuration,
    # Where the TRX file goes.
    [Parameter(Mandatory)] [string] $ResultsDirectory
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$trx = Join-Path $ResultsDirectory 'xunit.trx'
Remove-Item $trx -ErrorAction Ignore
& dotnet test (Join-Path $PSScriptRoot '../tests/SiteStatus.Tests/SiteStatus.Tests.csproj') -c $Configuration --nologo --filter 'Category!=Soak' `
    --logger 'console;verbosity=normal' --logger 'trx;LogFileName=xunit.trx' --results-directory $ResultsDirectory | Out-Host
if (-not (Test-Path $trx)) { throw "xunit wrote no results (dotnet test exit code $LASTEXITCODE)." }
$counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
$skipped = [int]$counters.notExecuted
[pscustomobject]@{ Suite = 'xunit'; Passed = [int]$counters.passed; Failed = [int]$counters.total - [int]$counters.passed - $skipped; Skipped = $skipped }
