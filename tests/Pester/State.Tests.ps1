# Scheduled checks from the built module, as a cron job runs them: separate processes, one state file.
BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $pwsh = [Environment]::ProcessPath
    $pwshArgs = @(if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })

    function Set-Answer([string] $Key, [int] $Code) {
        $null = Invoke-WebRequest -Method Post -Uri ([uri]::new($server.Http, "/switch/${Key}?code=$Code"))
    }
}

AfterAll {
    Stop-TestServer $server
}

Describe 'Scheduled checks' {
    It 'two runs at once in two processes: the second waits for the first, and the file holds both' {
        $state = Join-Path $TestDrive 'both.json'
        $url = [uri]::new($server.Http, '/delay/700?both').AbsoluteUri
        $script = "Import-Module '$env:SITESTATUS_MODULE'; (Test-SiteStatus '$url' -StatePath '$state').Status"

        $runs = 1..2 | ForEach-Object {
            $start = [Diagnostics.ProcessStartInfo]::new($pwsh)
            foreach ($argument in @($pwshArgs) + @('-NoProfile', '-NonInteractive', '-Command', $script)) { $start.ArgumentList.Add($argument) }
            $start.RedirectStandardOutput = $true
            [Diagnostics.Process]::Start($start)
        }
        $outputs = $runs | ForEach-Object { $_.StandardOutput.ReadToEnd().Trim(); $_.WaitForExit() }

        $outputs | Should -Be 'Up', 'Up'
        $runs.ExitCode | Should -Be 0, 0
        ((Get-Content $state -Raw | ConvertFrom-Json -AsHashtable).sites[$url]).history | Should -Be '2U'
    }

    It 'the alert loop of README says DOWN once, at the threshold, and recovered once' {
        $state = Join-Path $TestDrive 'alerts.json'
        $key = [guid]::NewGuid().ToString('N')
        $url = [uri]::new($server.Http, "/switch/$key").AbsoluteUri
        $said = foreach ($code in 200, 503, 503, 503, 503, 200, 200, 200) {
            Set-Answer $key $code
            $url | Test-SiteStatus -StatePath $state -FailureThreshold 3 -SuccessThreshold 2 |
                Where-Object { $_.Changed -or $_.Reminder } |
                ForEach-Object { if ($_.ConfirmedStatus -eq 'Up') { 'recovered' } else { 'DOWN' } }
            '.'
        }

        -join $said | Should -Be '...DOWN...recovered..'
    }

    It 'writes a file with no BOM and LF line ends that reads back as JSON' {
        $state = Join-Path $TestDrive 'plain.json'
        $null = Test-SiteStatus ([uri]::new($server.Http, '/ok?plain').AbsoluteUri) -StatePath $state

        $bytes = [IO.File]::ReadAllBytes($state)
        $bytes[0] | Should -Be ([byte][char]'{')
        $bytes | Should -Not -Contain ([byte]13)
        (Get-Content $state -Raw | ConvertFrom-Json).format | Should -Be 'SiteStatus state'
    }
}
