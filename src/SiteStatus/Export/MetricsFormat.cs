namespace SiteStatus.Export;

/// <summary>The two text formats Prometheus scrapes and node_exporter's textfile collector reads.</summary>
public enum MetricsFormat
{
    /// <summary>The Prometheus text exposition format, version 0.0.4.</summary>
    Prometheus,

    /// <summary>OpenMetrics 1.0 text, ending in # EOF.</summary>
    OpenMetrics,
}
