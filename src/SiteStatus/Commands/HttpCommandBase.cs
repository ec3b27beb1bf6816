using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using SiteStatus.Checking;
using SiteStatus.Checking.Settings;

namespace SiteStatus.Commands;

/// <summary>
/// What every command that makes HTTP requests shares: how it connects (proxy, certificates, address family),
/// what it sends (headers, user agent, credentials) and how long one request may take. The checks and the sitemap reader alike.
/// </summary>
public abstract class HttpCommandBase : PSCmdlet
{
    /// <summary>
    /// <para type="description">The bound on one attempt, in seconds: connect, TLS, headers, every redirect and any body read. Default 10.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, CheckSettings.MaximumTimeoutSec)]
    public int TimeoutSec { get; set; } = CheckSettings.DefaultTimeoutSec;

    /// <summary>
    /// <para type="description">Headers to send with every request. Authorization, Cookie and Proxy-Authorization go only to the server of each URL, never after a redirect to another.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public IDictionary? Headers { get; set; }

    /// <summary>
    /// <para type="description">The User-Agent header: Chrome, Edge, Firefox, Safari or SiteStatus (the default, which names the module and its version), or any text.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(UserAgentCompleter))]
    public string UserAgent { get; set; } = ProbeOptions.DefaultUserAgent;

    /// <summary>
    /// <para type="description">Sends every request through this HTTP proxy.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    /// <summary>
    /// <para type="description">Authenticates to -Proxy with the current user's credentials.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    /// <summary>
    /// <para type="description">Sent as Basic authentication to the server of each URL, never after a redirect to another host or port.</para>
    /// </summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>
    /// <para type="description">A client certificate, for sites that ask for one.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// <para type="description">Accepts any server certificate: expired, self-signed or for another name. Says so once, in a warning.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>
    /// <para type="description">Connects over IPv4 only. Not available on Windows PowerShell 5.1.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter IPv4 { get; set; }

    /// <summary>
    /// <para type="description">Connects over IPv6 only. Not available on Windows PowerShell 5.1.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter IPv6 { get; set; }

    /// <summary>-Headers as name and value pairs.</summary>
    private protected IReadOnlyList<KeyValuePair<string, string>> HeaderList =>
        Headers?.Cast<DictionaryEntry>().Select(h => new KeyValuePair<string, string>(h.Key.ToString()!, h.Value?.ToString() ?? string.Empty)).ToList() ?? [];

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        try
        {
            RequestHeader.Check("User-Agent", UserAgents.Resolve(UserAgent));
            foreach (var header in HeaderList)
            {
                RequestHeader.Check(header.Key, header.Value);
            }
        }
        catch (FormatException e)
        {
            ThrowParameterError("InvalidHeader", $"-Headers or -UserAgent: {e.Message}", null);
        }

        if (SkipCertificateCheck)
        {
            WriteWarning("-SkipCertificateCheck: server certificates are not validated, so any server on the path can pose as these sites.");
        }
    }

    /// <summary>How requests connect, from the parameters; a parameter error when they contradict each other or this PowerShell.</summary>
    private protected ProbeOptions BuildConnection()
    {
        if (IPv4 && IPv6)
        {
            ThrowParameterError("IPv4AndIPv6", "-IPv4 and -IPv6 cannot be used together.", null);
        }

#if !NET8_0_OR_GREATER
        if (IPv4 || IPv6)
        {
            ThrowParameterError("AddressFamilyNotSupported", "-IPv4 and -IPv6 need PowerShell 7.4 or later.", null);
        }
#endif

        return new ProbeOptions
        {
            SkipCertificateCheck = SkipCertificateCheck,
            Proxy = Proxy,
            ProxyUseDefaultCredentials = ProxyUseDefaultCredentials,
            Credential = Credential?.GetNetworkCredential(),
            ClientCertificate = Certificate,
            AddressFamily = IPv4 ? AddressFamily.InterNetwork : IPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.Unspecified,
        };
    }

    private protected void ThrowParameterError(string errorId, string message, object? target) =>
        ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target));
}
