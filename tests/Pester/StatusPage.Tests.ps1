# The status page from the built module (Export-SiteStatusPage), rendered by a real headless browser (Debian's
# chromium): the DOM it builds, the requests it makes (none, see Chromium.ps1), and screenshots at desktop and phone
# widths in light and dark. A month of hourly outcomes is made from real results, as the uptime tests make theirs.
BeforeDiscovery {
    $chromium = Get-Command chromium -ErrorAction Ignore
    if (-not $chromium) { Write-Host 'chromium is not installed: install the Debian package chromium to render the status page in a real browser (those tests are skipped).' }
    # The page is the same text from either build; its screenshots are taken once, with the net8.0 build.
    $screenshots = $chromium -and $env:SITESTATUS_BUILD -ne 'netstandard2.0'
}

BeforeAll {
    . $PSScriptRoot/TestServer.ps1
    . $PSScriptRoot/Chromium.ps1
    $server = Start-TestServer
    Import-Module $env:SITESTATUS_MODULE -Force
    $h = $server.Http.GetLeftPart('Authority')

    # Real results, as JSON Lines read back, are the templates.
    $template = @{
        Up          = Test-SiteStatus "$h/ok" | ConvertTo-SiteStatusJsonLine | ConvertFrom-Json
        Down        = Test-SiteStatus "$h/status/503" | ConvertTo-SiteStatusJsonLine | ConvertFrom-Json
        Maintenance = [pscustomobject]@{ Url = "$h/status/503"; MaintenanceWindow = 'Daily 00:00 24h' } | Test-SiteStatus | ConvertTo-SiteStatusJsonLine | ConvertFrom-Json
    }

    function New-Outcome([string] $Kind, [string] $Uri, [DateTimeOffset] $At, [string] $Reason) {
        $outcome = $template[$Kind].PSObject.Copy()
        $outcome.Uri = $Uri
        $outcome.Timestamp = $At
        $outcome.ResponseTimeMs = 80 + ($At.Hour * 7) % 50
        if ($Reason) { $outcome.Reason = $Reason }
        $outcome
    }

    # 30 days of a check every hour, the newest a minute ago. Checkout is down for its last three checks (its reason
    # holds markup) and was down two hours four days ago; Reports' newest check ran in maintenance; New has three
    # hours of checks only; Never is listed and has none.
    $script = '<script>alert("x")</script>'
    $now = [DateTimeOffset]::UtcNow.AddMinutes(-1)
    $sites = [ordered]@{ Shop = "$h/ok?shop"; Checkout = "$h/status/503?checkout"; Reports = "$h/ok?reports"; New = "$h/ok?new" }
    $outcomes = foreach ($back in 719..0) {
        $at = $now.AddHours(-$back)
        New-Outcome 'Up' $sites.Shop $at
        if ($back -le 2 -or $back -in 100, 101) { New-Outcome 'Down' $sites.Checkout $at "Service Unavailable $script" } else { New-Outcome 'Up' $sites.Checkout $at }
        New-Outcome $(if ($back -eq 0) { 'Maintenance' } else { 'Up' }) $sites.Reports $at
        if ($back -le 2) { New-Outcome 'Up' $sites.New $at }
    }

    $list = @(
        [pscustomobject]@{ Url = $sites.Shop; Name = 'Shop front'; Group = 'Shop & checkout' }
        [pscustomobject]@{ Url = $sites.Checkout; Name = 'Checkout'; Group = 'Shop & checkout' }
        [pscustomobject]@{ Url = $sites.Reports; Name = 'Reports <beta>'; Group = 'Back office' }
        [pscustomobject]@{ Url = $sites.New; Name = ''; Group = '' }
        'https://never.example/'
    )
    $page = Join-Path $TestDrive 'status.html'
    $outcomes | Export-SiteStatusPage -Path $page -SiteList $list -Title 'Example status'
    $html = Get-Content $page -Raw

    # The uptime the page must show: the uptime core's own figures, cut to two places as the page writes them.
    $uptime = $outcomes | Get-SiteStatusUptime -TimeZone UTC
    function Get-Figure([string] $Uri, [string] $Window) { ($uptime | Where-Object { $_.Uri -eq $Uri -and $_.Window -eq $Window }).UptimePercent }
}

AfterAll {
    Stop-TestServer $server
}

