# The HTTP version from the built module: probe_http_version as promtool reads it (net8.0), and what Windows PowerShell
# 5.1's build can do (netstandard2.0): HTTP/1.1, said, and 2 and 3 refused.
BeforeDiscovery {
    $promtool = Get-Command promtool -ErrorAction Ignore
}

BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $http2 = [uri]::new($server.Http2, '/ok').AbsoluteUri
    $ok = [uri]::new($server.Http, '/ok').AbsoluteUri
}

AfterAll {
    Stop-TestServer $server
}

Describe 'HTTP versions' {
    It 'gives probe_http_version 2 for a check over HTTP/2, and promtool accepts the text' -Skip:($env:SITESTATUS_BUILD -ne 'net8.0' -or -not $promtool) {
        $path = Join-Path $TestDrive 'versions.prom'
        @(Test-SiteStatus $http2 -HttpVersion 2 -SkipCertificateCheck 3>$null) + @(Test-SiteStatus $ok) | Export-SiteStatusMetric -Path $path

        $check = Get-Content $path -Raw | & promtool check metrics 2>&1
        "$check" | Should -BeNullOrEmpty
        $LASTEXITCODE | Should -Be 0
        Get-Content $path | Should -Contain "probe_http_version{target=`"$http2`"} 2"
        Get-Content $path | Should -Contain "probe_http_version{target=`"$ok`"} 1.1"
    }

    It 'says 1.1 on the netstandard2.0 build, and refuses -HttpVersion 2 and 3 there, as a parameter and in a row' -Skip:($env:SITESTATUS_BUILD -ne 'netstandard2.0') {
        (Test-SiteStatus $ok).HttpVersion | Should -Be '1.1'
        foreach ($version in '2', '3') {
            { Test-SiteStatus $ok -HttpVersion $version -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SiteStatus.Commands.TestSiteStatusCommand' -ExpectedMessage "*HTTP/$version needs PowerShell 7.4 or later*"
        }

        $result = [pscustomobject]@{ Url = $ok; HttpVersion = '2' } | Test-SiteStatus -ErrorVariable problems -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $problems.FullyQualifiedErrorId | Should -Be 'InvalidSiteSetting,SiteStatus.Commands.TestSiteStatusCommand'
        $problems.Exception.Message | Should -Be "The HttpVersion of this site, '2', cannot be used: HTTP/2 needs PowerShell 7.4 or later: the HTTP client of Windows PowerShell 5.1 (.NET Framework) speaks HTTP/1.1 only."
    }
}
