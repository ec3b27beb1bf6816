using System;
using System.IO;
using System.Management.Automation;
using SiteStatus.Domains;

namespace SiteStatus.Commands;

/// <summary>
/// The Get-SiteStatusDomainData cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SiteStatusDomainData")]
[OutputType(typeof(SiteDomainData))]
public sealed class GetSiteStatusDomainDataCommand : PSCmdlet
{
    /// <summary>
    /// <para type="description">An RDAP bootstrap file to describe instead of the copy shipped with the module, as -RdapBootstrapPath of the checking commands names it.</para>
    /// </summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? RdapBootstrapPath { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (RdapBootstrapPath is null)
        {
            WriteObject(new SiteDomainData(RdapBootstrap.Shipped));
            return;
        }

        var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(RdapBootstrapPath);
        try
        {
            WriteObject(new SiteDomainData(RdapBootstrap.Load(full)));
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(e, "RdapBootstrapUnreadable", ErrorCategory.InvalidData, full));
        }
    }
}
