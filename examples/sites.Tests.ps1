# Pester 5: is every site of a CSV up? One concurrent call checks the whole list; each site is one test.
# Columns: Url, and any per-site setting named as Test-SiteStatus's parameters: ExpectedStatusCode (e.g. 200-299 or
# "301,308"), Method, TimeoutSec, JsonCondition ("status == UP;checks.length > 0"), MaximumResponseTimeMs, ...
# An empty cell means the default.
#
#   Invoke-Pester ./examples/sites.Tests.ps1 -CI        # NUnit XML in testResults.xml, non-zero exit on failure
#
# or, for a CI server that reads JUnit XML:
#
#   $config = New-PesterConfiguration
#   $config.Run.Path = './examples/sites.Tests.ps1'
#   $config.Run.Exit = $true
#   $config.TestResult.Enabled = $true
#   $config.TestResult.OutputFormat = 'JUnitXml'
#   Invoke-Pester -Configuration $config
#
# To check another list: New-PesterContainer -Path ./examples/sites.Tests.ps1 -Data @{ Path = './my-sites.csv' }
param(
    [string] $Path = (Join-Path $PSScriptRoot 'sites.csv')
)

BeforeDiscovery {
    $sites = Import-Csv $Path | ForEach-Object { @{ Url = $_.Url } }
}

BeforeAll {
    Import-Module SiteStatus

    # Every site at once, each judged by its own row. Results come as checks finish, so they are found again by URL.
    $rows = @(Import-Csv $Path)
    $checked = @($rows | Test-SiteStatus -MaximumRetryCount 1 -ErrorVariable problems -ErrorAction SilentlyContinue)
    $results = @{}
    foreach ($result in $checked) { $results[$result.Uri] = $result }

    function Find-Result([string] $Url) {
        $absolute = if ($Url -match '^[a-z][a-z0-9+.-]*://') { $Url } else { "https://$Url" }
        $results[([uri]$absolute).AbsoluteUri]
    }
}

Describe 'Sites' {
    It '<Url> is up' -ForEach $sites {
        $result = Find-Result $Url
        $result | Should -Not -BeNullOrEmpty -Because 'every row of the CSV is checked'
        $result.Status | Should -BeIn 'Up', 'Flaky' -Because "$($result.Failure): $($result.Reason)"
    }

    It 'every row was checked: none has a URL or a setting that cannot be used' {
        $problems | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" } | Should -BeNullOrEmpty
        $checked.Count | Should -Be $rows.Count
    }
}
