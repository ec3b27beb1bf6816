namespace SiteStatus.Export;

/// <summary>Where an alert goes, and so the shape of its message.</summary>
public enum AlertFormat
{
    /// <summary>A documented generic JSON payload, for any webhook.</summary>
    Json,

    /// <summary>An Adaptive Card, as Teams Workflows ("Post to a channel when a webhook request is received") wants it.</summary>
    TeamsWorkflow,

    /// <summary>Slack blocks, for an incoming webhook.</summary>
    Slack,
}
