namespace SiteStatus.Checking.Conditions;

/// <summary>
/// What one condition found: whether it held, and the value it saw. When it did not hold, <see cref="Failure"/> is
/// what the check fails with and <see cref="Why"/> the reason, without its final period, when the condition words it
/// its own way; otherwise "Condition '…' failed: found …".
/// </summary>
internal sealed record ConditionOutcome(string Condition, bool Passed, string? Observed)
{
    public FailureKind Failure { get; init; } = FailureKind.ConditionFailed;

    public string? Why { get; init; }

    /// <summary>The reason a check gives when this is the first condition that failed.</summary>
    public string Reason => Why ?? $"Condition '{Condition}' failed: found {Observed}";
}
