# Domain expiry against the built module (each build): the test site is the registry (its /rdap routes) and, as
# -Proxy, the sites too, so names like shop.example.com.br are never resolved and nothing leaves loopback.
BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $proxy = $server.Http
    $far = [uri]::new($server.Http, '/rdap/expires/2031-05-06T07:08:09Z/').AbsoluteUri
}

AfterAll {
    Stop-TestServer $server
}

Describe 'Domain expiry' {
    It 'reports the registrable domain of a two-part suffix and its expiry' {
        $report = Get-SiteStatusReport http://shop.example.com.br/ok -Proxy $proxy -RdapServer $far -DomainExpiryWarningDays 30

        $report.Status | Should -Be 'Up'
        $report.Domain | Should -Be 'example.com.br'
        $report.DomainExpires | Should -Be ([DateTimeOffset]'2031-05-06T07:08:09Z')
        $report.DomainReason | Should -BeNullOrEmpty
        ($report | Format-List | Out-String -Width 200) | Should -Match 'Domain\s+: example\.com\.br, expires 2031-05-06 \(\d+ days left\)'
    }

    It 'fails a site whose domain expires sooner than -MinimumDomainDays, from a CSV column' {
        $soon = [uri]::new($server.Http, "/rdap/expires/$([DateTimeOffset]::UtcNow.AddDays(3.5).ToString('yyyy-MM-ddTHH:mm:ssZ'))/").AbsoluteUri
        $rows = "Url,MinimumDomainDays,RdapServer`nhttp://www.example.co.uk/ok,30,$soon" | ConvertFrom-Csv

        $result = $rows | Test-SiteStatus -Proxy $proxy

        $result.Status | Should -Be 'Down'
        $result.Failure | Should -Be 'ConditionFailed'
        $result.Reason | Should -Match "^Condition 'DomainDays >= 30' failed: found 3 days, until \d{4}-\d\d-\d\d \(example\.co\.uk\)\.$"
    }

    It 'says why a TLD missing from the shipped bootstrap file is unknown, and passes' {
        $result = Test-SiteStatus http://www.example.ru/ok -Proxy $proxy -MinimumDomainDays 30

        $result.Status | Should -Be 'Up'
        $result.Conditions[0].Observed | Should -Be 'unknown: the RDAP bootstrap file shipped with the module names no RDAP server for .ru: give one with -RdapServer'
    }

    It 'keeps the answer in a file beside the state file' {
        $state = Join-Path $TestDrive 'state.json'

        $null = Test-SiteStatus http://shop.example.com/ok -Proxy $proxy -RdapServer $far -MinimumDomainDays 1 -StatePath $state

        $cache = Get-Content (Join-Path $TestDrive 'state.domains.json') -Raw | ConvertFrom-Json
        $cache.format | Should -Be 'SiteStatus domains'
        $cache.domains.'example.com'.server | Should -Be $far
    }

    It 'names its data and their dates' {
        $data = Get-SiteStatusDomainData

        $data.PublicSuffixList | Should -Match '^2023-02-09 '
        $data.RdapBootstrap | Should -Be 'shipped with the module'
        $data.RdapBootstrapPublication | Should -BeNullOrEmpty
        $data.RdapTopLevelDomains | Should -Be 1175
    }
}
