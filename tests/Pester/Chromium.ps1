# A real headless browser (Debian's chromium) that renders a file, and a recorder of every request it makes.
# Every request of the browser goes to the recorder (--proxy-server, with no bypass, not even loopback), which answers
# 403 and keeps the request line: nothing reaches a network, and what the browser asked for is known. The browser asks
# for some things of its own (its update service, its account service) whatever the page: Get-ChromiumOwnHosts runs a
# blank page to learn them, so that what a page asks for is what it adds.

function Start-RequestRecorder {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $seen = [Collections.Concurrent.ConcurrentQueue[string]]::new()
    $job = Start-ThreadJob -ArgumentList $listener, $seen {
        param($listener, $seen)
        $refusal = [Text.Encoding]::ASCII.GetBytes("HTTP/1.1 403 Forbidden`r`nContent-Length: 0`r`nConnection: close`r`n`r`n")
        while ($true) {
            try { $client = $listener.AcceptTcpClient() } catch { break }
            try {
                $stream = $client.GetStream()
                $seen.Enqueue([IO.StreamReader]::new($stream).ReadLine())
                $stream.Write($refusal, 0, $refusal.Length)
            }
            catch { $null = $_ }
            finally { $client.Dispose() }
        }
    }
    [pscustomobject]@{ Listener = $listener; Port = $listener.LocalEndpoint.Port; Seen = $seen; Job = $job }
}

function Stop-RequestRecorder($Recorder) {
    $Recorder.Listener.Stop()
    $Recorder.Job | Wait-Job -Timeout 10 | Out-Null
    $Recorder.Job | Remove-Job -Force
}

# The hosts of the requests recorded since -Since (a count of requests), as CONNECT host:port or GET http://host/ name them.
function Get-RecordedHost($Recorder, [int] $Since = 0) {
    @($Recorder.Seen.ToArray() | Select-Object -Skip $Since | ForEach-Object {
            $target = ($_ -split ' ')[1]
            if ($target -match '^[a-z]+://') { ([uri]$target).Host } else { ($target -split ':')[0] }
        } | Sort-Object -Unique)
}

# Renders a file and returns its DOM as the browser built it (--dump-dom), taking a screenshot when asked.
# -Scheme sets prefers-color-scheme. Each run has a profile of its own, so no run sees another's.
function Invoke-Chromium {
    param(
        [Parameter(Mandatory)][string] $Path,
        [Parameter(Mandatory)] $Recorder,
        [string] $Screenshot,
        [int] $Width = 1280,
        [int] $Height = 800,
        [ValidateSet('light', 'dark')][string] $Scheme = 'light'
    )
    $userData = Join-Path ([IO.Path]::GetTempPath()) "sitestatus-chromium-$([guid]::NewGuid())"
    $arguments = @(
        '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', "--user-data-dir=$userData",
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps',
        '--disable-extensions', '--disable-breakpad', '--metrics-recording-only', '--disable-client-side-phishing-detection', '--disable-domain-reliability',
        '--disable-features=Translate,OptimizationHints,OptimizationGuideModelDownloading,OptimizationHintsFetching,MediaRouter,NetworkTimeServiceQuerying,AutofillServerCommunication',
        "--proxy-server=http://127.0.0.1:$($Recorder.Port)", '--proxy-bypass-list=<-loopback>',
        "--window-size=$Width,$Height", "--blink-settings=preferredColorScheme=$(if ($Scheme -eq 'dark') { 0 } else { 1 })"
    )
    if ($Screenshot) { $arguments += "--screenshot=$Screenshot" }
    $env:DBUS_SESSION_BUS_ADDRESS = 'disabled:'
    try {
        $dom = & chromium @arguments --dump-dom ([Uri]::new($Path).AbsoluteUri) 2>$null
        # A page that fails to load still exits 0, with nothing on stdout.
        if ($LASTEXITCODE -ne 0 -or -not $dom) { throw "chromium rendered nothing of $Path (exit code $LASTEXITCODE)" }
        $dom -join "`n"
    }
    finally {
        Remove-Item $userData -Recurse -Force -ErrorAction Ignore
    }
}

# Width and height of a PNG file, from its IHDR chunk; $null when it is not a PNG.
function Get-PngSize([string] $Path) {
    $bytes = [IO.File]::ReadAllBytes($Path)
    $signature = [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
    if ($bytes.Length -lt 24 -or [Linq.Enumerable]::SequenceEqual([byte[]]$bytes[0..7], $signature) -eq $false -or [Text.Encoding]::ASCII.GetString($bytes, 12, 4) -ne 'IHDR') { return $null }
    $number = { param($at) ([int]$bytes[$at] -shl 24) -bor ([int]$bytes[$at + 1] -shl 16) -bor ([int]$bytes[$at + 2] -shl 8) -bor [int]$bytes[$at + 3] }
    [pscustomobject]@{ Width = & $number 16; Height = & $number 20 }
}