Describe 'Export-SiteStatusPage' {
    It 'writes one file of HTML that loads nothing: no script, no element that fetches, a policy that forbids fetching' {
        $html | Should -Match '^<!DOCTYPE html>'
        $html | Should -Match '<meta http-equiv="Content-Security-Policy" content="default-src ''none''; style-src ''unsafe-inline''" />'
        $html | Should -Not -Match '<(script|link|img|iframe|object|embed|base)\b'
        $html | Should -Not -Match '\s(src|srcset)='
        $html | Should -Not -Match 'url\(|@import|@font-face'
    }

    It 'names no http(s) URL but the sites'' own, as links (only on a click) and as text' {
        $found = [regex]::Matches($html, 'https?://[^"<\s]*') | ForEach-Object { [Net.WebUtility]::HtmlDecode($_.Value) } | Sort-Object -Unique
        $found | Should -Be (@($sites.Values) + 'https://never.example/' | Sort-Object -Unique)
        [regex]::Matches($html, '<a href="(https?://[^"]*)"') | ForEach-Object { [Net.WebUtility]::HtmlDecode($_.Groups[1].Value) } | Sort-Object -Unique |
            Should -Be (@($sites.Values) + 'https://never.example/' | Sort-Object -Unique)
    }

    It 'escapes the reasons and the names: markup in them is text' {
        $html | Should -Not -Match '<script'
        $html | Should -Match ([regex]::Escape('Service Unavailable &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'))
        $html | Should -Match ([regex]::Escape('>Reports &lt;beta&gt;</a>'))
        $html | Should -Match ([regex]::Escape('<h2 id="g1">Shop &amp; checkout</h2>'))
    }

    It 'shows no password of a URL in results made by hand' {
        $path = Join-Path $TestDrive 'password.html'
        1..3 | ForEach-Object { [pscustomobject]@{ Uri = 'http://bob:hunter2@127.0.0.1:9/'; Status = 'Up'; Timestamp = [datetimeoffset]::Now.AddMinutes(-5 * $_) } } |
            Export-SiteStatusPage $path

        $text = Get-Content $path -Raw
        $text | Should -Not -Match 'hunter2'
        $text | Should -Match ([regex]::Escape('http://***@127.0.0.1:9/'))
    }

    It 'reads the SQLite history a run writes (-HistoryPath), and shows every URL in it without a site list' {
        $db = Join-Path $TestDrive 'sites.db'
        "$h/ok?history", "$h/status/503?history" | Test-SiteStatus -HistoryPath $db | Out-Null
        $file = Export-SiteStatusPage (Join-Path $TestDrive 'from-history.html') -HistoryPath $db -PassThru
        $text = Get-Content $file.FullName -Raw

        $file | Should -BeOfType [IO.FileInfo]
        # As Get-Item gives it: the provider's path, so that the table and the item cmdlets know it.
        $file.PSPath | Should -Be (Get-Item $file.FullName).PSPath
        [regex]::Matches($text, '<th scope="row"').Count | Should -Be 2
        $text | Should -Match '<h2 id="g1">Sites</h2>'
        # One check each: no run interval yet, so no check stands for now, and nothing is known of any window.
        $text | Should -Match ([regex]::Escape("No check stands for now: the last was at"))
        $text | Should -Match 'No uptime for 24 hours, 7 days and 30 days: '

        $problems = $thrown = $null
        try { Get-SiteStatusHistory -HistoryPath $db | Export-SiteStatusPage (Join-Path $TestDrive 'both.html') -HistoryPath $db -ErrorVariable problems -ErrorAction SilentlyContinue } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be 'ResultsWithHistory,SiteStatus.Commands.ExportSiteStatusPageCommand'
        $problems | Should -HaveCount 1
        Join-Path $TestDrive 'both.html' | Should -Not -Exist
    }

    It 'gives a site list entry that is not a URL its error (InvalidUri, the entry as its target), and shows the others' {
        $bad = [pscustomobject]@{ Url = 'ftp://files.example/'; Group = 'x' }
        $path = Join-Path $TestDrive 'some.html'
        $outcomes | Export-SiteStatusPage -Path $path -SiteList $sites.Shop, $bad -ErrorVariable errors -ErrorAction SilentlyContinue

        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidUri,*'
        $errors[0].TargetObject.Url | Should -Be 'ftp://files.example/'
        [regex]::Matches((Get-Content $path -Raw), '<th scope="row"').Count | Should -Be 1
    }

    It 'writes nothing with -WhatIf, and refuses a folder that does not exist (PageFolderNotFound)' {
        $outcomes | Export-SiteStatusPage -Path (Join-Path $TestDrive 'whatif.html') -WhatIf
        Join-Path $TestDrive 'whatif.html' | Should -Not -Exist

        { $outcomes | Export-SiteStatusPage -Path (Join-Path $TestDrive 'no/such/folder/status.html') -ErrorAction Stop } |
            Should -Throw -ErrorId 'PageFolderNotFound,SiteStatus.Commands.ExportSiteStatusPageCommand'
    }
}

