# Loads the build for this PowerShell: net8.0 on PowerShell 7.4 and later (.NET 8+); netstandard2.0 on Windows
# PowerShell 5.1 and on PowerShell 7.0 to 7.3, whose runtimes are older than .NET 8.
$framework = if ($PSEdition -eq 'Core' -and $PSVersionTable.PSVersion -ge [version]'7.4') { 'net8.0' } else { 'netstandard2.0' }
$binary = Import-Module -Name ([IO.Path]::Combine($PSScriptRoot, 'bin', $framework, 'SiteStatus.dll')) -PassThru -ErrorAction Stop
Export-ModuleMember -Cmdlet @($binary.ExportedCmdlets.Keys)
