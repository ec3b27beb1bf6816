<#
    Installs the system packages some tests need, when they are missing and this runs as root on a Debian-like system
    (apt-get); otherwise says which are missing, and the tests that need them count as skipped. build.ps1 -Task Test
    calls it before the tests.
#>
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# One entry a package: its Debian name, how to tell it is there, and which tests need it.
$packages = @(
    @{ Name = 'prometheus'; Present = { Get-Command promtool -ErrorAction Ignore }; For = 'promtool, which checks the metrics with the real parser' }
    @{ Name = 'openssh-server'; Present = { Test-Path /usr/sbin/sshd }; For = 'sshd, which the remoting tests start in user space on 127.0.0.1' }
    @{ Name = 'chromium'; Present = { Get-Command chromium -ErrorAction Ignore }; For = 'a headless browser, which renders the status page in its tests' }
)

$missing = @($packages | Where-Object { -not (& $_.Present) })
if (-not $missing) { return }
if ($IsLinux -and (Get-Command apt-get -ErrorAction Ignore) -and (& id -u) -eq '0') {
    Write-Host "Installing $($missing.Name -join ', ') (Debian packages) for the tests"
    $env:DEBIAN_FRONTEND = 'noninteractive'
    & apt-get update -qq | Out-Host
    & apt-get install -y -qq --no-install-recommends @($missing.Name) | Out-Host
}
else {
    foreach ($package in $missing) { Write-Host "Not installed: the Debian package $($package.Name) ($($package.For)); the tests that need it are skipped." }
}
