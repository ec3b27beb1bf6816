using System;
using System.IO;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using SiteStatus.Checking;
using SiteStatus.Checking.SiteMaps;

namespace SiteStatus.Commands;

/// <summary>
/// The Get-SiteMapUrl cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SiteMapUrl")]
[OutputType(typeof(SiteMapUrl))]
public sealed class GetSiteMapUrlCommand : HttpCommandBase, IDisposable
{
    // An input that names no file but was meant as one: a path (./, ../, /, ~, a drive, any backslash) or a bare file
    // name such as typo.xml or sitemap.xml.gz. Anything else, example.com/sitemap.xml included, is a URL.
    private static readonly Regex PathLike = new(@"^([./~]|[A-Za-z]:/)|\\|^[^/]*\.(xml|gz|txt)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private readonly CancellationTokenSource _stopping = new();
    private System.Net.Http.HttpClient? _client;
    private SiteMapLimits? _limits;

    /// <summary>
    /// <para type="description">A sitemap (sitemap.xml, a sitemap index, either gzip-compressed), a site's root (its robots.txt Sitemap lines are read, else /sitemap.xml), or the path of a sitemap file.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url", "Path")]
    [ValidateNotNullOrEmpty]
    public string[] Uri { get; set; } = [];

    /// <summary>
    /// <para type="description">How deep sitemap indexes may nest below the first sitemap. Default 3.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, 10)]
    public int MaximumDepth { get; set; } = 3;

    /// <summary>
    /// <para type="description">The most sitemaps read. Default 1000.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaximumSitemapCount { get; set; } = 1_000;

    /// <summary>
    /// <para type="description">The most page URLs written. Default 1000000.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaximumUrlCount { get; set; } = 1_000_000;

    /// <inheritdoc/>
    public void Dispose()
    {
        _client?.Dispose();
        _stopping.Dispose();
    }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _client = SiteProbe.CreateClient(BuildConnection());
        _limits = new SiteMapLimits
        {
            MaximumDepth = MaximumDepth,
            MaximumSitemapCount = MaximumSitemapCount,
            MaximumUrlCount = MaximumUrlCount,
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
        };
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (var input in Uri)
        {
            if (Locate(input) is not { } start)
            {
                continue;
            }

            // One reader per input: its limits and the sitemaps it has seen belong to that site.
            var reader = new SiteMapReader(_client!, HeaderList, UserAgents.Resolve(UserAgent), _limits!, _stopping.Token);
            try
            {
                foreach (var entry in reader.Read(start))
                {
                    if (entry.Error is { } error)
                    {
                        WriteError(new ErrorRecord(new InvalidOperationException($"{entry.Sitemap}: {error}"), "SitemapUnreadable", ErrorCategory.InvalidData, entry.Sitemap));
                    }
                    else
                    {
                        WriteObject(new SiteMapUrl(entry.Url!, entry.LastModified, entry.Sitemap));
                    }
                }
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            catch (PipelineStoppedException)
            {
                _stopping.Cancel();
                throw;
            }
        }
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>An http or https URL (a bare host means https), or a file; null, with an error written, for anything else.</summary>
    private Uri? Locate(string input)
    {
        if (!input.Contains("://"))
        {
            var path = FilePath(input);
            if (path is not null && File.Exists(path))
            {
                return new Uri(path);
            }

            if (path is not null && Directory.Exists(path))
            {
                WriteError(new ErrorRecord(new IOException($"'{path}' is a folder, not a sitemap file."), "SitemapFileNotFound", ErrorCategory.InvalidArgument, input));
                return null;
            }

            if (PathLike.IsMatch(input.Trim()))
            {
                var shown = path ?? input;
                WriteError(new ErrorRecord(new FileNotFoundException($"The sitemap file '{shown}' does not exist.", shown), "SitemapFileNotFound", ErrorCategory.ObjectNotFound, input));
                return null;
            }
        }

        var target = SiteTarget.Parse(input, allowCredential: false, out var error);
        if (target is null)
        {
            WriteError(new ErrorRecord(new ArgumentException(error!.Message), error.ErrorId, ErrorCategory.InvalidArgument, error.ShownInput));
        }

        return target?.RequestUri;
    }

    /// <summary>The file an input names, from the current location; null when it cannot name one (localhost:8080 is no drive).</summary>
    private string? FilePath(string input)
    {
        try
        {
            return SessionState.Path.GetUnresolvedProviderPathFromPSPath(input);
        }
        catch (Exception e) when (e is SessionStateException or PSNotSupportedException or PSInvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
