<#
    Runs the Pester suite (tests/Pester) in a child pwsh against one build of the built module, and returns its counts
    (Suite, Passed, Failed, Skipped). build.ps1 -Task Test calls it once per build. Pester itself is restored from NuGet
    (tests/Pester/Pester.Restore.csproj), so no module installed by hand is used.
#>
param(
    # The built module's folder (out/SiteStatus), holding every build under bin/.
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    # The build to test: net8.0, as PowerShell 7.4+ loads it, or netstandard2.0, the build Windows PowerShell 5.1 gets.
    [Parameter(Mandatory)] [ValidateSet('net8.0', 'netstandard2.0')] [string] $Build,
    # The test site the tests start (tests/Pester/TestServer.ps1).
    [Parameter(Mandatory)] [string] $TestServer,
    # Where the JUnit results go.
    [Parameter(Mandatory)] [string] $ResultsDirectory
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
. (Join-Path $PSScriptRoot 'Native.ps1')

$tests = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../tests/Pester'))
Invoke-Native { dotnet restore (Join-Path $tests 'Pester.Restore.csproj') --nologo -v quiet -clp:NoSummary }
$assets = Get-Content (Join-Path $tests 'obj/project.assets.json') -Raw | ConvertFrom-Json
$pester = Join-Path @($assets.packageFolders.PSObject.Properties.Name)[0] 'pester/5.7.1/tools/Pester.psd1'

# The loader takes net8.0 whenever it is there, so netstandard2.0 is tested from a copy of the module that holds
# only that build, beside the module (out/TestModules).
$module = $ModuleDirectory
if ($Build -ne 'net8.0') {
    $module = Join-Path (Split-Path $ModuleDirectory) "TestModules/$Build/SiteStatus"
    if (Test-Path $module) { Remove-Item $module -Recurse -Force }
    New-Item -ItemType Directory -Path (Split-Path $module) -Force | Out-Null
    Copy-Item $ModuleDirectory $module -Recurse
    Remove-Item (Join-Path $module 'bin/net8.0') -Recurse -Force
}

$env:SITESTATUS_PESTER = $pester
$env:SITESTATUS_TESTSERVER = $TestServer
$env:SITESTATUS_MODULE = Join-Path $module 'SiteStatus.psd1'
$env:SITESTATUS_BUILD = $Build
$junit = Join-Path $ResultsDirectory "pester-$Build.xml"
Remove-Item $junit -ErrorAction Ignore
$script = @"
Import-Module '$pester'
`$config = New-PesterConfiguration
`$config.Run.Path = '$tests'
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputFormat = 'JUnitXml'
`$config.TestResult.OutputPath = '$junit'
Invoke-Pester -Configuration `$config
"@
Write-Host "Pester against the $Build build"
$pwsh = @(Get-PwshCommand)
$pwshArgs = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $script)
& $pwsh[0] @pwshArgs | Out-Host
if (-not (Test-Path $junit)) { throw "Pester wrote no results for the $Build build (exit code $LASTEXITCODE)." }
# Only the totals on the root element are read: a failure's message (an error record's text) can make the rest of
# Pester's JUnit file unreadable as XML, and the counts must still be said.
$root = [regex]::Match((Get-Content $junit -Raw), '<testsuites\b[^>]*>').Value
function Get-Total([string] $Name) { [int][regex]::Match($root, "\b$Name=""(\d+)""").Groups[1].Value }
$failed = (Get-Total failures) + (Get-Total errors)
# Pester's JUnit counts skipped tests as the suites' 'disabled'.
$skipped = Get-Total disabled
[pscustomobject]@{ Suite = "Pester ($Build)"; Passed = (Get-Total tests) - $failed - $skipped; Failed = $failed; Skipped = $skipped }
