
namespace SiteStatus;

/// <summary>One condition of a site's policy and what the check found: a JSON condition, the response time or the certificate's days.</summary>
public sealed class SiteCondition
{
    internal SiteCondition(string condition, bool passed, string? observed)
    {
        Condition = condition;
        Passed = passed;
        Observed = observed;
    }

    /// <summary>The condition as written, such as 'status == UP', 'ResponseTimeMs &lt;= 300' or 'CertificateDays &gt;= 30'.</summary>
    public string Condition { get; }

    /// <summary>Whether it held.</summary>
    public bool Passed { get; }

    /// <summary>The value the check found (cut short when long), or why none was found.</summary>
    public string? Observed { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Condition}: {(Passed ? "passed" : "failed")} ({Observed})";
}