Describe 'The status page in a real browser' -Skip:(-not $chromium) {
    BeforeAll {
        $recorder = Start-RequestRecorder
        # What the browser asks for on its own, whatever the page: its update and account services.
        $blankPage = Join-Path $TestDrive 'blank.html'
        Set-Content $blankPage '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body></body></html>'
        $blankShot = Join-Path $TestDrive 'blank.png'
        $null = Invoke-Chromium -Path $blankPage -Recorder $recorder -Screenshot $blankShot
        $own = Get-RecordedHost $recorder

        $since = $recorder.Seen.Count
        $dom = Invoke-Chromium -Path $page -Recorder $recorder
        $added = @(Get-RecordedHost $recorder -Since $since | Where-Object { $_ -notin $own })

        # The page's own parts, read from the DOM the browser built: each site's row and its history row.
        function Get-Row([string] $Name) {
            $at = $dom.IndexOf(">$Name<")
            $at | Should -BeGreaterThan 0 -Because "the site '$Name' is on the page"
            $end = $dom.IndexOf('</tbody>', $at)
            $dom.Substring($at, $end - $at)
        }

        function Get-Cell([double] $Percent) { '<td class="num">{0} %</td>' -f ([Math]::Floor($Percent * 100) / 100).ToString('0.00', [cultureinfo]::InvariantCulture) }
    }

    AfterAll {
        Stop-RequestRecorder $recorder
    }

    It 'shows each site''s name, status and uptime in the DOM it builds' {
        $dom | Should -Match '<h1>Example status</h1>'
        $dom | Should -Match ([regex]::Escape('2 of 5 sites up: 1 down, 1 in maintenance, 1 without data.'))

        $shop = Get-Row 'Shop front'
        $shop | Should -Match '<span class="mark" aria-hidden="true"></span>Up</td>'
        $shop | Should -Match ((Get-Cell (Get-Figure $sites.Shop 24h)), (Get-Cell (Get-Figure $sites.Shop 7d)), (Get-Cell (Get-Figure $sites.Shop 30d)) -join '')
        (Get-Figure $sites.Shop 30d) | Should -Be 100

        $checkout = Get-Row 'Checkout'
        $checkout | Should -Match '<span class="mark" aria-hidden="true"></span>Down<span class="why">Service Unavailable &lt;script&gt;alert\("x"\)&lt;/script&gt;</span>'
        # The uptime core's figures, cut to two places; the two commands ran a moment apart, and Checkout is down now,
        # so its figures moved a little in between.
        $shown = [regex]::Matches($checkout, '<td class="num">([0-9.]+) %</td>') | ForEach-Object { [double]$_.Groups[1].Value }
        $shown.Count | Should -Be 3
        foreach ($i in 0..2) {
            $figure = Get-Figure $sites.Checkout ('24h', '7d', '30d')[$i]
            $figure | Should -BeLessThan 100
            [Math]::Abs($shown[$i] - $figure) | Should -BeLessThan 0.05
        }
        $checkout | Should -Match '<td>ongoing</td>'

        Get-Row 'Reports &lt;beta&gt;' | Should -Match 'Maintenance</td>'
        $new = Get-Row "$h/ok?new"
        $new | Should -Match 'Up</td><td class="num none" aria-describedby="s4-why">No figure</td>'
        $new | Should -Match 'No uptime for 24 hours: Too little data: [0-9.]+% of the window'
        $new | Should -Match 'No uptime for 30 days: Too little data: [0-9.]+% of the window'
        Get-Row 'https://never.example/' | Should -Match 'No data<span class="why">Never checked.</span>'
        $dom | Should -Not -Match '<script'
    }

    It 'asks for nothing: no request the blank page does not make, none for the sites' {
        $added | Should -BeNullOrEmpty
        $hosts = Get-RecordedHost $recorder
        $hosts | Should -Not -Contain '127.0.0.1'
        $hosts | Should -Not -Contain 'never.example'
    }

    It 'would have seen a page that loads something (the recorder''s control)' {
        $control = Join-Path $TestDrive 'control.html'
        Set-Content $control '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>control</title><link rel="stylesheet" href="https://cdn.example/site.css"></head><body><img src="http://far.example/logo.png" alt=""></body></html>'
        $since = $recorder.Seen.Count
        $null = Invoke-Chromium -Path $control -Recorder $recorder

        Get-RecordedHost $recorder -Since $since | Where-Object { $_ -notin $own } | Should -Be 'cdn.example', 'far.example'
    }

    It 'renders a <Width>x<Height> screenshot in <Scheme>' -Skip:(-not $screenshots) -ForEach @(
        @{ Width = 1280; Height = 800; Scheme = 'light' }
        @{ Width = 1280; Height = 800; Scheme = 'dark' }
        @{ Width = 390; Height = 844; Scheme = 'light' }
        @{ Width = 390; Height = 844; Scheme = 'dark' }
    ) {
        $shot = Join-Path $TestDrive "status-$Width-$Scheme.png"
        $since = $recorder.Seen.Count
        $null = Invoke-Chromium -Path $page -Recorder $recorder -Screenshot $shot -Width $Width -Height $Height -Scheme $Scheme

        $size = Get-PngSize $shot
        $size.Width | Should -Be $Width
        $size.Height | Should -Be $Height
        # A page of text, bars and lines: far more to compress than the blank page's screenshot.
        (Get-Item $shot).Length | Should -BeGreaterThan (5 * (Get-Item $blankShot).Length)
        Get-RecordedHost $recorder -Since $since | Where-Object { $_ -notin $own } | Should -BeNullOrEmpty
    }

    It 'draws dark and light differently (prefers-color-scheme)' -Skip:(-not $screenshots) {
        $light = [IO.File]::ReadAllBytes((Join-Path $TestDrive 'status-1280-light.png'))
        $dark = [IO.File]::ReadAllBytes((Join-Path $TestDrive 'status-1280-dark.png'))
        [Linq.Enumerable]::SequenceEqual($light, $dark) | Should -BeFalse
    }
}
