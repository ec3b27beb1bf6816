using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SiteStatus.Json;

namespace SiteStatus.Domains;

/// <summary>
/// What registries said of each registrable domain, and when, so that a domain is asked again only when its answer is
/// due for a refresh: after <see cref="LongRefresh"/> while more than <see cref="NearExpiry"/> remain (a date that far
/// off cannot matter sooner), after <see cref="ShortRefresh"/> once fewer do (so a renewal is seen within a day), and
/// after <see cref="UnknownRefresh"/> when the registry gave no date. An answer from another server than the one now
/// asked is due at once. In memory for a run; with -StatePath also in a file beside the state file, written atomically
/// at the end of the run, while the run holds the state file's lock (so two runs on one state never interleave here).
/// </summary>
internal sealed class DomainCache
{
    /// <summary>What the format field says; a file without it is not ours.</summary>
    public const string Format = "SiteStatus domains";

    public const int Version = 1;

    public static readonly TimeSpan LongRefresh = TimeSpan.FromHours(240);

    public static readonly TimeSpan ShortRefresh = TimeSpan.FromHours(24);

    public static readonly TimeSpan UnknownRefresh = TimeSpan.FromHours(1);

    public static readonly TimeSpan NearExpiry = TimeSpan.FromDays(30);

    private readonly ConcurrentDictionary<string, DomainExpiry> _entries = new(StringComparer.Ordinal);
    private readonly string? _path;
    private volatile bool _changed;

    private DomainCache(string? path) => _path = path;

    /// <summary>Why the file could not be read, when it could not (it is then rebuilt); null otherwise.</summary>
    public string? Problem { get; private set; }

    /// <summary>A cache for one run, kept nowhere.</summary>
    public static DomainCache InMemory() => new(null);

    /// <summary>The cache file beside a state file: state.json keeps its domains in state.domains.json.</summary>
    public static string PathBeside(string statePath) => Path.ChangeExtension(statePath, ".domains.json");

    /// <summary>
    /// The cache kept in <paramref name="path"/>: read now (a missing file is empty), written by <see cref="Save"/>. A
    /// file that cannot be read costs only lookups: it is passed over, <see cref="Problem"/> says why, and it is rebuilt.
    /// </summary>
    public static DomainCache Open(string path)
    {
        var cache = new DomainCache(path);
        if (File.Exists(path))
        {
            try
            {
                cache.Read(File.ReadAllText(path, Encoding.UTF8));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or JsonFormatException)
            {
                cache._entries.Clear();
                cache.Problem = $"The domain cache '{path}' cannot be read ({e.Message.TrimEnd('.')}); it is rebuilt from the registries' answers.";
            }
        }

        return cache;
    }

    /// <summary>How long an answer stands before the registry is asked again, as of <paramref name="now"/>.</summary>
    public static TimeSpan RefreshAfter(DomainExpiry entry, DateTimeOffset now) => entry.Expires is { } expires
        ? expires - now > NearExpiry ? LongRefresh : ShortRefresh
        : UnknownRefresh;

    /// <summary>Whether <paramref name="entry"/> still stands at <paramref name="now"/> for an answer from <paramref name="server"/>.</summary>
    public static bool IsFresh(DomainExpiry entry, Uri server, DateTimeOffset now) =>
        entry.Server == server && now >= entry.CheckedAt && now - entry.CheckedAt < RefreshAfter(entry, now);

    /// <summary>The answer kept for <paramref name="domain"/> from <paramref name="server"/>, when it is not yet due for a refresh.</summary>
    public DomainExpiry? Fresh(string domain, Uri server, DateTimeOffset now) =>
        _entries.TryGetValue(domain, out var entry) && IsFresh(entry, server, now) ? entry : null;

    /// <summary>Keeps a registry's answer (or its lack of one) for its domain.</summary>
    public void Put(DomainExpiry entry)
    {
        _entries[entry.Domain!] = entry;
        _changed = true;
    }

    /// <summary>Writes the file, if this cache has one and learned something: the answers still fresh at <paramref name="now"/>, atomically.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public void Save(DateTimeOffset now)
    {
        if (_path is null || !_changed)
        {
            return;
        }

        var text = new StringBuilder();
        var json = new JsonWriter(text, indented: true)
            .StartObject()
            .Name("format").Value(Format)
            .Name("version").Value(Version)
            .Name("savedAt").Value(now)
            .Name("domains").StartObject();
        var entryText = new StringBuilder();
        foreach (var entry in _entries.Values.Where(e => IsFresh(e, e.Server!, now)).OrderBy(e => e.Domain, StringComparer.Ordinal))
        {
            entryText.Clear();
            new JsonWriter(entryText).StartObject()
                .Name("expires").Value(entry.Expires)
                .Name("unknown").Value(entry.Unknown)
                .Name("server").Value(entry.Server!.AbsoluteUri)
                .Name("checkedAt").Value(entry.CheckedAt)
                .EndObject();
            json.Name(entry.Domain!).Raw(entryText.ToString());
        }

        json.EndObject().EndObject();
        text.Append('\n');
        AtomicFile.Write(_path, text.ToString());
        _changed = false;
    }

    private void Read(string text)
    {
        if (JsonDocumentReader.Parse(text) is not Dictionary<string, object?> root || !root.TryGetValue("format", out var format) || format as string != Format)
        {
            throw new FormatException($"it has no \"format\": \"{Format}\"");
        }

        if (!root.TryGetValue("version", out var version) || version is not double number || number != Version)
        {
            throw new FormatException($"its version is not {Version}");
        }

        if (!root.TryGetValue("domains", out var domainsValue) || domainsValue is not Dictionary<string, object?> domains)
        {
            throw new FormatException("it has no \"domains\" object");
        }

        foreach (var domain in domains)
        {
            var entry = domain.Value as Dictionary<string, object?> ?? throw new FormatException($"the entry for '{domain.Key}' is not an object");
            var server = Text(entry, "server") is { } address && Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : throw new FormatException($"the entry for '{domain.Key}' has no server URL");
            var expires = Text(entry, "expires") is { } date ? Time(date, domain.Key) : (DateTimeOffset?)null;
            var unknown = Text(entry, "unknown");
            if ((expires is null) == (unknown is null) || expires < RdapAnswer.EarliestRealDate)
            {
                throw new FormatException($"the entry for '{domain.Key}' has neither a real expiry nor a reason for its lack");
            }

            _entries[domain.Key] = new DomainExpiry
            {
                Domain = domain.Key,
                Expires = expires,
                Unknown = unknown,
                Server = server,
                CheckedAt = Time(Text(entry, "checkedAt") ?? throw new FormatException($"the entry for '{domain.Key}' has no checkedAt"), domain.Key),
            };
        }
    }

    private static string? Text(Dictionary<string, object?> entry, string name) => entry.TryGetValue(name, out var value) ? value as string : null;

    private static DateTimeOffset Time(string text, string domain) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : throw new FormatException($"the entry for '{domain}' has '{text}', not a time");
}
