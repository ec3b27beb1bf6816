using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SiteStatus.Checking;

namespace SiteStatus.History;

/// <summary>Outcomes already at hand (results piped in, JSON Lines read back) as a source.</summary>
internal sealed class OutcomeList(IEnumerable<HistoryOutcome> outcomes) : IHistorySource
{
    public Task<IReadOnlyDictionary<string, IReadOnlyList<HistoryOutcome>>> ReadAsync(IReadOnlyList<string> uriPatterns, string? location, DateTimeOffset from, DateTimeOffset to, CancellationToken stopping)
    {
        IReadOnlyDictionary<string, IReadOnlyList<HistoryOutcome>> byUrl = outcomes
            .Where(o => o.CheckedAt >= from && o.CheckedAt < to && (location is null || o.Location == location))
            .Where(o => uriPatterns.Count == 0 || uriPatterns.Any(p => UriPattern.Matches(p, o.Uri)))
            .GroupBy(o => o.Uri, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<HistoryOutcome>)g.OrderBy(o => o.CheckedAt).ToList(), StringComparer.Ordinal);
        return Task.FromResult(byUrl);
    }
}
