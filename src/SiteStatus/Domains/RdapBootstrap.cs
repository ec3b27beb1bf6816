using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using SiteStatus.Json;

namespace SiteStatus.Domains;

/// <summary>
/// IANA's RDAP bootstrap file for DNS registrations (RFC 9224, dns.json): which RDAP server answers for the names under
/// each top-level domain. The module ships a copy (<see cref="Shipped"/>); Update-SiteStatusRdapBootstrap fetches the
/// current one into a file that -RdapBootstrapPath names. A registry that is not in it (.de, .ru when this was written)
/// has no server here: -RdapServer names one.
/// </summary>
internal sealed class RdapBootstrap
{
    /// <summary>What <see cref="Source"/> says of the copy shipped in the module.</summary>
    public const string ShippedSource = "shipped with the module";

    private static readonly Lazy<RdapBootstrap> ShippedFile = new(() =>
    {
        using var text = ShippedData.Open("rdap-dns.json");
        return Parse(text.ReadToEnd(), ShippedSource);
    });

    private readonly Dictionary<string, Uri> _servers;

    private RdapBootstrap(Dictionary<string, Uri> servers, string source, string? description, DateTimeOffset? publication)
    {
        _servers = servers;
        Source = source;
        Description = description;
        Publication = publication;
    }

    /// <summary>The copy shipped in the module, read once, when a domain is first asked for.</summary>
    public static RdapBootstrap Shipped => ShippedFile.Value;

    /// <summary>Where the file came from: <see cref="ShippedSource"/>, or its path.</summary>
    public string Source { get; }

    public string? Description { get; }

    /// <summary>When IANA published the file; null when the copy does not say (the shipped one does not).</summary>
    public DateTimeOffset? Publication { get; }

    /// <summary>How many names (top-level domains, in the main) have a server.</summary>
    public int Count => _servers.Count;

    /// <summary>A bootstrap file read from disk.</summary>
    /// <exception cref="FormatException">The file is not an RDAP bootstrap file; the message says why and names it.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RdapBootstrap Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path, Encoding.UTF8), path);
        }
        catch (FormatException e)
        {
            throw new FormatException($"'{path}' is not an RDAP bootstrap file: {e.Message}", e);
        }
    }

    /// <summary>A bootstrap file's text, as IANA writes it: {"publication": …, "services": [[["com", "net"], ["https://…/"]], …]}.</summary>
    /// <exception cref="FormatException">The text is not an RDAP bootstrap file.</exception>
    public static RdapBootstrap Parse(string json, string source)
    {
        object? document;
        try
        {
            document = JsonDocumentReader.Parse(json);
        }
        catch (JsonFormatException e)
        {
            throw new FormatException($"it is not JSON ({e.Message.TrimEnd('.')}).", e);
        }

        if (document is not Dictionary<string, object?> root || !root.TryGetValue("services", out var servicesValue) || servicesValue is not List<object?> services)
        {
            throw new FormatException("it has no \"services\" list.");
        }

        var servers = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            if (service is not List<object?> { Count: >= 2 } pair || pair[0] is not List<object?> names || pair[1] is not List<object?> urls)
            {
                throw new FormatException("a service is not a pair of a list of names and a list of URLs.");
            }

            if (Preferred(urls) is not { } server)
            {
                continue;
            }

            foreach (var name in names)
            {
                if (name is string text && text.Length > 0)
                {
                    servers[text.Trim('.').ToLowerInvariant()] = server;
                }
            }
        }

        var publication = root.TryGetValue("publication", out var published) && published is string date
            && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
        return new RdapBootstrap(servers, source, root.TryGetValue("description", out var description) ? description as string : null, publication);
    }

    /// <summary>The server for <paramref name="domain"/> (in ASCII): the entry that matches the most of its last labels; null when none does.</summary>
    public Uri? ServerFor(string domain)
    {
        var name = domain.ToLowerInvariant();
        for (var dot = -1; ; dot = name.IndexOf('.', dot + 1))
        {
            if (_servers.TryGetValue(name.Substring(dot + 1), out var server))
            {
                return server;
            }

            if (name.IndexOf('.', dot + 1) < 0)
            {
                return null;
            }
        }
    }

    /// <summary>A service's base URL: its first https one (RFC 9224 asks clients to prefer it), else its first http one.</summary>
    private static Uri? Preferred(List<object?> urls)
    {
        Uri? plain = null;
        foreach (var url in urls)
        {
            if (url is string text && Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                if (uri.Scheme == Uri.UriSchemeHttps)
                {
                    return uri;
                }

                plain ??= uri.Scheme == Uri.UriSchemeHttp ? uri : null;
            }
        }

        return plain;
    }
}
