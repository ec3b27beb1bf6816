using System.Management.Automation;

namespace SiteStatus.Floor;

/// <summary>What the floor writes for each line: as small as a result can be, with the status code the consumer reads.</summary>
public sealed class FloorResult(string uri, int statusCode)
{
    /// <summary>The line as given.</summary>
    public string Uri { get; } = uri;

    /// <summary>Always 200: the pipeline after it reads a status code as it reads Test-SiteStatus's.</summary>
    public int StatusCode { get; } = statusCode;
}

/// <summary>
/// Invoke-Floor: binds each line from the pipeline as Test-SiteStatus binds its -InputObject, and writes one
/// <see cref="FloorResult"/> for it on the pipeline thread, with no check and no network: what any binary cmdlet of
/// this shape costs PowerShell per URL.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "Floor")]
[OutputType(typeof(FloorResult))]
public sealed class InvokeFloorCommand : PSCmdlet
{
    /// <summary>A URL, as a line of text.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    public string InputObject { get; set; } = string.Empty;

    /// <inheritdoc/>
    protected override void ProcessRecord() => WriteObject(new FloorResult(InputObject, 200));
}
