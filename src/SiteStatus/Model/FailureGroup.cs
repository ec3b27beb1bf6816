using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace SiteStatus;

/// <summary>The Down reports that share one failure kind.</summary>
public sealed class FailureGroup
{
    internal FailureGroup(FailureKind failure, IReadOnlyList<PSObject> reports)
    {
        Failure = failure;
        Reports = reports;
    }

    /// <summary>What went wrong.</summary>
    public FailureKind Failure { get; }

    /// <summary>How many sites it happened to.</summary>
    public int Count => Reports.Count;

    /// <summary>The reports of those sites.</summary>
    public IReadOnlyList<PSObject> Reports { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0}: {1}", Failure, Count);
}
