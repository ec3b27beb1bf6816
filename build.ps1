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
    Profile: builds, then runs W2 (20,000 loopback /ok URLs, 64 in flight, the plain Get-Content | Test-SiteStatus
            pipeline) in a pwsh traced by dotnet-trace (CPU samples) and again watched by dotnet-counters, and writes
            the top frames by inclusive and exclusive CPU, the runtime counters, and the bytes and CPU a URL costs
            in a warm pwsh, to out/profile. The traces stay there; tests/bench/PROFILE.md quotes them.
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
    foreach ($framework in $frameworks) {
        $bin = New-Item -ItemType Directory -Path (Join-Path $moduleDir "bin/$framework") -Force
        Copy-Item (Join-Path $root "src/SiteStatus/bin/$Configuration/$framework/SiteStatus.dll") $bin
    }
    Copy-Item (Join-Path $root 'SiteStatus.psm1'), (Join-Path $root 'SiteStatus.format.ps1xml'), (Join-Path $root 'SiteStatus.types.ps1xml'), (Join-Path $root 'LICENSE') $moduleDir
    $manifest = (Get-Content (Join-Path $root 'SiteStatus.psd1') -Raw).Replace("ReleaseNotes = ''", "ReleaseNotes = @'`n$(Get-ReleaseNotes $version)`n'@")
    [IO.File]::WriteAllText((Join-Path $moduleDir 'SiteStatus.psd1'), $manifest, [Text.UTF8Encoding]::new($false))
    Copy-Item (Join-Path $root 'docs/en-US') $moduleDir -Recurse
    Write-Host "Built SiteStatus $version in $moduleDir"
}

