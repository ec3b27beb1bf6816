<#
    Writes the MAML help of the binary cmdlets (docs/en-US/SiteStatus.dll-Help.xml) from docs/help.psd1, the
    parameters' XML documentation and their metadata. build.ps1 calls it for -Task Help, and for -Task Test to check
    that the help shipped is current.
    Parameter text comes from the XML comments in the code, so it lives beside the parameter; synopses, descriptions,
    notes and examples from docs/help.psd1. Defaults are read from a fresh instance of each cmdlet, so they cannot drift
    either.
#>
param(
    # The built module's manifest, whose cmdlets are documented.
    [Parameter(Mandatory)] [string] $Module,
    # The XML documentation the compiler wrote beside SiteStatus.dll.
    [Parameter(Mandatory)] [string] $XmlDoc,
    [string] $HelpData = (Join-Path $PSScriptRoot '../docs/help.psd1'),
    [string] $Path = (Join-Path $PSScriptRoot '../docs/en-US/SiteStatus.dll-Help.xml')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$sources = Import-PowerShellDataFile $HelpData
$xmlDocs = [xml](Get-Content $XmlDoc -Raw)
$docs = @{}
foreach ($member in $xmlDocs.doc.members.member) { $docs[$member.name] = $member }
$imported = Import-Module $Module -Force -PassThru
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

# XmlWriter resolves the path against the process's directory, not PowerShell's.
$Path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$xml = [System.Xml.XmlWriter]::Create($Path, $settings)
$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
function Write-Paras([string[]] $Paragraphs) {
    $xml.WriteStartElement('maml', 'description', $maml)
    foreach ($para in $Paragraphs) { $xml.WriteElementString('maml', 'para', $maml, $para) }
    $xml.WriteEndElement()
}
function Write-Parameter($Parameter, $Property, $Instance) {
    $attribute = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] } | Select-Object -First 1
    $pipeline = @(if ($attribute.ValueFromPipelineByPropertyName) { 'ByPropertyName' }; if ($attribute.ValueFromPipeline) { 'ByValue' })
    $xml.WriteStartElement('command', 'parameter', $command)
    $xml.WriteAttributeString('required', "$($attribute.Mandatory)".ToLowerInvariant())
    $xml.WriteAttributeString('variableLength', "$($Parameter.ParameterType.IsArray)".ToLowerInvariant())
    $xml.WriteAttributeString('globbing', 'false')
    $xml.WriteAttributeString('pipelineInput', $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }))
    $xml.WriteAttributeString('position', $(if ($attribute.Position -ge 0) { "$($attribute.Position)" } else { 'named' }))
    $xml.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $xml.WriteElementString('maml', 'name', $maml, $Parameter.Name)
    $doc = $docs["P:$($Property.DeclaringType.FullName).$($Parameter.Name)"]
    $text = ($doc.summary.para | Where-Object type -EQ 'description').'#text'
    if (-not $text) { throw "$($Parameter.Name) has no <para type=`"description`"> in its XML comment." }
    Write-Paras (($text -replace '\s+', ' ').Trim())
    $type = $Parameter.ParameterType
    if ([Nullable]::GetUnderlyingType($type)) { $type = [Nullable]::GetUnderlyingType($type) }
    if ($type.IsEnum) {
        $xml.WriteStartElement('command', 'parameterValueGroup', $command)
        foreach ($name in [Enum]::GetNames($type)) { $xml.WriteElementString('command', 'parameterValue', $command, $name) }
        $xml.WriteEndElement()
    }
    if ($type -ne [System.Management.Automation.SwitchParameter]) {
        $xml.WriteStartElement('command', 'parameterValue', $command)
        $xml.WriteAttributeString('required', 'true')
        $xml.WriteString($type.Name)
        $xml.WriteEndElement()
    }
    $xml.WriteStartElement('dev', 'type', $dev)
    $xml.WriteElementString('maml', 'name', $maml, $type.FullName)
    $xml.WriteEndElement()
    $default = $Property.GetValue($Instance)
    $xml.WriteElementString('dev', 'defaultValue', $dev, $(
        if ($type -eq [System.Management.Automation.SwitchParameter]) { 'False' }
        elseif ($null -eq $default -or ($default -is [array] -and $default.Count -eq 0)) { 'None' }
        else { @($default) -join ',' }))
    $xml.WriteEndElement()
}

$xml.WriteStartElement('helpItems', 'http://msh')
$xml.WriteAttributeString('schema', 'maml')
foreach ($name in $sources.Keys | Sort-Object -Descending) {
    $source = $sources[$name]
    $cmdlet = $imported.ExportedCmdlets[$name]
    $instance = [Activator]::CreateInstance($cmdlet.ImplementingType)
    $parameters = $cmdlet.Parameters.Values | Where-Object Name -NotIn $common |
        Sort-Object { $p = ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })[0].Position; if ($p -ge 0) { $p } else { [int]::MaxValue } }, Name
    $xml.WriteStartElement('command', 'command', $command)
    $xml.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $xml.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $xml.WriteStartElement('command', 'details', $command)
    $xml.WriteElementString('command', 'name', $command, $name)
    $xml.WriteElementString('command', 'verb', $command, $cmdlet.Verb)
    $xml.WriteElementString('command', 'noun', $command, $cmdlet.Noun)
    Write-Paras $source.Synopsis
    $xml.WriteEndElement()
    Write-Paras $source.Description
    # One syntax line per parameter set (URLs as an argument, or objects from the pipeline), then every parameter.
    $xml.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $cmdlet.ParameterSets) {
        $xml.WriteStartElement('command', 'syntaxItem', $command)
        $xml.WriteElementString('maml', 'name', $maml, $name)
        foreach ($parameter in $parameters | Where-Object Name -In $set.Parameters.Name) { Write-Parameter $parameter $cmdlet.ImplementingType.GetProperty($parameter.Name) $instance }
        $xml.WriteEndElement()
    }
    $xml.WriteEndElement()
    $xml.WriteStartElement('command', 'parameters', $command)
    foreach ($parameter in $parameters) { Write-Parameter $parameter $cmdlet.ImplementingType.GetProperty($parameter.Name) $instance }
    $xml.WriteEndElement()
    $xml.WriteStartElement('command', 'inputTypes', $command)
    $xml.WriteStartElement('command', 'inputType', $command)
    $xml.WriteStartElement('dev', 'type', $dev)
    $xml.WriteElementString('maml', 'name', $maml, 'System.String')
    $xml.WriteEndElement()
    Write-Paras $(if ($source['Input']) { $source['Input'] } else { 'URLs as text or [uri], and arrays of them; or objects and hashtables with a Uri, Url or Address property or key, such as the rows of Import-Csv or ConvertFrom-Json, the entries of Import-PowerShellDataFile, or the results of Test-SiteStatus. Their other properties may set the checks of their own site.' })
    $xml.WriteEndElement()
    $xml.WriteEndElement()
    $xml.WriteStartElement('command', 'returnValues', $command)
    foreach ($output in $cmdlet.OutputType) {
        $xml.WriteStartElement('command', 'returnValue', $command)
        $xml.WriteStartElement('dev', 'type', $dev)
        $xml.WriteElementString('maml', 'name', $maml, $output.Name)
        $xml.WriteEndElement()
        $xml.WriteEndElement()
    }
    $xml.WriteEndElement()
    $xml.WriteStartElement('maml', 'alertSet', $maml)
    $xml.WriteStartElement('maml', 'alert', $maml)
    foreach ($note in $source.Notes) { $xml.WriteElementString('maml', 'para', $maml, $note) }
    $xml.WriteEndElement()
    $xml.WriteEndElement()
    $xml.WriteStartElement('command', 'examples', $command)
    $number = 0
    foreach ($example in $source.Examples) {
        $number++
        $xml.WriteStartElement('command', 'example', $command)
        $xml.WriteElementString('maml', 'title', $maml, "-------------------------- Example $number --------------------------")
        $xml.WriteElementString('dev', 'code', $dev, $example.Code)
        $xml.WriteStartElement('dev', 'remarks', $dev)
        $xml.WriteElementString('maml', 'para', $maml, $example.Remarks)
        $xml.WriteEndElement()
        $xml.WriteEndElement()
    }
    $xml.WriteEndElement()
    $xml.WriteStartElement('command', 'relatedLinks', $command)
    # One link each, in a stable order: about_SiteStatus, then the other cmdlets by name.
    foreach ($link in @('about_SiteStatus') + @($sources.Keys | Where-Object { $_ -ne $name } | Sort-Object)) {
        $xml.WriteStartElement('maml', 'navigationLink', $maml)
        $xml.WriteElementString('maml', 'linkText', $maml, $link)
        $xml.WriteEndElement()
    }
    $xml.WriteEndElement()
    $xml.WriteEndElement()
}
$xml.WriteEndElement()
$xml.Dispose()
Write-Host "Wrote $Path"
