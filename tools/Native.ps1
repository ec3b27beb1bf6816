# How build.ps1 and the scripts it calls start other programs; dot-sourced by them.

# Runs a native command and throws when it fails, as PowerShell does not for native commands.
function Invoke-Native([scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "'$Command' failed with exit code $LASTEXITCODE." }
}

# The command line that starts this same pwsh: 'dotnet pwsh.dll' when it runs as a dotnet tool, pwsh itself otherwise.
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return $process, (Join-Path $PSHOME 'pwsh.dll')
    }
    return , $process
}
