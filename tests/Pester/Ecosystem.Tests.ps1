BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $ok = [uri]::new($server.Http, '/ok').AbsoluteUri
    $refused = 'http://127.0.0.1:9/'
    $moduleRoot = Split-Path (Split-Path $env:SITESTATUS_MODULE)

    # Runs a script in a new pwsh, the way a CI job or a user's session would, and returns its output.
    function Invoke-Pwsh([string] $Script, [hashtable] $Environment = @{}) {
        $start = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $Script) { $start.ArgumentList.Add($argument) }
        foreach ($name in $Environment.Keys) { $start.Environment[$name] = $Environment[$name] }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [Diagnostics.Process]::Start($start)
        $output = $process.StandardOutput.ReadToEnd()
        $errors = $process.StandardError.ReadToEnd()
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $output; Errors = $errors }
    }
}

AfterAll {
    Stop-TestServer $server
}

Describe 'Jobs and remoting' {
    It 'results come back from Start-Job deserialized, with their properties, in the same table view' {
        $job = Start-Job -ScriptBlock { param($module, $url) Import-Module $module; Test-SiteStatus $url } -ArgumentList $env:SITESTATUS_MODULE, $ok
        $result = $job | Receive-Job -Wait -AutoRemoveJob

        $result.PSTypeNames[0] | Should -Be 'Deserialized.SiteStatus.SiteStatusResult'
        "$($result.Status)" | Should -Be 'Up'
        $result.StatusCode | Should -Be 200
        $result.Uri | Should -Be $ok
        $result | Out-String -Width 120 | Should -Match ('Up\s+' + [regex]::Escape($ok) + '\s+200\s+\d+\s+OK')
    }

    It 'results of a run with -StatePath keep their state view through a job, and their state' {
        $state = Join-Path $TestDrive 'state.json'
        $job = Start-Job -ScriptBlock { param($module, $url, $state) Import-Module $module; Test-SiteStatus $url -StatePath $state; Get-SiteStatusReport $url -StatePath $state } -ArgumentList $env:SITESTATUS_MODULE, $refused, $state
        $result, $report = $job | Receive-Job -Wait -AutoRemoveJob

        $result.PSTypeNames[0] | Should -Be 'Deserialized.SiteStatus.SiteStatusResult#State'
        $report.PSTypeNames[0] | Should -Be 'Deserialized.SiteStatus.SiteStatusReport#State'
        "$($report.ConfirmedStatus)" | Should -Be 'Down'
        $result | Out-String -Width 120 | Should -Match '(?m)^Status\s+Uri\s+Code\s+ms\s+Confirmed\s+Alert\s+Reason\s*$'
        $result | Out-String -Width 120 | Should -Match 'Down\s+http://127\.0\.0\.1:9/\s+\d+ Down\s+Changed\s+Connection refused'
        $report | Out-String -Width 120 | Should -Match 'Down\s+http://127\.0\.0\.1:9/\s+\d+ Down\s+Connection refused'
        $report | Format-List | Out-String -Width 120 | Should -Match '(?m)^ConsecutiveFailures\s+: 2$'
    }

    It 'a summary survives the trip too' {
        $job = Start-Job -ScriptBlock { param($module, $url) Import-Module $module; Get-SiteStatusReport $url -Summary } -ArgumentList $env:SITESTATUS_MODULE, $ok
        $summary = $job | Receive-Job -Wait -AutoRemoveJob

        $summary.PSTypeNames[0] | Should -Be 'Deserialized.SiteStatus.SiteStatusSummary'
        $summary | Out-String | Should -Match 'AvailabilityPercent\s+: 100'
    }
}

