using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SiteStatus.Checking;
using SiteStatus.Pages;

namespace SiteStatus.Commands;

/// <summary>
/// The Export-SiteStatusPage cmdlet. Its synopsis, description, notes and examples are in docs/help.psd1,
/// the only place they are written; each parameter's text is on its property.
/// </summary>
[Cmdlet(VerbsData.Export, "SiteStatusPage", DefaultParameterSetName = FromHistory, SupportsShouldProcess = true)]
[OutputType(typeof(System.IO.FileInfo))]
public sealed class ExportSiteStatusPageCommand : UptimeSourceCommandBase
{
    /// <summary>
    /// <para type="description">The HTML file to write, such as /var/www/status/index.html. It is replaced atomically (a temporary file in the same folder, then a rename), as UTF-8 without a BOM. Its folder must exist (PageFolderNotFound).</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>
    /// <para type="description">The page's heading and title. Default: Site status.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Title { get; set; } = "Site status";

    /// <summary>
    /// <para type="description">The sites to show, in this order: URLs, or objects and hashtables with a Url, Uri or Address (the rows of Import-Csv of a sites file) that may also have a Name (shown instead of the URL) and a Group (sites of one group are shown together, the groups in the order their first site comes, sites of none last). A site the history has nothing of is shown with no data. An entry that is not a URL is a non-terminating error, InvalidUri, with the entry as its target. Default: every URL in the history, by URL, in no group.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public object[]? SiteList { get; set; }

    /// <summary>
    /// <para type="description">Writes the file's FileInfo to the pipeline.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var now = DateTimeOffset.UtcNow;
        var entries = SiteList is null ? null : Entries(SiteList);
        var listed = new HashSet<string>(entries?.Select(e => e.Uri) ?? [], StringComparer.Ordinal);
        var patterns = listed.ToList();
        if (entries is { Count: 0 })
        {
            WriteWarning("-SiteList has no site: the page shows none.");
        }

        // Each URL's outcomes are read on this thread and counted on the thread pool, a few URLs at a time, then let go:
        // a thousand sites' month of checks is never held at once, and the reading and counting overlap.
        var sites = new Dictionary<string, StatusPageSite>(StringComparer.Ordinal);
        var counting = new Queue<Task<StatusPageSite>>();
        var quorum = Quorum;
        void Take()
        {
            var site = counting.Dequeue().GetAwaiter().GetResult();
            sites[site.Uri] = site;
        }

        if (entries is not { Count: 0 })
        {
            foreach (var url in ReadByUrl(patterns, null, now - StatusPageBuilder.ReadBack, now))
            {
                if (Stopping)
                {
                    throw new PipelineStoppedException();
                }

                if (entries is null || listed.Contains(url.Key))
                {
                    var (uri, outcomes) = (url.Key, url.Value);
                    counting.Enqueue(Task.Run(() => StatusPageBuilder.Site(new PageSiteEntry(uri, uri, null), outcomes, now, quorum)));
                }

                while (counting.Count > 2 * Environment.ProcessorCount)
                {
                    Take();
                }
            }

            while (counting.Count > 0)
            {
                Take();
            }
        }

        entries ??= [.. sites.Keys.OrderBy(u => u, StringComparer.Ordinal).Select(u => new PageSiteEntry(u, u, null))];
        var shown = entries.Select(e => (e, (sites.TryGetValue(e.Uri, out var site) ? site : StatusPageBuilder.Site(e, [], now, Quorum)) with { Name = e.Name }));
        var model = StatusPageBuilder.Model(Title, now, shown);
        Write(StatusPageHtml.Render(model), model);
    }

    // The site list's entries, each a URL as results write it; one that is not a URL is its error, and the rest go on.
    private List<PageSiteEntry> Entries(object[] list)
    {
        var entries = new List<PageSiteEntry>();
        foreach (var input in list.SelectMany(PipelineInput.Read))
        {
            if (input.Text is { } text && SiteTarget.IsIgnorable(text) && input.Source is null)
            {
                continue;
            }

            InputError? problem = null;
            var uri = input.Text is { } given ? SiteTarget.Parse(given, allowCredential: true, out problem)?.Display : null;
            if (uri is null)
            {
                var message = problem?.Message ?? "This site list entry has no Uri, Url or Address.";
                WriteError(new ErrorRecord(new ArgumentException(message), problem?.ErrorId ?? InputError.InvalidUri, ErrorCategory.InvalidArgument, input.Target));
                continue;
            }

            entries.Add(new PageSiteEntry(uri, Property(input.Source, "Name") ?? uri, Property(input.Source, "Group")));
        }

        return entries;
    }

    // A column or key of an entry as text; null when it has none, or it is empty.
    private static string? Property(object? source, string name)
    {
        object? value = null;
        if ((source is PSObject wrapped ? wrapped.BaseObject : source) is IDictionary dictionary)
        {
            PipelineInput.TryGetKey(dictionary, name, out value);
        }
        else if (source is not null && PSObject.AsPSObject(source).Properties[name] is { } property)
        {
            value = property.Value;
        }

        return PipelineInput.AsText(value) is { } text && text.Trim().Length > 0 ? text.Trim() : null;
    }

    private static readonly OutputFile Page = new("PageNotWritten", "PageFolderNotFound", "index.html");

    private void Write(string html, StatusPageModel model)
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path!);
        if (!ShouldProcess(path, "Write the status page"))
        {
            return;
        }

        Page.Write(this, path, html);
        WriteVerbose($"Wrote the status page of {model.Groups.Sum(g => g.Sites.Count)} site(s) in {model.Groups.Count} group(s) to '{path}'.");
        if (PassThru)
        {
            OutputFile.PassThru(this, path);
        }
    }
}
