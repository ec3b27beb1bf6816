<#
.SYNOPSIS
    Builds, runs and tests the SiteStatus module.
.DESCRIPTION
    Build : compiles both builds (netstandard2.0 for Windows PowerShell 5.1, net8.0 for PowerShell 7.4+) and lays out the module in out/SiteStatus.
    Run   : builds, then checks the sites in examples/urls.txt and prints the table.
    Test  : builds, runs the xunit tests and the Pester tests (in a child pwsh, against each build of the module),
            and ends with one line: 'N passed, N failed' (', N skipped' after it when any were). Exits non-zero on any failure.
    Help  : builds, then writes docs/en-US/SiteStatus.dll-Help.xml (MAML) from docs/help.psd1, the parameters'
            XML documentation and their metadata. The Pester tests fail when a parameter has no help.
    Package: builds, then writes out/packages/SiteStatus.<version>.nupkg, the package PowerShell repositories serve
            (install it with PSResourceGet from a repository that holds it).
    Bench : builds, then runs the side-by-side benchmark (tests/SiteStatus.Benchmarks) and writes tests/bench/RESULTS.md
            and a chart. -Quick runs a tenth of each workload, to try the benchmark itself.
    Soak  : checks 100,000 URLs against loopback servers mixing every fault (SITESTATUS_SOAK_COUNT to change
            the count) and prints throughput, memory and socket counts at each tenth of the run.
    Profile: builds, then profiles W2 (tests/bench/Profile.ps1) through Test-SiteStatus and through Get-SiteStatusReport
            into out/profile; tests/bench/PROFILE.md quotes it.
    The machinery is in tools/ and tests/bench/, one script a job; this file only says what each task does.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Run', 'Test', 'Help', 'Package', 'Bench', 'Soak', 'Profile')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # With -Task Bench: a tenth of each workload.
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$tools = Join-Path $root 'tools'
$out = Join-Path $root 'out'
$moduleDir = Join-Path $out 'SiteStatus'
$manifest = Join-Path $moduleDir 'SiteStatus.psd1'
$resultsDir = Join-Path $out 'TestResults'
$helpFile = Join-Path $root 'docs/en-US/SiteStatus.dll-Help.xml'
. (Join-Path $tools 'Native.ps1')

# The section of CHANGELOG.md for one version: the lines under '## <version>', up to the next section.
function Get-ReleaseNotes([string] $Version) {
    $section = [regex]::Match((Get-Content (Join-Path $root 'CHANGELOG.md') -Raw), ('(?ms)^## ' + [regex]::Escape($Version) + '\s*$(.*?)(?=^## |\z)'))
    if (-not $section.Success) { throw "CHANGELOG.md has no section '## $Version'." }
    $section.Groups[1].Value.Trim()
}

function Invoke-Build {
    $version = (Import-PowerShellDataFile (Join-Path $root 'SiteStatus.psd1')).ModuleVersion
    Invoke-Native { dotnet build (Join-Path $root 'src/SiteStatus/SiteStatus.csproj') -c $Configuration "-p:Version=$version" --nologo -v quiet -clp:NoSummary }

    if (Test-Path $moduleDir) { Remove-Item $moduleDir -Recurse -Force }
    foreach ($framework in 'netstandard2.0', 'net8.0') {
        $bin = New-Item -ItemType Directory -Path (Join-Path $moduleDir "bin/$framework") -Force
        # SiteStatus.dll and what the history needs beside it: Microsoft.Data.Sqlite, SQLitePCLRaw (and System.Memory for 5.1).
        Copy-Item (Join-Path $root "src/SiteStatus/bin/$Configuration/$framework/*.dll") $bin
    }
    Add-ReadyToRun (Join-Path $moduleDir 'bin/net8.0')
    # SQLite's native library, once for both builds, for each platform PowerShell runs on; SqliteLibrary loads it from here.
    foreach ($rid in 'win-x64', 'win-x86', 'win-arm64', 'linux-x64', 'linux-arm64', 'linux-arm', 'linux-musl-x64', 'linux-musl-arm64', 'osx-x64', 'osx-arm64') {
        $native = @(Get-ChildItem (Join-Path $root "src/SiteStatus/bin/$Configuration/net8.0/runtimes/$rid/native") -File)
        if ($native.Count -ne 1) { throw "The SQLite package has no single native library for $rid." }
        Copy-Item $native[0].FullName (New-Item -ItemType Directory -Path (Join-Path $moduleDir "runtimes/$rid/native") -Force)
    }
    Copy-Item (Join-Path $root 'SiteStatus.psm1'), (Join-Path $root 'SiteStatus.format.ps1xml'), (Join-Path $root 'SiteStatus.types.ps1xml'), (Join-Path $root 'LICENSE') $moduleDir
    $text = (Get-Content (Join-Path $root 'SiteStatus.psd1') -Raw).Replace("ReleaseNotes = ''", "ReleaseNotes = @'`n$(Get-ReleaseNotes $version)`n'@")
    [IO.File]::WriteAllText($manifest, $text, [Text.UTF8Encoding]::new($false))
    Copy-Item (Join-Path $root 'docs/en-US') $moduleDir -Recurse
    Write-Host "Built SiteStatus $version in $moduleDir"
}

