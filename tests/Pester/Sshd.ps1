# An OpenSSH server in user space on 127.0.0.1, with keys made here, whose 'powershell' subsystem is this very pwsh;
# 'powershell-isolated' starts it in a network namespace of its own (unshare -n), where loopback sites are unreachable:
# a second location that really sees a different network; 'powershell-temp' has a temporary folder of its own (Temp), so a
# test can watch what a session writes there. Stop-TestSshd ends it.
function Start-TestSshd([string] $Folder) {
    $sshd = '/usr/sbin/sshd'
    $pwshCommand = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { "$([Environment]::ProcessPath) $(Join-Path $PSHOME 'pwsh.dll')" } else { [Environment]::ProcessPath }
    $null = New-Item -ItemType Directory -Path $Folder -Force
    foreach ($key in 'host_key', 'user_key') { & ssh-keygen -q -t ed25519 -N '' -f (Join-Path $Folder $key) | Out-Null }
    Copy-Item (Join-Path $Folder 'user_key.pub') (Join-Path $Folder 'authorized_keys')
    $pids = Join-Path $Folder 'pids'
    $temp = New-Item -ItemType Directory -Path (Join-Path $Folder 'temp') -Force
    $subsystems = @{ Name = 'subsystem.sh'; Prefix = '' }, @{ Name = 'isolated.sh'; Prefix = 'unshare -n ' }, @{ Name = 'temp.sh'; Prefix = "env TMPDIR=$($temp.FullName) " }
    foreach ($subsystem in $subsystems) {
        $script = Join-Path $Folder $subsystem.Name
        Set-Content $script "#!/bin/sh`necho `$`$ >> $pids`nexec $($subsystem.Prefix)$pwshCommand -sshs -NoLogo -NoProfile"
        & chmod +x $script
    }

    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $port = $listener.LocalEndpoint.Port
    $listener.Stop()
    $config = Join-Path $Folder 'sshd_config'
    Set-Content $config @"
Port $port
ListenAddress 127.0.0.1
HostKey $(Join-Path $Folder 'host_key')
PidFile $(Join-Path $Folder 'sshd.pid')
AuthorizedKeysFile $(Join-Path $Folder 'authorized_keys')
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
StrictModes no
Subsystem powershell $(Join-Path $Folder 'subsystem.sh')
Subsystem powershell-isolated $(Join-Path $Folder 'isolated.sh')
Subsystem powershell-temp $(Join-Path $Folder 'temp.sh')
"@
    $null = New-Item -ItemType Directory -Path /run/sshd -Force
    & $sshd -f $config -E (Join-Path $Folder 'sshd.log')
    if ($LASTEXITCODE -ne 0) { throw "sshd did not start: $(Get-Content (Join-Path $Folder 'sshd.log') -Raw)" }
    [pscustomobject]@{ Port = $port; Key = (Join-Path $Folder 'user_key'); Folder = $Folder; Pids = $pids; Temp = $temp.FullName }
}

function New-TestSession($Sshd, [string] $Name, [string] $Subsystem = 'powershell') {
    $options = @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null'; LogLevel = 'ERROR' }
    New-PSSession -HostName 127.0.0.1 -Port $Sshd.Port -UserName ([Environment]::UserName) -KeyFilePath $Sshd.Key -Options $options -Name $Name -Subsystem $Subsystem -ErrorAction Stop
}

function Stop-TestSshd($Sshd) {
    $pidFile = Join-Path $Sshd.Folder 'sshd.pid'
    if (Test-Path $pidFile) { Stop-Process -Id (Get-Content $pidFile) -ErrorAction Ignore }
    # The sessions' own pwsh processes end with their sessions; any left behind is ended here.
    if (Test-Path $Sshd.Pids) { Get-Content $Sshd.Pids | ForEach-Object { Stop-Process -Id $_ -ErrorAction Ignore } }
}
