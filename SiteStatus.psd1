@{
    RootModule             = 'SiteStatus.psm1'
    ModuleVersion          = '0.2.0'
    CompatiblePSEditions   = @('Core', 'Desktop')
    GUID                   = '6d3f0c5e-7a41-4b7e-9f0e-2c8a5d9b41c7'
    Author                 = 'SiteStatus contributors'
    CompanyName            = 'SiteStatus contributors'
    Copyright              = '(c) SiteStatus contributors. MIT License.'
    Description            = 'Checks whether websites are up, many at once, and streams typed results as each check finishes.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('SiteStatus.format.ps1xml')
    TypesToProcess         = @('SiteStatus.types.ps1xml')
    FunctionsToExport      = @()
    CmdletsToExport        = @('Test-SiteStatus', 'Get-SiteStatusReport', 'Get-SiteMapUrl', 'ConvertTo-SiteStatusMetric', 'Export-SiteStatusMetric', 'ConvertTo-SiteStatusJsonLine', 'Send-SiteStatusAlert', 'Start-SiteStatusMaintenance', 'Get-SiteStatusMaintenance', 'Stop-SiteStatusMaintenance', 'Get-SiteStatusDomainData', 'Update-SiteStatusRdapBootstrap', 'Get-SiteStatusHistory', 'Remove-SiteStatusHistory', 'Get-SiteStatusUptime', 'Export-SiteStatusPage')
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('http', 'https', 'monitoring', 'uptime', 'website', 'status', 'tls', 'certificate', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            # build.ps1 fills this from CHANGELOG.md's section for ModuleVersion.
            ReleaseNotes = ''
        }
    }
}
