using System;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using SiteStatus.Checking.Settings;
using SiteStatus.Domains;

namespace SiteStatus.Commands;

/// <summary>
/// The Update-SiteStatusRdapBootstrap cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsData.Update, "SiteStatusRdapBootstrap", SupportsShouldProcess = true)]
[OutputType(typeof(SiteDomainData))]
public sealed class UpdateSiteStatusRdapBootstrapCommand : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// <para type="description">The file to write IANA's bootstrap file to, replaced atomically, for -RdapBootstrapPath of the checking commands. Its folder must exist.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>
    /// <para type="description">Where to fetch the bootstrap file. Default: IANA's, https://data.iana.org/rdap/dns.json.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public Uri Uri { get; set; } = new("https://data.iana.org/rdap/dns.json");

    /// <summary>
    /// <para type="description">The bound on the download, in seconds. Default 30.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, CheckSettings.MaximumTimeoutSec)]
    public int TimeoutSec { get; set; } = 30;

    /// <summary>
    /// <para type="description">Fetches through this HTTP proxy.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    /// <summary>
    /// <para type="description">Authenticates to -Proxy with the current user's credentials.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path!);

        // Asked first: -WhatIf fetches nothing.
        if (!ShouldProcess(full, $"Write the RDAP bootstrap file fetched from {Uri}"))
        {
            return;
        }

        string text;
        RdapBootstrap bootstrap;
        using (var client = new RdapClient(Proxy, ProxyUseDefaultCredentials))
        {
            try
            {
                text = client.GetTextAsync(Uri, TimeSpan.FromSeconds(TimeoutSec), _stopping.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (HttpRequestException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "RdapBootstrapNotFetched", ErrorCategory.ConnectionError, Uri));
                return;
            }
        }

        try
        {
            bootstrap = RdapBootstrap.Parse(text, full);
        }
        catch (FormatException e)
        {
            var error = new InvalidDataException($"{Uri} did not give an RDAP bootstrap file: {e.Message} '{full}' was left as it is.", e);
            ThrowTerminatingError(new ErrorRecord(error, "RdapBootstrapInvalid", ErrorCategory.InvalidData, Uri));
            return;
        }

        try
        {
            AtomicFile.Write(full, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(e, "RdapBootstrapNotSaved", ErrorCategory.WriteError, full));
        }

        WriteObject(new SiteDomainData(bootstrap));
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _stopping.Cancel();
}
