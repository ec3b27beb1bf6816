using System.Globalization;

namespace SiteStatus;

/// <summary>One site's availability over the runs the state file remembers.</summary>
public sealed class SiteAvailability
{
    internal SiteAvailability(string uri, double? availabilityPercent, int checks)
    {
        Uri = uri;
        AvailabilityPercent = availabilityPercent;
        Checks = checks;
    }

    /// <summary>The URL, masked as in results.</summary>
    public string Uri { get; }

    /// <summary>Up outcomes (Up, Flaky, Degraded) among the checks remembered, in percent; null when none is.</summary>
    public double? AvailabilityPercent { get; }

    /// <summary>How many outcomes the state file remembers for it (at most 1440).</summary>
    public int Checks { get; }

    /// <inheritdoc/>
    public override string ToString() => AvailabilityPercent is { } percent
        ? string.Format(CultureInfo.InvariantCulture, "{0} {1}% of {2}", Uri, percent, Checks)
        : string.Format(CultureInfo.InvariantCulture, "{0} not checked yet", Uri);
}
