using System;
using System.IO;
using System.Management.Automation;
using SiteStatus.Checking.Settings;
using SiteStatus.Domains;

namespace SiteStatus.Commands;

/// <summary>
/// When the sites' domain registrations expire: the parameters that ask for it, and the run's <see cref="DomainLookup"/>
/// (the bootstrap file it uses, its cache: in memory, or with -StatePath in a file beside the state file).
/// </summary>
public abstract partial class SiteCheckCommandBase
{
    private DomainLookup? _domains;

    /// <summary>
    /// <para type="description">A site whose domain registration expires within this many days fails with Failure ConditionFailed. The registrable domain of each URL's host (example.com.br for shop.example.com.br, by the Public Suffix List shipped with the module) is asked of its registry's RDAP server (-RdapServer, else the one IANA's bootstrap file names for its top-level domain), once per domain, beside the check. When the expiry is not known (an IP address or a single-label name, no RDAP server for the domain, no answer, an answer with no real expiration date), the condition holds and its Observed says why: a registry's silence never makes a site Down. Answers are kept for the run, and with -StatePath in a file beside the state file: 240 h while more than 30 days remain, 24 h once fewer do, 1 h when the registry gave no date. Default: no lookup.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, CheckSettings.MaximumDomainDays)]
    public int? MinimumDomainDays { get; set; }

    /// <summary>
    /// <para type="description">The RDAP server to ask for the sites' domains, as a base URL under which it answers domain/&lt;name&gt; (https://rdap.denic.de/ asks https://rdap.denic.de/domain/example.de): for registries missing from IANA's bootstrap file (.de, .ru) and private ones. It replaces the bootstrap file's server for every site it applies to; in a sites file, an RdapServer column sets it for its row alone.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRdapServer]
    public string? RdapServer { get; set; }

    /// <summary>
    /// <para type="description">An RDAP bootstrap file in IANA's format (dns.json) to use instead of the copy shipped with the module, such as the one Update-SiteStatusRdapBootstrap writes. With -Session, each location reads this path on its own machine.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RdapBootstrapPath { get; set; }

    /// <summary>The run's domain lookups: the bootstrap file (-RdapBootstrapPath, else the shipped one) and the cache; a bootstrap file that cannot be read is a terminating error naming it.</summary>
    private DomainLookup OpenDomains()
    {
        var bootstrap = RdapBootstrapPath is null ? null : LoadBootstrap(RdapBootstrapPath);
        var cache = StatePath is null ? DomainCache.InMemory() : DomainCache.Open(DomainCache.PathBeside(SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath)));
        if (cache.Problem is { } problem)
        {
            WriteWarning(problem);
        }

        _domains = new DomainLookup(bootstrap, cache, () => new RdapClient(Proxy, ProxyUseDefaultCredentials), () => DateTimeOffset.UtcNow);
        return _domains;
    }

    private RdapBootstrap? LoadBootstrap(string path)
    {
        var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        try
        {
            return RdapBootstrap.Load(full);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(e, "RdapBootstrapUnreadable", ErrorCategory.InvalidData, full));
            return null;
        }
    }

    /// <summary>
    /// Writes what the registries said to the cache file, if the run keeps one. A file that cannot be written costs the
    /// next run its lookups only: a warning says so, unless the pipeline is over (<paramref name="quiet"/>).
    /// </summary>
    private void SaveDomains(bool quiet)
    {
        try
        {
            _domains?.Cache.Save(DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!quiet)
            {
                WriteWarning($"The domain cache beside the state file cannot be written ({e.Message.TrimEnd('.')}); the next run asks the registries again.");
            }
        }
    }
}
