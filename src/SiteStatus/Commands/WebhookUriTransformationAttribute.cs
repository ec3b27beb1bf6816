using System;
using System.Management.Automation;
using SiteStatus.Export;

namespace SiteStatus.Commands;

/// <summary>
/// Reads a webhook given as text into a URI without PowerShell's own conversion, whose error quotes the text whole:
/// a webhook's path and query are its secret. Text that is no URI at all is refused with the webhook masked.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WebhookUriTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
        {
            Uri uri => uri,
            string text when Uri.TryCreate(text.Trim(), UriKind.RelativeOrAbsolute, out var uri) => uri,
            string text => throw new ArgumentTransformationMetadataException(
                $"The webhook '{MaskedWebhook.Mask(text)}' is not a URL (a port out of range, a space, a bracket left open): give it whole, as Teams or Slack show it."),
            var other => other,
        };
}
