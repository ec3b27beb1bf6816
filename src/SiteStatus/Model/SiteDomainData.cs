using System;
using SiteStatus.Domains;

namespace SiteStatus;

/// <summary>
/// Which registry data domain lookups use, and how old it is: the Public Suffix List shipped with the module and an
/// RDAP bootstrap file (the shipped one, or -RdapBootstrapPath's), as Get-SiteStatusDomainData and
/// Update-SiteStatusRdapBootstrap write it.
/// </summary>
public sealed class SiteDomainData
{
    internal SiteDomainData(RdapBootstrap bootstrap)
    {
        PublicSuffixList = Domains.PublicSuffixList.ShippedVersion;
        RdapBootstrap = bootstrap.Source;
        RdapBootstrapPublication = bootstrap.Publication;
        RdapBootstrapDescription = bootstrap.Description;
        RdapTopLevelDomains = bootstrap.Count;
    }

    /// <summary>The version of the Public Suffix List shipped with the module: its date and where the copy came from.</summary>
    public string PublicSuffixList { get; }

    /// <summary>The RDAP bootstrap file: "shipped with the module", or its path.</summary>
    public string RdapBootstrap { get; }

    /// <summary>When IANA published the bootstrap file; null when the copy does not say (the shipped copy does not).</summary>
    public DateTimeOffset? RdapBootstrapPublication { get; }

    /// <summary>What the bootstrap file says of itself: IANA's description, or for the shipped copy where it came from.</summary>
    public string? RdapBootstrapDescription { get; }

    /// <summary>How many top-level domains (and other names) the bootstrap file names an RDAP server for.</summary>
    public int RdapTopLevelDomains { get; }
}
