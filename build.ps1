<#
.SYNOPSIS
    Builds, runs and tests the SiteStatus module.
.DESCRIPTION
    Build : compiles both builds (netstandard2.0 for Windows PowerShell 5.1, net8.0 for PowerShell 7.4+) and lays out the module in out/SiteStatus.
    Run   : builds, then checks the sites in examples/urls.txt and prints the table.
    Test  : builds, runs the xunit tests and the Pester tests (in a child pwsh, against the built module),
            and ends with one line: 'N passed, N failed'. Exits non-zero on any failure.
    Soak  : checks 100,000 URLs against loopback servers mixing every fault (SITESTATUS_SOAK_COUNT to change
            the count) and prints throughput, memory and socket counts at each tenth of the run.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Run', 'Test', 'Soak')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleDir = Join-Path $out 'SiteStatus'
$resultsDir = Join-Path $out 'TestResults'
$frameworks = 'netstandard2.0', 'net8.0'

function Invoke-Native([scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "'$Command' failed with exit code $LASTEXITCODE." }
}

# The command line that starts this same pwsh: 'dotnet pwsh.dll' when it runs as a dotnet tool, pwsh itself otherwise.
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return $process, (Join-Path $PSHOME 'pwsh.dll')
    }
    return , $process
}

function Invoke-Build {
    $version = (Import-PowerShellDataFile (Join-Path $root 'SiteStatus.psd1')).ModuleVersion
    Invoke-Native { dotnet build (Join-Path $root 'src/SiteStatus/SiteStatus.csproj') -c $Configuration "-p:Version=$version" --nologo -v quiet -clp:NoSummary }

    if (Test-Path $moduleDir) { Remove-Item $moduleDir -Recurse -Force }
    foreach ($framework in $frameworks) {
        $bin = New-Item -ItemType Directory -Path (Join-Path $moduleDir "bin/$framework") -Force
        Copy-Item (Join-Path $root "src/SiteStatus/bin/$Configuration/$framework/SiteStatus.dll") $bin
    }
    Copy-Item (Join-Path $root 'SiteStatus.psd1'), (Join-Path $root 'SiteStatus.psm1'), (Join-Path $root 'SiteStatus.format.ps1xml') $moduleDir
    Write-Host "Built SiteStatus $version in $moduleDir"
}

function Invoke-Run {
    Import-Module (Join-Path $moduleDir 'SiteStatus.psd1') -Force
    Get-Content (Join-Path $root 'examples/urls.txt') | Test-SiteStatus | Format-Table | Out-Host
}

$xunitProject = Join-Path $root 'tests/SiteStatus.Tests/SiteStatus.Tests.csproj'

function Invoke-XunitTests {
    $trx = Join-Path $resultsDir 'xunit.trx'
    Remove-Item $trx -ErrorAction Ignore
    & dotnet test $xunitProject -c $Configuration --nologo --filter 'Category!=Soak' `
        --logger 'console;verbosity=normal' --logger 'trx;LogFileName=xunit.trx' --results-directory $resultsDir | Out-Host
    if (-not (Test-Path $trx)) { throw "xunit wrote no results (dotnet test exit code $LASTEXITCODE)." }
    $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
    [pscustomobject]@{ Suite = 'xunit'; Passed = [int]$counters.passed; Failed = [int]$counters.total - [int]$counters.passed }
}

function Invoke-PesterTests {
    $restore = Join-Path $root 'tests/Pester/Pester.Restore.csproj'
    Invoke-Native { dotnet restore $restore --nologo -v quiet -clp:NoSummary }
    $assets = Get-Content (Join-Path $root 'tests/Pester/obj/project.assets.json') -Raw | ConvertFrom-Json
    $packages = @($assets.packageFolders.PSObject.Properties.Name)[0]
    $pester = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'

    # The test server is started by the tests; build it first so they find it.
    Invoke-Native { dotnet build (Join-Path $root 'tests/SiteStatus.TestServer/SiteStatus.TestServer.csproj') -c $Configuration --nologo -v quiet -clp:NoSummary }

    $junit = Join-Path $resultsDir 'pester.xml'
    Remove-Item $junit -ErrorAction Ignore
    $env:SITESTATUS_MODULE = Join-Path $moduleDir 'SiteStatus.psd1'
    $env:SITESTATUS_TESTSERVER = Join-Path $root "tests/SiteStatus.TestServer/bin/$Configuration/net10.0/SiteStatus.TestServer.dll"
    $script = @"
Import-Module '$pester'
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $root 'tests/Pester')'
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputFormat = 'JUnitXml'
`$config.TestResult.OutputPath = '$junit'
Invoke-Pester -Configuration `$config
"@
    $pwsh = @(Get-PwshCommand)
    $pwshArgs = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $script)
    & $pwsh[0] @pwshArgs | Out-Host
    if (-not (Test-Path $junit)) { throw "Pester wrote no results (exit code $LASTEXITCODE)." }
    $suites = ([xml](Get-Content $junit -Raw)).testsuites
    $failed = [int]$suites.failures + [int]$suites.errors
    [pscustomobject]@{ Suite = 'Pester'; Passed = [int]$suites.tests - $failed - [int]$suites.disabled; Failed = $failed }
}

function Invoke-Test {
    New-Item -ItemType Directory -Path $resultsDir -Force | Out-Null
    $suites = @(Invoke-XunitTests) + @(Invoke-PesterTests)
    $suites | Format-Table -AutoSize | Out-Host
    $passed = ($suites | Measure-Object Passed -Sum).Sum
    $failed = ($suites | Measure-Object Failed -Sum).Sum
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Soak {
    Invoke-Native { dotnet test $xunitProject -c $Configuration --nologo --filter 'Category=Soak' --logger 'console;verbosity=detailed' }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Run' { Invoke-Build; Invoke-Run }
    'Test' { Invoke-Build; Invoke-Test }
    'Soak' { Invoke-Soak }
}
