BeforeDiscovery {
    Import-Module $env:SITESTATUS_MODULE -Force
    $commands = Get-Command -Module SiteStatus | ForEach-Object { @{ Name = $_.Name } }
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $parameters = foreach ($command in Get-Command -Module SiteStatus) {
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $common }) { @{ Name = $command.Name; Parameter = $parameter } }
    }
}

BeforeAll {
    Import-Module $env:SITESTATUS_MODULE -Force
}

Describe 'Help' {
    It '<Name> has a synopsis, a description, notes and at least four examples' -ForEach $commands {
        $help = Get-Help $Name -Full

        $help.Synopsis | Should -Not -BeLike "*$Name*[<]*"
        $help.Synopsis.Length | Should -BeGreaterThan 20
        $help.description.Text | Should -Not -BeNullOrEmpty
        $help.alertSet.alert.Text | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 4
        @($help.examples.example | Where-Object { -not $_.remarks.Text }).Count | Should -Be 0
    }

    It '<Name> links about_SiteStatus and every other command, one link each' -ForEach $commands {
        $links = @((Get-Help $Name -Full).relatedLinks.navigationLink.linkText)

        $others = Get-Command -Module SiteStatus | Where-Object Name -NE $Name | ForEach-Object Name | Sort-Object
        $links | Should -Be (@('about_SiteStatus') + @($others))
    }

    It '<Name> -<Parameter> has help text' -ForEach $parameters {
        $help = (Get-Help $Name -Parameter $Parameter)

        $help.description.Text | Should -Not -BeNullOrEmpty
        $help.defaultValue | Should -Not -BeNullOrEmpty
    }

    It 'names the defaults as the cmdlets have them' {
        (Get-Help Test-SiteStatus -Parameter ThrottleLimit).defaultValue | Should -Be '32'
        (Get-Help Test-SiteStatus -Parameter ExpectedStatusCode).defaultValue | Should -Be '200-299'
        (Get-Help Test-SiteStatus -Parameter TotalTimeoutSec).defaultValue | Should -Be 'None'
        (Get-Help Test-SiteStatus -Parameter Method).parameterValueGroup.parameterValue | Should -Be 'Get', 'Head'
    }

    It 'has about_SiteStatus, with every state and failure kind' {
        $about = Get-Help about_SiteStatus | Out-String

        foreach ($value in [Enum]::GetNames([SiteStatus.SiteState]) + [Enum]::GetNames([SiteStatus.FailureKind])) {
            $about | Should -Match "(?m)^\s+$value\s"
        }
    }
}
