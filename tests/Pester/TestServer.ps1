# Starts the loopback test site (tests/SiteStatus.TestServer) in its own process; it serves until its stdin closes.
# -DualStack: it also listens on ::1, on the same ports, so every address localhost may have is up.
function Start-TestServer([switch] $DualStack) {
    $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $start.ArgumentList.Add($env:SITESTATUS_TESTSERVER)
    if ($DualStack) { $start.ArgumentList.Add('--dual-stack') }
    $start.UseShellExecute = $false
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $process = [Diagnostics.Process]::Start($start)
    $addresses = $process.StandardOutput.ReadLine() | ConvertFrom-Json
    [pscustomobject]@{ Process = $process; Http = [uri]$addresses.http; Https = [uri]$addresses.https; Http2 = [uri]$addresses.http2; H2c = [uri]$addresses.h2c }
}

function Stop-TestServer($Server) {
    $Server.Process.StandardInput.Close()
    if (-not $Server.Process.WaitForExit(10000)) { $Server.Process.Kill() }
    $Server.Process.Dispose()
}