# Adds linux-x64 ReadyToRun code for .NET 10 (PowerShell 7.6) to the net8.0 SiteStatus.dll, so that the first checks of
# a fresh pwsh do not wait for the JIT to compile the module's code. The IL stays: any other platform or runtime JITs it
# as before. Crossgen2 of .NET 10 it must be: a runtime refuses ReadyToRun code made for another major version, and the
# SDK's PublishReadyToRun for net8.0 makes .NET 8's.
function Add-ReadyToRun([string] $Bin) {
    $project = Join-Path $root 'tools/ReadyToRun/ReadyToRun.Restore.csproj'
    Invoke-Native { dotnet restore $project --nologo -v quiet -clp:NoSummary | Out-Null }
    $assets = Get-Content (Join-Path $root 'tools/ReadyToRun/obj/project.assets.json') -Raw | ConvertFrom-Json
    $packages = @($assets.packageFolders.PSObject.Properties.Name)[0]
    $downloads = @($assets.project.frameworks.'net10.0'.downloadDependencies)
    function Get-PackagePath([string] $Prefix) {
        $package = @($downloads | Where-Object name -Like "$Prefix*")[0]
        Join-Path $packages "$($package.name.ToLowerInvariant())/$($package.version -replace '[\[\] ]|,.*', '')"
    }
    $crossgen = @(Get-ChildItem (Join-Path (Get-PackagePath 'Microsoft.NETCore.App.Crossgen2.') 'tools') -File -Filter 'crossgen2*' |
        Where-Object { $_.Extension -in '', '.exe' })[0].FullName
    $framework = Join-Path (Get-PackagePath 'Microsoft.NETCore.App.Runtime.linux-x64') 'runtimes/linux-x64/lib/net10.0'
    $assembly = Join-Path $Bin 'SiteStatus.dll'
    $il = Join-Path ([IO.Path]::GetTempPath()) "SiteStatus-$PID.dll"
    Move-Item $assembly $il -Force
    try {
        $references = @("$framework/*.dll", (Join-Path $PSHOME 'System.Management.Automation.dll')) +
            @(Get-ChildItem $Bin -Filter '*.dll' | ForEach-Object FullName)
        Invoke-Native { & $crossgen $il -o $assembly --targetos:linux --targetarch:x64 -O @($references | ForEach-Object { "-r:$_" }) | Out-Null }
    }
    finally {
        if (-not (Test-Path $assembly)) { Move-Item $il $assembly } else { Remove-Item $il }
    }
}

function Invoke-Run {
    Import-Module $manifest -Force
    Get-Content (Join-Path $root 'examples/urls.txt') | Test-SiteStatus | Format-Table | Out-Host
}

function New-Help([string] $Path) {
    & (Join-Path $tools 'New-Help.ps1') -Module $manifest -XmlDoc (Join-Path $root "src/SiteStatus/bin/$Configuration/net8.0/SiteStatus.xml") -Path $Path
}

# The loopback test site that the Pester tests and the profile start; returns its DLL.
function Build-TestServer {
    Invoke-Native { dotnet build (Join-Path $root 'tests/SiteStatus.TestServer/SiteStatus.TestServer.csproj') -c $Configuration --nologo -v quiet -clp:NoSummary | Out-Host }
    Join-Path $root "tests/SiteStatus.TestServer/bin/$Configuration/net10.0/SiteStatus.TestServer.dll"
}