# MAML for the binary cmdlets. Parameter text comes from the XML comments in the code, so it lives beside the parameter;
# the rest from docs/help.psd1. Defaults are read from a fresh instance of each cmdlet, so they cannot drift either.
function Invoke-Help([string] $Path = (Join-Path $root 'docs/en-US/SiteStatus.dll-Help.xml')) {
    $sources = Import-PowerShellDataFile (Join-Path $root 'docs/help.psd1')
    $xmlDocs = [xml](Get-Content (Join-Path $root "src/SiteStatus/bin/$Configuration/net8.0/SiteStatus.xml") -Raw)
    $docs = @{}
    foreach ($member in $xmlDocs.doc.members.member) { $docs[$member.name] = $member }
    $module = Import-Module (Join-Path $moduleDir 'SiteStatus.psd1') -Force -PassThru
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    $xml = [System.Xml.XmlWriter]::Create($Path, $settings)
    $maml = 'http://schemas.microsoft.com/maml/2004/10'
    $command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    $dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
    function Write-Paras([string[]] $Paragraphs) {
        $xml.WriteStartElement('maml', 'description', $maml)
        foreach ($para in $Paragraphs) { $xml.WriteElementString('maml', 'para', $maml, $para) }
        $xml.WriteEndElement()
    }
    function Write-Parameter($Parameter, $Property, $Instance) {
        $attribute = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] } | Select-Object -First 1
        $pipeline = @(if ($attribute.ValueFromPipelineByPropertyName) { 'ByPropertyName' }; if ($attribute.ValueFromPipeline) { 'ByValue' })
        $xml.WriteStartElement('command', 'parameter', $command)
        $xml.WriteAttributeString('required', "$($attribute.Mandatory)".ToLowerInvariant())
        $xml.WriteAttributeString('variableLength', "$($Parameter.ParameterType.IsArray)".ToLowerInvariant())
        $xml.WriteAttributeString('globbing', 'false')
        $xml.WriteAttributeString('pipelineInput', $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }))
        $xml.WriteAttributeString('position', $(if ($attribute.Position -ge 0) { "$($attribute.Position)" } else { 'named' }))
        $xml.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
        $xml.WriteElementString('maml', 'name', $maml, $Parameter.Name)
        $doc = $docs["P:$($Property.DeclaringType.FullName).$($Parameter.Name)"]
        $text = ($doc.summary.para | Where-Object type -EQ 'description').'#text'
        if (-not $text) { throw "$($Parameter.Name) has no <para type=`"description`"> in its XML comment." }
        Write-Paras (($text -replace '\s+', ' ').Trim())
        $type = $Parameter.ParameterType
        if ([Nullable]::GetUnderlyingType($type)) { $type = [Nullable]::GetUnderlyingType($type) }
        if ($type.IsEnum) {
            $xml.WriteStartElement('command', 'parameterValueGroup', $command)
            foreach ($name in [Enum]::GetNames($type)) { $xml.WriteElementString('command', 'parameterValue', $command, $name) }
            $xml.WriteEndElement()
        }
        if ($type -ne [System.Management.Automation.SwitchParameter]) {
            $xml.WriteStartElement('command', 'parameterValue', $command)
            $xml.WriteAttributeString('required', 'true')
            $xml.WriteString($type.Name)
            $xml.WriteEndElement()
        }
        $xml.WriteStartElement('dev', 'type', $dev)
        $xml.WriteElementString('maml', 'name', $maml, $type.FullName)
        $xml.WriteEndElement()
        $default = $Property.GetValue($Instance)
        $xml.WriteElementString('dev', 'defaultValue', $dev, $(
            if ($type -eq [System.Management.Automation.SwitchParameter]) { 'False' }
            elseif ($null -eq $default -or ($default -is [array] -and $default.Count -eq 0)) { 'None' }
            else { @($default) -join ',' }))
        $xml.WriteEndElement()
    }

    $xml.WriteStartElement('helpItems', 'http://msh')
    $xml.WriteAttributeString('schema', 'maml')
    foreach ($name in $sources.Keys | Sort-Object -Descending) {
        $source = $sources[$name]
        $cmdlet = $module.ExportedCmdlets[$name]
        $instance = [Activator]::CreateInstance($cmdlet.ImplementingType)
        $parameters = $cmdlet.Parameters.Values | Where-Object Name -NotIn $common |
            Sort-Object { $p = ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })[0].Position; if ($p -ge 0) { $p } else { [int]::MaxValue } }, Name
        $xml.WriteStartElement('command', 'command', $command)
        $xml.WriteAttributeString('xmlns', 'maml', $null, $maml)
        $xml.WriteAttributeString('xmlns', 'dev', $null, $dev)
        $xml.WriteStartElement('command', 'details', $command)
        $xml.WriteElementString('command', 'name', $command, $name)
        $xml.WriteElementString('command', 'verb', $command, $cmdlet.Verb)
        $xml.WriteElementString('command', 'noun', $command, $cmdlet.Noun)
        Write-Paras $source.Synopsis
        $xml.WriteEndElement()
        Write-Paras $source.Description
        # One syntax line per parameter set (URLs as an argument, or objects from the pipeline), then every parameter.
        $xml.WriteStartElement('command', 'syntax', $command)
        foreach ($set in $cmdlet.ParameterSets) {
            $xml.WriteStartElement('command', 'syntaxItem', $command)
            $xml.WriteElementString('maml', 'name', $maml, $name)
            foreach ($parameter in $parameters | Where-Object Name -In $set.Parameters.Name) { Write-Parameter $parameter $cmdlet.ImplementingType.GetProperty($parameter.Name) $instance }
            $xml.WriteEndElement()
        }
        $xml.WriteEndElement()
        $xml.WriteStartElement('command', 'parameters', $command)
        foreach ($parameter in $parameters) { Write-Parameter $parameter $cmdlet.ImplementingType.GetProperty($parameter.Name) $instance }
        $xml.WriteEndElement()
        $xml.WriteStartElement('command', 'inputTypes', $command)
        $xml.WriteStartElement('command', 'inputType', $command)
        $xml.WriteStartElement('dev', 'type', $dev)
        $xml.WriteElementString('maml', 'name', $maml, 'System.String')
        $xml.WriteEndElement()
        Write-Paras $(if ($source['Input']) { $source['Input'] } else { 'URLs as text or [uri], and arrays of them; or objects and hashtables with a Uri, Url or Address property or key, such as the rows of Import-Csv or ConvertFrom-Json, the entries of Import-PowerShellDataFile, or the results of Test-SiteStatus. Their other properties may set the checks of their own site.' })
        $xml.WriteEndElement()
        $xml.WriteEndElement()
        $xml.WriteStartElement('command', 'returnValues', $command)
        foreach ($output in $cmdlet.OutputType) {
            $xml.WriteStartElement('command', 'returnValue', $command)
            $xml.WriteStartElement('dev', 'type', $dev)
            $xml.WriteElementString('maml', 'name', $maml, $output.Name)
            $xml.WriteEndElement()
            $xml.WriteEndElement()
        }
        $xml.WriteEndElement()
        $xml.WriteStartElement('maml', 'alertSet', $maml)
        $xml.WriteStartElement('maml', 'alert', $maml)
        foreach ($note in $source.Notes) { $xml.WriteElementString('maml', 'para', $maml, $note) }
        $xml.WriteEndElement()
        $xml.WriteEndElement()
        $xml.WriteStartElement('command', 'examples', $command)
        $number = 0
        foreach ($example in $source.Examples) {
            $number++
            $xml.WriteStartElement('command', 'example', $command)
            $xml.WriteElementString('maml', 'title', $maml, "-------------------------- Example $number --------------------------")
            $xml.WriteElementString('dev', 'code', $dev, $example.Code)
            $xml.WriteStartElement('dev', 'remarks', $dev)
            $xml.WriteElementString('maml', 'para', $maml, $example.Remarks)
            $xml.WriteEndElement()
            $xml.WriteEndElement()
        }
        $xml.WriteEndElement()
        $xml.WriteStartElement('command', 'relatedLinks', $command)
        # One link each, in a stable order: about_SiteStatus, then the other cmdlets by name.
        foreach ($link in @('about_SiteStatus') + @($sources.Keys | Where-Object { $_ -ne $name } | Sort-Object)) {
            $xml.WriteStartElement('maml', 'navigationLink', $maml)
            $xml.WriteElementString('maml', 'linkText', $maml, $link)
            $xml.WriteEndElement()
        }
        $xml.WriteEndElement()
        $xml.WriteEndElement()
    }
    $xml.WriteEndElement()
    $xml.Dispose()
    Write-Host "Wrote $Path"
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
    $skipped = [int]$counters.notExecuted
    [pscustomobject]@{ Suite = 'xunit'; Passed = [int]$counters.passed; Failed = [int]$counters.total - [int]$counters.passed - $skipped; Skipped = $skipped }
}

function Invoke-PesterTests {
    $restore = Join-Path $root 'tests/Pester/Pester.Restore.csproj'
    Invoke-Native { dotnet restore $restore --nologo -v quiet -clp:NoSummary }
    $assets = Get-Content (Join-Path $root 'tests/Pester/obj/project.assets.json') -Raw | ConvertFrom-Json
    $packages = @($assets.packageFolders.PSObject.Properties.Name)[0]
    $pester = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'

    # promtool (Debian's prometheus package) checks the metrics with the real parser. Installed here when it is missing
    # and this runs as root; otherwise the tests that need it say what to install and count as skipped.
    # Likewise OpenSSH's server (Debian's openssh-server), which the remoting tests start in user space on 127.0.0.1.
    $missing = @(if (-not (Get-Command promtool -ErrorAction Ignore)) { 'prometheus' }; if (-not (Test-Path /usr/sbin/sshd)) { 'openssh-server' })
    if ($missing -and $IsLinux -and (Get-Command apt-get -ErrorAction Ignore) -and (& id -u) -eq '0') {
        Write-Host "Installing $($missing -join ' and ') (Debian packages) for the metrics and remoting tests"
        $env:DEBIAN_FRONTEND = 'noninteractive'
        & apt-get update -qq | Out-Host
        & apt-get install -y -qq --no-install-recommends @missing | Out-Host
    }

    # The test server is started by the tests; build it first so they find it.
    Invoke-Native { dotnet build (Join-Path $root 'tests/SiteStatus.TestServer/SiteStatus.TestServer.csproj') -c $Configuration --nologo -v quiet -clp:NoSummary }
    $env:SITESTATUS_PESTER = $pester
    $env:SITESTATUS_TESTSERVER = Join-Path $root "tests/SiteStatus.TestServer/bin/$Configuration/net10.0/SiteStatus.TestServer.dll"

    # The whole suite runs against each build: net8.0 as PowerShell 7.4+ loads it, and netstandard2.0, the build
    # Windows PowerShell 5.1 users get, from a copy of the module that holds only that build (the loader then takes it).
    $netstandard = Join-Path $out 'TestModules/netstandard2.0/SiteStatus'
    if (Test-Path $netstandard) { Remove-Item $netstandard -Recurse -Force }
    New-Item -ItemType Directory -Path (Split-Path $netstandard) -Force | Out-Null
    Copy-Item $moduleDir $netstandard -Recurse
    Remove-Item (Join-Path $netstandard 'bin/net8.0') -Recurse -Force

    foreach ($build in @{ Name = 'net8.0'; Module = $moduleDir }, @{ Name = 'netstandard2.0'; Module = $netstandard }) {
        $junit = Join-Path $resultsDir "pester-$($build.Name).xml"
        Remove-Item $junit -ErrorAction Ignore
        $env:SITESTATUS_MODULE = Join-Path $build.Module 'SiteStatus.psd1'
        $env:SITESTATUS_BUILD = $build.Name
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
        Write-Host "Pester against the $($build.Name) build"
        $pwsh = @(Get-PwshCommand)
        $pwshArgs = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $script)
        & $pwsh[0] @pwshArgs | Out-Host
        if (-not (Test-Path $junit)) { throw "Pester wrote no results for the $($build.Name) build (exit code $LASTEXITCODE)." }
        $suites = ([xml](Get-Content $junit -Raw)).testsuites
        $failed = [int]$suites.failures + [int]$suites.errors
        # Pester's JUnit counts skipped tests as the suites' 'disabled'.
        $skipped = [int]$suites.disabled
        [pscustomobject]@{ Suite = "Pester ($($build.Name))"; Passed = [int]$suites.tests - $failed - $skipped; Failed = $failed; Skipped = $skipped }
    }
}

# The help the module ships must be what docs/help.psd1 and the code's documentation make now: one check, counted.
function Test-HelpIsCurrent {
    $fresh = Join-Path $resultsDir 'SiteStatus.dll-Help.xml'
    Invoke-Help -Path $fresh
    $current = [IO.File]::ReadAllText((Join-Path $root 'docs/en-US/SiteStatus.dll-Help.xml')) -ceq [IO.File]::ReadAllText($fresh)
    if (-not $current) { Write-Host 'docs/en-US/SiteStatus.dll-Help.xml is out of date: run build.ps1 -Task Help and commit it.' }
    [pscustomobject]@{ Suite = 'the shipped help is current'; Passed = [int]$current; Failed = [int](-not $current); Skipped = 0 }
}

function Invoke-Test {
    New-Item -ItemType Directory -Path $resultsDir -Force | Out-Null
    $suites = @(Test-HelpIsCurrent) + @(Invoke-XunitTests) + @(Invoke-PesterTests)
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
        @('--module', (Join-Path $moduleDir 'SiteStatus.psd1'), '--out', (Join-Path $root 'tests/bench'), '--sessions', (Join-Path $root 'tests/bench/Sessions.ps1')) + $(if ($Quick) { '--quick' })
    Invoke-Native { dotnet (Join-Path $root 'tests/SiteStatus.Benchmarks/bin/Release/net10.0/SiteStatus.Benchmarks.dll') @arguments }
}

# From a speedscope file of thread-time samples: each frame's share of all CPU time, inclusive and exclusive, counting
# only the samples whose thread was running managed or native code on a CPU.
function Get-CpuFrames([string] $Path) {
    $document = Get-Content $Path -Raw | ConvertFrom-Json
    $names = @($document.shared.frames.name)
    $onCpu = [Array]::IndexOf($names, 'CPU_TIME')
    $inclusive = [Collections.Generic.Dictionary[int, double]]::new()
    $exclusive = [Collections.Generic.Dictionary[int, double]]::new()
    $total = 0.0
    $threads = foreach ($thread in $document.profiles) {
        $stack = [Collections.Generic.List[int]]::new()
        $last = $null
        $used = 0.0
        foreach ($event in $thread.events) {
            if ($null -ne $last -and $stack.Count -gt 1 -and $stack[$stack.Count - 1] -eq $onCpu) {
                $span = $event.at - $last
                $used += $span
                $exclusive[$stack[$stack.Count - 2]] = $exclusive[$stack[$stack.Count - 2]] + $span
                foreach ($frame in [Linq.Enumerable]::Distinct($stack)) { if ($frame -ne $onCpu) { $inclusive[$frame] = $inclusive[$frame] + $span } }
            }
            $last = $event.at
            if ($event.type -eq 'O') { $stack.Add($event.frame) } elseif ($stack.Count) { $stack.RemoveAt($stack.Count - 1) }
        }
        $total += $used
        [pscustomobject]@{ Thread = $thread.name; CpuMs = [math]::Round($used) }
    }

    '{0:0} ms of CPU in all threads; the busiest:' -f $total
    $threads | Sort-Object CpuMs -Descending | Select-Object -First 6 | ForEach-Object { '  {0,-18} {1,6} ms' -f $_.Thread, $_.CpuMs }
    foreach ($table in @{ Name = 'Inclusive'; Data = $inclusive }, @{ Name = 'Exclusive'; Data = $exclusive }) {
        "Top frames by $($table.Name.ToLowerInvariant()) CPU:"
        $table.Data.GetEnumerator() | Sort-Object Value -Descending | Select-Object -First 50 |
            ForEach-Object { '{0,5:0.0}% {1}' -f (100 * $_.Value / $total), ($names[$_.Key] -replace '^[^!]*!', '' -replace '(.{120}).+', '$1') }
    }
}

function Invoke-Profile {
    $profileDir = New-Item -ItemType Directory -Path (Join-Path $out 'profile') -Force
    Invoke-Native { dotnet build (Join-Path $root 'tests/SiteStatus.TestServer/SiteStatus.TestServer.csproj') -c $Configuration --nologo -v quiet -clp:NoSummary }
    $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $start.ArgumentList.Add((Join-Path $root "tests/SiteStatus.TestServer/bin/$Configuration/net10.0/SiteStatus.TestServer.dll"))
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $server = [Diagnostics.Process]::Start($start)
    try {
        $http = ($server.StandardOutput.ReadLine() | ConvertFrom-Json).http
        $urls = Join-Path $profileDir 'w2.txt'
        [IO.File]::WriteAllLines($urls, [string[]](0..19999 | ForEach-Object { "$($http)ok?n=$_" }))
        $command = "Import-Module '$(Join-Path $moduleDir 'SiteStatus.psd1')'; Get-Content '$urls' | Test-SiteStatus -ThrottleLimit 64 -ThrottleLimitPerHost 64 | Measure-Object StatusCode -Minimum -Maximum | Out-Null"
        $pwsh = @(Get-PwshCommand)
        $traced = @($pwsh) + @('-NoProfile', '-NonInteractive', '-Command', $command)
        $trace = Join-Path $profileDir 'w2.nettrace'
        $counters = Join-Path $profileDir 'w2-counters.csv'

        # Thread-time samples of every managed thread, about 100 a second. On Linux, dotnet-trace's CPU sampling needs
        # collect-linux (kernel user_events, not in Debian 12's kernel); these samples say whether the thread was on the
        # CPU (a CPU_TIME leaf), so keeping only those gives the CPU profile.
        Invoke-Native { dotnet dotnet-trace collect --profile dotnet-sampled-thread-time --format Speedscope -o $trace -- @traced }
        $cpu = Get-CpuFrames ([IO.Path]::ChangeExtension($trace, '.speedscope.json'))
        $report = Join-Path $profileDir 'w2-cpu.txt'
        $cpu | Set-Content $report
        $cpu | Select-Object -First 45 | Out-Host
        Write-Host "CPU by frame: $report"

        # Allocation rate, GC counts, thread-pool queue and lock contention, once a second.
        Invoke-Native { dotnet dotnet-counters collect --counters System.Runtime --refresh-interval 1 --format csv -o $counters -- @traced }
        Write-Host "Runtime counters: $counters"

        # Bytes allocated and CPU per URL in one warm pwsh (W2 twice first, so most of what runs is compiled), the plain
        # pipeline and the batched -Quiet one, each less the same pipeline over 8 URLs.
        $few = Join-Path $profileDir 'w0.txt'
        Get-Content $urls -TotalCount 8 | Set-Content $few
        $allocations = Join-Path $profileDir 'w2-allocations.txt'
        $measure = @"
Import-Module '$(Join-Path $moduleDir 'SiteStatus.psd1')'
function Measure-Run([string] `$File, [bool] `$Quiet) {
    `$bytes = [GC]::GetTotalAllocatedBytes(`$true); `$cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
    if (`$Quiet) { `$null = Get-Content `$File -ReadCount 1000 | Test-SiteStatus -ThrottleLimit 64 -ThrottleLimitPerHost 64 -Quiet | Measure-Object }
    else { `$null = Get-Content `$File | Test-SiteStatus -ThrottleLimit 64 -ThrottleLimitPerHost 64 | Measure-Object StatusCode -Minimum -Maximum }
    [pscustomobject]@{ Bytes = [GC]::GetTotalAllocatedBytes(`$true) - `$bytes; Cpu = ([Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - `$cpu).TotalMilliseconds }
}
`$null = Measure-Run '$urls' `$false; `$null = Measure-Run '$urls' `$false
foreach (`$quiet in `$false, `$true) {
    foreach (`$run in 1..3) {
        `$all = Measure-Run '$urls' `$quiet; `$few = Measure-Run '$few' `$quiet
        '{0}: {1:N0} bytes and {2:N0} us of CPU a URL' -f `$(if (`$quiet) { 'Get-Content -ReadCount 1000 | Test-SiteStatus -Quiet' } else { 'Get-Content | Test-SiteStatus' }), ((`$all.Bytes - `$few.Bytes) / 19992), ((`$all.Cpu - `$few.Cpu) * 1000 / 19992)
    }
}
"@
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $measure | Tee-Object -FilePath $allocations | Out-Host
        Write-Host "Allocations per URL: $allocations"
    }
    finally {
        $server.StandardInput.Close()
        if (-not $server.WaitForExit(10000)) { $server.Kill() }
    }
}

function Invoke-Soak {
    Invoke-Native { dotnet test $xunitProject -c $Configuration --nologo --filter 'Category=Soak' --logger 'console;verbosity=detailed' }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Run' { Invoke-Build; Invoke-Run }
    'Test' { Invoke-Build; Invoke-Test }
    'Help' { Invoke-Build; Invoke-Help; Copy-Item (Join-Path $root 'docs/en-US/SiteStatus.dll-Help.xml') (Join-Path $moduleDir 'en-US') }
    'Package' { Invoke-Build; Invoke-Package }
    'Bench' { Invoke-Build; Invoke-Bench }
    'Soak' { Invoke-Soak }
    'Profile' { Invoke-Build; Invoke-Profile }
}
