# -AllAddresses against the built module: a sites file's column end to end, the metrics' address label judged by
# promtool, and the refusal on the netstandard2.0 build. The system resolves localhost here (to whatever the machine's
# hosts file says), so the test site listens on 127.0.0.1 and ::1 alike: every address the name has is up.
BeforeDiscovery {
    $promtool = Get-Command promtool -ErrorAction Ignore
}

BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    $server = Start-TestServer -DualStack
    Import-Module $env:SITESTATUS_MODULE -Force
    $local = "http://localhost:$($server.Http.Port)"
    $addresses = @([Net.Dns]::GetHostAddresses('localhost') | ForEach-Object ToString | Select-Object -Unique)
}

AfterAll {
    Stop-TestServer $server
}

Describe 'Every address of a host' -Skip:($env:SITESTATUS_BUILD -ne 'net8.0') {
    BeforeAll {
        $csv = Join-Path $TestDrive 'sites.csv'
        "Url,AllAddresses`n$local/ok?all,True`n$local/ok?one,`n" | Set-Content $csv
        $results = @(Import-Csv $csv | Test-SiteStatus)
        $all = $results | Where-Object Uri -Like '*`?all'
        $one = $results | Where-Object Uri -Like '*`?one'
    }

    It 'checks every address of the host for the rows whose AllAddresses column is True, and only those' {
        $results.Count | Should -Be 2
        $all.Status | Should -Be 'Up'
        @($all.Addresses.Address) | Should -Be $addresses
        @($all.Addresses | Where-Object { $_.Status -eq 'Up' -and $_.RemoteAddress -eq $_.Address }).Count | Should -Be $addresses.Count
        @($one.Addresses).Count | Should -Be 0
    }

    It 'lists the addresses in the list view, and as text in a CSV cell' {
        $expected = @($addresses | ForEach-Object { "${_}: Up 200" }) -join '; '
        $exported = Join-Path $TestDrive 'results.csv'
        $all | Export-Csv $exported

        ($all | Format-List | Out-String -Width 200) | Should -Match "(?m)^Addresses\s+: $([regex]::Escape($expected))\s*$"
        (Import-Csv $exported).Addresses | Should -Be $expected
    }

    It 'promtool accepts the metrics, with a series per address' -Skip:(-not $promtool) {
        $text = $results | ConvertTo-SiteStatusMetric
        $output = $text | & promtool check metrics 2>&1

        $LASTEXITCODE | Should -Be 0 -Because "$output"
        foreach ($address in $addresses) {
            $text | Should -Match "(?m)^probe_success\{target=`"$([regex]::Escape("$local/ok?all"))`",address=`"$([regex]::Escape($address))`"\} 1$"
        }
    }
}

Describe 'On the netstandard2.0 build' -Skip:($env:SITESTATUS_BUILD -ne 'netstandard2.0') {
    It 'refuses -AllAddresses, as a parameter and in a row, as README says' {
        { Test-SiteStatus "$local/ok" -AllAddresses -ErrorAction Stop } | Should -Throw -ErrorId 'AllAddressesNotSupported,SiteStatus.Commands.TestSiteStatusCommand'
        { Get-SiteStatusReport "$local/ok" -AllAddresses -ErrorAction Stop } | Should -Throw -ErrorId 'AllAddressesNotSupported,SiteStatus.Commands.GetSiteStatusReportCommand'

        $results = @([pscustomobject]@{ Url = "$local/ok"; AllAddresses = 'True' } | Test-SiteStatus -ErrorVariable refused -ErrorAction SilentlyContinue)

        $results.Count | Should -Be 0
        $refused[0].FullyQualifiedErrorId | Should -Be 'InvalidSiteSetting,SiteStatus.Commands.TestSiteStatusCommand'
        $refused[0].Exception.Message | Should -BeLike '*it needs PowerShell 7.4 or later*'
    }
}
