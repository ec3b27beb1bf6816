# Pester 5: is every site of a CSV up? Columns: Url, and optionally ExpectedStatusCode (e.g. 200-299 or "301,308").
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
    $sites = Import-Csv $Path | ForEach-Object { @{ Url = $_.Url; Expected = if ($_.ExpectedStatusCode) { $_.ExpectedStatusCode } else { '200-299' } } }
}

BeforeAll {
    Import-Module SiteStatus
    $sites = Import-Csv $Path
}

Describe 'Sites' {
    # One test per site: the report names the site that is down, and why.
    It '<Url> is up' -ForEach $sites {
        $result = Test-SiteStatus -Uri $Url -ExpectedStatusCode ($Expected -split ',') -MaximumRetryCount 1
        $result.Status | Should -BeIn 'Up', 'Flaky' -Because "$($result.Failure): $($result.Reason)"
    }

    # The fast path for hundreds of sites: all at once, in one concurrent call per set of expected codes.
    It 'all sites are up, checked together' {
        $summaries = $sites |
            Group-Object { if ($_.ExpectedStatusCode) { $_.ExpectedStatusCode } else { '200-299' } } |
            ForEach-Object { $_.Group | Get-SiteStatusReport -Summary -ExpectedStatusCode ($_.Name -split ',') -MaximumRetryCount 1 }

        $reasons = $summaries | ForEach-Object { $_.Failures } | ForEach-Object { $_.Reports } | ForEach-Object { "$($_.Uri): $($_.Reason)" }
        ($summaries | Measure-Object Total -Sum).Sum | Should -Be @($sites).Count
        ($summaries | Measure-Object Down -Sum).Sum | Should -Be 0 -Because ($reasons -join '; ')
    }
}