# The help the module ships must be what docs/help.psd1 and the code's documentation make now: one check, counted.
function Test-HelpIsCurrent {
    $fresh = Join-Path $resultsDir 'SiteStatus.dll-Help.xml'
    New-Help $fresh
    $current = [IO.File]::ReadAllText($helpFile) -ceq [IO.File]::ReadAllText($fresh)
    if (-not $current) { Write-Host 'docs/en-US/SiteStatus.dll-Help.xml is out of date: run build.ps1 -Task Help and commit it.' }
    [pscustomobject]@{ Suite = 'the shipped help is current'; Passed = [int]$current; Failed = [int](-not $current); Skipped = 0 }
}

function Invoke-Test {
    New-Item -ItemType Directory -Path $resultsDir -Force | Out-Null
    & (Join-Path $tools 'Install-TestPackages.ps1')
    $suites = @(Test-HelpIsCurrent) + @(& (Join-Path $tools 'Invoke-Xunit.ps1') -Configuration $Configuration -ResultsDirectory $resultsDir)
    $server = Build-TestServer
    foreach ($build in 'net8.0', 'netstandard2.0') {
        $suites += & (Join-Path $tools 'Invoke-Pester.ps1') -ModuleDirectory $moduleDir -Build $build -TestServer $server -ResultsDirectory $resultsDir
    }
    $suites | Format-Table -AutoSize | Out-Host
    $passed = ($suites | Measure-Object Passed -Sum).Sum
    $failed = ($suites | Measure-Object Failed -Sum).Sum
    $skipped = ($suites | Measure-Object Skipped -Sum).Sum
    Write-Host "$passed passed, $failed failed$(if ($skipped) { ", $skipped skipped" })"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Package {
    $packages = New-Item -ItemType Directory -Path (Join-Path $out 'packages') -Force
    Compress-PSResource -Path $moduleDir -DestinationPath $packages
    Get-ChildItem $packages -Filter 'SiteStatus.*.nupkg' | ForEach-Object { Write-Host "Wrote $($_.FullName)" }
}

function Invoke-Bench {
    $project = Join-Path $root 'tests/SiteStatus.Benchmarks/SiteStatus.Benchmarks.csproj'
    Invoke-Native { dotnet build $project -c Release --nologo -v quiet -clp:NoSummary }
    $pwsh = @(Get-PwshCommand)
    $arguments = @('run', '--pwsh', $pwsh[0]) + $(if ($pwsh.Count -gt 1) { '--pwsh-dll', $pwsh[1] }) +
        @('--module', $manifest, '--out', (Join-Path $root 'tests/bench'), '--sessions', (Join-Path $root 'tests/bench/Sessions.ps1')) + $(if ($Quick) { '--quick' })
    Invoke-Native { dotnet (Join-Path $root 'tests/SiteStatus.Benchmarks/bin/Release/net10.0/SiteStatus.Benchmarks.dll') @arguments }
}

function Invoke-Profile {
    $server = Build-TestServer
    foreach ($cmdlet in 'Test-SiteStatus', 'Get-SiteStatusReport') {
        & (Join-Path $root 'tests/bench/Profile.ps1') -Module $manifest -TestServer $server -OutDirectory (Join-Path $out 'profile') -Cmdlet $cmdlet
    }
}

function Invoke-Soak {
    Invoke-Native { dotnet test (Join-Path $root 'tests/SiteStatus.Tests/SiteStatus.Tests.csproj') -c $Configuration --nologo --filter 'Category=Soak' --logger 'console;verbosity=detailed' }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Run' { Invoke-Build; Invoke-Run }
    'Test' { Invoke-Build; Invoke-Test }
    'Help' { Invoke-Build; New-Help $helpFile; Copy-Item $helpFile (Join-Path $moduleDir 'en-US') }
    'Package' { Invoke-Build; Invoke-Package }
    'Bench' { Invoke-Build; Invoke-Bench }
    'Soak' { Invoke-Soak }
    'Profile' { Invoke-Build; Invoke-Profile }
}
