using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using SiteStatus.Commands;
using SiteStatus.Tests.ArchitectureSamples;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>
/// The layers, read from the built assemblies' metadata and IL: the engine uses nothing of PowerShell, and only the
/// cmdlets write to the pipeline. Each rule is also run where it must find something, so that it can fail.
/// </summary>
public sealed class ArchitectureTests
{
    private const string PowerShell = "System.Management.Automation";

    private static readonly string[] Engine = ["SiteStatus.Checking", "SiteStatus.Domains", "SiteStatus.State", "SiteStatus.Export", "SiteStatus.Json", "SiteStatus.History", "SiteStatus.Pages"];

    private static readonly string[] PipelineWriters = ["WriteObject", "WriteError", "WriteVerbose", "WriteWarning", "WriteDebug", "WriteProgress", "WriteInformation"];

    // The types a cmdlet writes to the pipeline through.
    private static readonly string[] PipelineTypes = [PowerShell + ".Cmdlet", PowerShell + ".ICommandRuntime", PowerShell + ".ICommandRuntime2"];

    private const string Samples = "SiteStatus.Tests.ArchitectureSamples";

    private static readonly IReadOnlyList<ForeignUse> SampleUses = ForeignUses.Read(typeof(ArchitectureTests).Assembly.Location);

    [Theory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    public void Engine_UsesNoPowerShellType(string build)
    {
        var uses = ForeignUses.Read(BuildPath(build));

        AssertNone(PowerShellUses(uses, IsEngine));
        // The rule saw the engine: each of its namespaces is there and uses the framework.
        Assert.All(Engine, ns => Assert.Contains(uses, use => use.UserNamespace == ns));
        Assert.Contains(uses, use => IsEngine(use.UserNamespace) && use.Type == "System.Net.Http.HttpClient");
    }

    [Theory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    public void OnlyTheCmdlets_WriteToThePipeline(string build)
    {
        AssertNone(PipelineWrites(ForeignUses.Read(BuildPath(build)), IsCommands));
    }

    [Fact]
    public void EngineRule_FindsPowerShell_InTheCmdlets()
    {
        var found = PowerShellUses(ForeignUses.Read(typeof(TestSiteStatusCommand).Assembly.Location), IsCommands);

        Assert.Contains("SiteStatus.Commands.TestSiteStatusCommand uses System.Management.Automation.CmdletAttribute..ctor", found);
    }

    [Theory]
    [InlineData(nameof(InSignature), "System.Management.Automation.PSObject")]
    [InlineData(nameof(InBody), "System.Management.Automation.PSObject.AsPSObject")]
    [InlineData(nameof(InLambda) + "+", "System.Management.Automation.PSObject..ctor")]
    [InlineData(nameof(InCatch), "System.Management.Automation.PipelineStoppedException")]
    [InlineData(nameof(AnnotatedWithOutputType), "System.Management.Automation.OutputTypeAttribute..ctor")]
    [InlineData(nameof(InBaseType), "System.Management.Automation.PSCmdlet")]
    public void EngineRule_FindsPowerShell_WhereverItIsUsed(string sample, string use)
    {
        var found = PowerShellUses(SampleUses, ns => ns == Samples);

        Assert.Contains(found, line => line.StartsWith($"{Samples}.{sample}", StringComparison.Ordinal) && line.EndsWith(" uses " + use, StringComparison.Ordinal));
        Assert.DoesNotContain(found, line => line.StartsWith($"{Samples}.{nameof(NoPowerShell)}", StringComparison.Ordinal));
    }

    [Fact]
    public void PipelineRule_FindsTheCmdletsWrites_WhenNoLayerMayWrite()
    {
        var found = PipelineWrites(ForeignUses.Read(typeof(TestSiteStatusCommand).Assembly.Location), _ => false);

        Assert.Contains(found, line => line.StartsWith("SiteStatus.Commands.", StringComparison.Ordinal) && line.EndsWith("Cmdlet.WriteObject", StringComparison.Ordinal));
        Assert.Contains(found, line => line.StartsWith("SiteStatus.Commands.", StringComparison.Ordinal) && line.EndsWith("Cmdlet.WriteError", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(nameof(WritesInProcessRecord), "System.Management.Automation.Cmdlet.WriteObject")]
    [InlineData(nameof(WritesThroughAMethodGroup), "System.Management.Automation.Cmdlet.WriteVerbose")]
    [InlineData(nameof(WritesThroughTheRuntime), "System.Management.Automation.ICommandRuntime.WriteWarning")]
    public void PipelineRule_FindsWrites_OutsideTheCmdlets(string sample, string use)
    {
        var found = PipelineWrites(SampleUses, ns => ns != Samples);

        Assert.Contains($"{Samples}.{sample} uses {use}", found);
        Assert.DoesNotContain(found, line => line.StartsWith($"{Samples}.{nameof(InBaseType)}", StringComparison.Ordinal));
    }

    // Names every violation in full (a collection assertion cuts each line short).
    private static void AssertNone(List<string> violations) => Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));

    private static bool IsEngine(string ns) => Engine.Any(engine => ns == engine || ns.StartsWith(engine + ".", StringComparison.Ordinal));

    private static bool IsCommands(string ns) => ns == "SiteStatus.Commands" || ns.StartsWith("SiteStatus.Commands.", StringComparison.Ordinal);

    // Every use of a PowerShell type by the types of the namespaces covered.
    private static List<string> PowerShellUses(IEnumerable<ForeignUse> uses, Func<string, bool> covered) =>
        uses.Where(use => covered(use.UserNamespace) && use.Assembly == PowerShell).Select(Describe).Distinct().ToList();

    // Every write to the pipeline by the types of the namespaces that may not write.
    private static List<string> PipelineWrites(IEnumerable<ForeignUse> uses, Func<string, bool> mayWrite) =>
        uses.Where(use => !mayWrite(use.UserNamespace) && use.Assembly == PowerShell && PipelineTypes.Contains(use.Type) && PipelineWriters.Contains(use.Member))
            .Select(Describe).Distinct().ToList();

    private static string Describe(ForeignUse use) => $"{use.User} uses {use.Type}{(use.Member is null ? string.Empty : "." + use.Member)}";

    // The net8.0 build is the one these tests run; the netstandard2.0 one (Windows PowerShell's, with code of its own
    // under #if) is built beside it, and the project file names where.
    private static string BuildPath(string build) => build == "net8.0"
        ? typeof(TestSiteStatusCommand).Assembly.Location
        : typeof(ArchitectureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "SiteStatusNetStandardBuild").Value!;
}
