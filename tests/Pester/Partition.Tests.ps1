# Jobs that share the input with no coordinator: -Partition gives each job the same part on every machine and run.
BeforeAll {
    Import-Module $env:SITESTATUS_MODULE -Force
    $pwsh = [Environment]::ProcessPath
    $pwshArgs = @(if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
    # Fifty hosts on loopback addresses where nothing listens: each check is refused at once.
    $urls = 0..49 | ForEach-Object { "http://127.0.1.$($_ + 1):9/" }
}

Describe 'Partitions' {
    It 'are the same in separate processes, whose string hashes differ' {
        $list = Join-Path $TestDrive 'urls.txt'
        Set-Content $list $urls
        $script = "Import-Module '$env:SITESTATUS_MODULE'; Get-Content '$list' | Test-SiteStatus -Partition 1/4 | ForEach-Object Uri | Sort-Object"

        $runs = 1..2 | ForEach-Object { & $pwsh @pwshArgs -NoProfile -NonInteractive -Command $script }
        $here = $urls | Test-SiteStatus -Partition 1/4 | ForEach-Object Uri | Sort-Object

        $runs.Count | Should -Be (2 * $here.Count)
        $runs[0..($here.Count - 1)] | Should -Be $here
        $runs[$here.Count..($runs.Count - 1)] | Should -Be $here
        $here.Count | Should -BeGreaterThan 0
        $here.Count | Should -BeLessThan 50
    }

    It 'together check every URL exactly once' {
        $all = 0..3 | ForEach-Object { $urls | Test-SiteStatus -Partition "$_/4" } | ForEach-Object Uri | Sort-Object

        $all | Should -Be ($urls | Sort-Object)
    }
}
