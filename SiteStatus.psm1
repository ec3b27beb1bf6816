# Loads the build for this PowerShell: net8.0 on PowerShell 7.4 and later (.NET 8+); netstandard2.0 on Windows
# PowerShell 5.1 and on PowerShell 7.0 to 7.3, whose runtimes are older than .NET 8.
# A copy of the module that holds only the netstandard2.0 build (as the test suite makes, to test what Windows
# PowerShell users get) loads that build everywhere.
$net8 = [IO.Path]::Combine($PSScriptRoot, 'bin', 'net8.0', 'SiteStatus.dll')
$binary = if ($PSEdition -eq 'Core' -and $PSVersionTable.PSVersion -ge [version]'7.4' -and [IO.File]::Exists($net8)) { $net8 }
else { [IO.Path]::Combine($PSScriptRoot, 'bin', 'netstandard2.0', 'SiteStatus.dll') }
$binary = Import-Module -Name $binary -PassThru -ErrorAction Stop
Export-ModuleMember -Cmdlet @($binary.ExportedCmdlets.Keys)
