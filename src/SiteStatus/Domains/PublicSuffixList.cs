using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;

namespace SiteStatus.Domains;

/// <summary>
/// The Public Suffix List's ICANN section: the suffixes under which registries let anyone register a name (com, com.br,
/// co.uk, *.ck but !www.ck), so that a host's registrable domain, the one whose registration expires, is the suffix and
/// one label more. The private section (github.io, blogspot.com) is left out on purpose: a name under it is not
/// registered at a registry, its operator's domain is. The module ships one copy (<see cref="Shipped"/>).
/// </summary>
internal sealed class PublicSuffixList
{
    /// <summary>Where the shipped copy comes from, and its date: the list itself carries no version line.</summary>
    public const string ShippedVersion = "2023-02-09 23:26 (Debian package publicsuffix 20230209.2326-1)";

    private const string IcannBegin = "// ===BEGIN ICANN DOMAINS===";
    private const string IcannEnd = "// ===END ICANN DOMAINS===";

    private static readonly Lazy<PublicSuffixList> ShippedList = new(() => Read(ShippedData.Open("public_suffix_list.dat")));

    private readonly HashSet<string> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wildcards = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exceptions = new(StringComparer.Ordinal);

    private PublicSuffixList()
    {
    }

    /// <summary>The copy shipped in the module, read once, when a domain is first asked for.</summary>
    public static PublicSuffixList Shipped => ShippedList.Value;

    /// <summary>The rules of the ICANN section of a list in the list's own format; every name in ASCII (punycode), lower case.</summary>
    public static PublicSuffixList Read(TextReader text)
    {
        var list = new PublicSuffixList();
        var inIcann = false;
        for (var line = text.ReadLine(); line is not null; line = text.ReadLine())
        {
            // A rule is the line up to its first white space; comments start with //.
            var rule = line.Trim();
            if (rule.StartsWith(IcannBegin, StringComparison.Ordinal) || rule.StartsWith(IcannEnd, StringComparison.Ordinal))
            {
                inIcann = rule.StartsWith(IcannBegin, StringComparison.Ordinal);
                continue;
            }

            if (!inIcann || rule.Length == 0 || rule.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var space = rule.IndexOfAny([' ', '\t']);
            rule = space < 0 ? rule : rule.Substring(0, space);
            if (rule[0] == '!')
            {
                list._exceptions.Add(Ascii(rule.Substring(1)));
            }
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
            {
                list._wildcards.Add(Ascii(rule.Substring(2)));
            }
            else
            {
                list._rules.Add(Ascii(rule));
            }
        }

        return list;
    }

    /// <summary>
    /// The registrable domain of <paramref name="host"/> (the URL's host, as Uri.IdnHost gives it): example.com.br for
    /// shop.example.com.br; null with the reason when it has none (an IP address, a single-label name, a public suffix).
    /// </summary>
    public string? RegistrableDomain(string host, out string reason)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        reason = string.Empty;
        if (IPAddress.TryParse(name.Trim('[', ']'), out _))
        {
            reason = $"{host} is an IP address: it has no domain whose registration could expire";
            return null;
        }

        if (name.IndexOf('.') < 0)
        {
            reason = $"'{host}' is a single-label name: no registry holds it";
            return null;
        }

        var labels = Ascii(name).Split('.');
        var suffixLabels = SuffixLabels(labels);
        if (suffixLabels >= labels.Length)
        {
            reason = $"'{host}' is a public suffix, under which others register names: no one registers it itself";
            return null;
        }

        return string.Join(".", labels, labels.Length - suffixLabels - 1, suffixLabels + 1);
    }

    /// <summary>A name in ASCII: each label that is not already is converted to punycode (bücher.de is xn--bcher-kva.de).</summary>
    private static string Ascii(string name)
    {
        var labels = name.ToLowerInvariant().Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            if (!IsAscii(labels[i]))
            {
                labels[i] = new IdnMapping().GetAscii(labels[i]);
            }
        }

        return string.Join(".", labels);
    }

    private static bool IsAscii(string label)
    {
        foreach (var c in label)
        {
            if (c > 0x7f)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// How many labels of the name are its public suffix, by the list's algorithm: an exception rule wins; otherwise the
    /// matching rule (a wildcard matches any one label) with the most labels; otherwise the last label alone (rule *).
    /// </summary>
    private int SuffixLabels(string[] labels)
    {
        for (var start = 0; start < labels.Length; start++)
        {
            if (_exceptions.Contains(Suffix(labels, start)))
            {
                return labels.Length - start - 1;
            }
        }

        for (var start = 0; start < labels.Length; start++)
        {
            if (_rules.Contains(Suffix(labels, start)) || (start + 1 < labels.Length && _wildcards.Contains(Suffix(labels, start + 1))))
            {
                return labels.Length - start;
            }
        }

        return 1;
    }

    private static string Suffix(string[] labels, int start) => string.Join(".", labels, start, labels.Length - start);
}
