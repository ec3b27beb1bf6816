using System;
using System.Management.Automation;

// Samples for ArchitectureTests' rules to find, each using PowerShell in one way only; and one that does not.
namespace SiteStatus.Tests.ArchitectureSamples;

public static class NoPowerShell
{
    public static string Describe(object value) => value.ToString() ?? string.Empty;
}

public static class InSignature
{
    public static string Describe(PSObject? value) => value is null ? "none" : "some";
}

public static class InBody
{
    public static object Wrap(object value) => PSObject.AsPSObject(value);
}

public static class InLambda
{
    public static Func<object, object> Wrapper() => value => new PSObject(value);
}

public static class InCatch
{
    public static bool Run(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (PipelineStoppedException)
        {
            return false;
        }
    }
}

[OutputType(typeof(string))]
public static class AnnotatedWithOutputType
{
}

public class InBaseType : PSCmdlet
{
}

public sealed class WritesInProcessRecord : Cmdlet
{
    protected override void ProcessRecord() => WriteObject("one");
}

public static class WritesThroughAMethodGroup
{
    public static Action<string> Verbose(Cmdlet cmdlet) => cmdlet.WriteVerbose;
}

public static class WritesThroughTheRuntime
{
    public static void Warn(ICommandRuntime runtime) => runtime.WriteWarning("careful");
}
