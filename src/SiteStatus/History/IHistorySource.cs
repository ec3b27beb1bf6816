using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SiteStatus.History;

/// <summary>Where uptime reads outcomes: Prometheus's series of the metrics, or results given (the SQLite history to come).</summary>
internal interface IHistorySource
{
    /// <summary>
    /// The outcomes of the URLs that match one of <paramref name="uriPatterns"/> (as <see cref="Checking.UriPattern"/>
    /// reads them; every URL when there are none), from <paramref name="location"/> (every location when null), checked
    /// at or after <paramref name="from"/> and before <paramref name="to"/>: by URL, each URL's in time order.
    /// </summary>
    /// <exception cref="HistoryReadException">The source could not be read.</exception>
    Task<IReadOnlyDictionary<string, IReadOnlyList<HistoryOutcome>>> ReadAsync(IReadOnlyList<string> uriPatterns, string? location, DateTimeOffset from, DateTimeOffset to, CancellationToken stopping);
}

/// <summary>A history that could not be read, with why in a sentence that names it.</summary>
internal sealed class HistoryReadException(string message, Exception? inner = null) : Exception(message, inner);