Describe 'The Pester example for CI' {
    It 'runs examples/sites.Tests.ps1 on a CSV and writes JUnit XML that counts every test' -ForEach @(
        @{ Case = 'all up'; Down = $false; Failures = 0 }
        @{ Case = 'one down'; Down = $true; Failures = 1 }
    ) {
        $csv = Join-Path $TestDrive "sites-$Failures.csv"
        $json = [uri]::new($server.Http, '/json?body=' + [uri]::EscapeDataString('{"status":"UP","checks":[1]}')).AbsoluteUri
        $rows = @(
            [pscustomobject]@{ Url = $ok; ExpectedStatusCode = ''; JsonCondition = '' }
            [pscustomobject]@{ Url = [uri]::new($server.Http, '/status/404').AbsoluteUri; ExpectedStatusCode = '404'; JsonCondition = '' }
            [pscustomobject]@{ Url = [uri]::new($server.Http, '/redirect/1').AbsoluteUri; ExpectedStatusCode = '200-299'; JsonCondition = '' }
            [pscustomobject]@{ Url = $json; ExpectedStatusCode = ''; JsonCondition = 'status == UP;checks.length > 0' }
        )
        if ($Down) { $rows += [pscustomobject]@{ Url = [uri]::new($server.Http, '/status/503').AbsoluteUri; ExpectedStatusCode = ''; JsonCondition = '' } }
        $rows | Export-Csv $csv
        $junit = Join-Path $TestDrive "junit-$Failures.xml"
        $example = Join-Path $PSScriptRoot '../../examples/sites.Tests.ps1'

        $run = Invoke-Pwsh -Environment @{ PSModulePath = "$moduleRoot$([IO.Path]::PathSeparator)$env:PSModulePath" } -Script @"
Import-Module '$env:SITESTATUS_PESTER'
`$config = New-PesterConfiguration
`$config.Run.Container = New-PesterContainer -Path '$example' -Data @{ Path = '$csv' }
`$config.Run.Exit = `$true
`$config.Output.Verbosity = 'None'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputFormat = 'JUnitXml'
`$config.TestResult.OutputPath = '$junit'
Invoke-Pester -Configuration `$config
"@

        $junit | Should -Exist
        $suites = ([xml](Get-Content $junit -Raw)).testsuites
        [int]$suites.tests | Should -Be ($rows.Count + 1)
        [int]$suites.failures | Should -Be $Failures
        $run.ExitCode | Should -Be $Failures
    }
}

Describe 'The sites-as-data examples' {
    # Their hosts are not reachable here: the same rows, pointed at the loopback site, show every setting is accepted.
    It 'examples/<File> gives one result per site and no setting error' -ForEach @(@{ File = 'sites.csv' }, @{ File = 'sites.json' }) {
        $text = (Get-Content (Join-Path $PSScriptRoot "../../examples/$File") -Raw) -replace 'https?://[^/,"]+', $server.Http.GetLeftPart('Authority')
        $sites = if ($File -like '*.csv') { $text | ConvertFrom-Csv } else { $text | ConvertFrom-Json }

        $results = $sites | Test-SiteStatus -ErrorVariable problems -ErrorAction SilentlyContinue

        $problems | ForEach-Object { $_.Exception.Message } | Should -BeNullOrEmpty
        $results | Should -HaveCount @($sites).Count
    }
}

Describe 'Packaging' {
    BeforeAll {
        $repository = "SiteStatusTest$PID"
        $feed = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'feed')
        Register-PSResourceRepository -Name $repository -Uri $feed.FullName -Trusted
    }

    AfterAll {
        Unregister-PSResourceRepository -Name $repository
    }

    It 'publishes to a folder repository, installs from it by name, and checks a site' {
        Publish-PSResource -Path $moduleRoot/SiteStatus -Repository $repository
        $modules = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'modules')
        Save-PSResource -Name SiteStatus -Repository $repository -Path $modules.FullName -TrustRepository

        $package = Get-ChildItem $feed -Filter 'SiteStatus.*.nupkg'
        $package.Name | Should -Be "SiteStatus.$((Import-PowerShellDataFile $env:SITESTATUS_MODULE).ModuleVersion).nupkg"
        $run = Invoke-Pwsh -Environment @{ PSModulePath = $modules.FullName } -Script "Import-Module SiteStatus; (Get-Help Test-SiteStatus).examples.example.Count; (Test-SiteStatus '$ok').Status"

        $run.Errors | Should -BeNullOrEmpty
        # The installed package has the help written in docs/help.psd1: every example of Test-SiteStatus.
        $examples = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../docs/help.psd1'))['Test-SiteStatus'].Examples.Count
        $run.Output.Trim() -split '\r?\n' | Should -Be "$examples", 'Up'
    }
}
