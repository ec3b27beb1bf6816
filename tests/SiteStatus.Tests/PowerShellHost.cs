using System;
using System.Collections.Generic;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SiteStatus.Commands;
using Xunit;

namespace SiteStatus.Tests;

/// <summary>Runs the cmdlets in a real in-process runspace, with the module's binary imported as PowerShell would.</summary>
internal static class PowerShellHost
{
    private static readonly InitialSessionState SessionState = CreateSessionState();

    public static PowerShell Create() => PowerShell.Create(SessionState);

    /// <summary>Runs a script with named variables set, and returns what it wrote to output and to the error stream.</summary>
    public static (IReadOnlyList<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Run(string script, params (string Name, object? Value)[] variables)
    {
        using var shell = Create();
        foreach (var (name, value) in variables)
        {
            shell.Runspace.SessionStateProxy.SetVariable(name, value);
        }

        var output = shell.AddScript(script).Invoke();
        return (output.ToList(), shell.Streams.Error.ToList());
    }

    /// <summary>Runs Test-SiteStatus on the URLs with the given parameters; any error record fails the test.</summary>
    public static IReadOnlyList<SiteStatusResult> Check(IEnumerable<Uri> uris, IDictionary? parameters = null) =>
        Invoke<SiteStatusResult>("Test-SiteStatus", uris, parameters);

    public static SiteStatusResult CheckOne(Uri uri, IDictionary? parameters = null) => Assert.Single(Check([uri], parameters));

    /// <summary>Runs Get-SiteStatusReport on the URLs with the given parameters; any error record fails the test.</summary>
    public static IReadOnlyList<SiteStatusReport> Report(IEnumerable<Uri> uris, IDictionary? parameters = null) =>
        Invoke<SiteStatusReport>("Get-SiteStatusReport", uris, parameters);

    public static SiteStatusReport ReportOne(Uri uri, IDictionary? parameters = null) => Assert.Single(Report([uri], parameters));

    /// <summary>A report as a summary's lists hold it, wrapped for PowerShell.</summary>
    public static SiteStatusReport AsReport(PSObject kept) => Assert.IsType<SiteStatusReport>(kept.BaseObject);

    /// <summary>Runs a cmdlet on the URLs; every output must be of type <typeparamref name="T"/> and no error may be written.</summary>
    public static IReadOnlyList<T> Invoke<T>(string command, IEnumerable<Uri> uris, IDictionary? parameters = null)
    {
        using var shell = Create();
        shell.AddCommand(command).AddParameter("Uri", uris.Select(u => u.OriginalString).ToArray());
        if (parameters is not null)
        {
            shell.AddParameters(parameters);
        }

        var output = shell.Invoke();
        Assert.Empty(shell.Streams.Error);
        return output.Select(o => Assert.IsType<T>(o.BaseObject)).ToList();
    }

    private static InitialSessionState CreateSessionState()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule([typeof(TestSiteStatusCommand).Assembly.Location]);
        return state;
    }
}
