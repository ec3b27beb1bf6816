using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.RegularExpressions;

namespace SiteStatus.Locations;

/// <summary>
/// A PowerShell session the user opened (New-PSSession over SSH or WinRM): the checks run on the machine at its far
/// end, once the session has this exact version of the module, copied there for the run when it has not.
/// </summary>
internal sealed class SessionLocation(PSSession session) : RunspaceLocation(NameOf(session))
{
    private static readonly string Version = typeof(SessionLocation).Assembly.GetName().Version!.ToString(3);

    /// <summary>The session itself: what the user gave.</summary>
    public override object Subject => session;

    /// <inheritdoc/>
    protected override Runspace Runspace => session.Runspace;

    /// <summary>The location a session stands for: the name the user gave it, else its computer name.</summary>
    public static string NameOf(PSSession session) =>
        session.Name is { Length: > 0 } named && !Regex.IsMatch(named, @"^(Runspace|Session|WinRM|SSH)\d+$") ? named : session.ComputerName;

    /// <summary>Makes sure the session has this exact version of the module imported, copying it there when it has not.</summary>
    protected override string? Prepare(LocationStart start)
    {
        try
        {
            using var probe = PowerShell.Create();
            probe.Runspace = session.Runspace;
            probe.AddScript("""
                param($version)
                $module = Get-Module SiteStatus | Where-Object { $_.Version -eq $version }
                if (-not $module) {
                    $module = Get-Module SiteStatus -ListAvailable | Where-Object { $_.Version -eq $version } | Select-Object -First 1
                    if ($module) { Import-Module $module.Path -ErrorAction Stop }
                }
                if ($module) { '' } else { [IO.Path]::GetTempPath() }
                """).AddArgument(Version);
            var answer = probe.Invoke();
            if (probe.HadErrors)
            {
                return probe.Streams.Error[0].Exception.Message;
            }

            var temporary = answer.FirstOrDefault()?.ToString();
            return string.IsNullOrEmpty(temporary) ? null : CopyModule(temporary!, start);
        }
        catch (Exception e) when (e is RuntimeException or InvalidOperationException or System.Management.Automation.Remoting.PSRemotingTransportException or InvalidRunspaceStateException or InvalidRunspacePoolStateException)
        {
            return e.Message;
        }
    }

    /// <summary>This module's folder: the manifest two folders above the running build (bin/&lt;framework&gt;).</summary>
    private static string? ModuleFolder()
    {
        var folder = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(SessionLocation).Assembly.Location)));
        return folder is not null && File.Exists(Path.Combine(folder, "SiteStatus.psd1")) ? folder : null;
    }

    /// <summary>Copies this module into the far side's <paramref name="temporary"/> folder, for the run, and imports it there; null when done.</summary>
    private string? CopyModule(string temporary, LocationStart start)
    {
        if (ModuleFolder() is not { } folder)
        {
            return "this module's folder (with SiteStatus.psd1) was not found, so it cannot be copied there.";
        }

        var destination = $"{temporary.TrimEnd('/', '\\')}/SiteStatus-{Version}-{Guid.NewGuid():N}";
        try
        {
            // Each file goes as an argument of a command of its own: the far pwsh killed during a Copy-Item -ToSession
            // crashed this pwsh 7.6.9, as a transport dying under a remote pipeline whose input is open does. A .NET
            // call, not a command, so that whatever the session's commands are, the bytes land as they are. The native
            // SQLite libraries (runtimes, most of the module's size) stay here: the history is kept by the caller.
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            {
                var relative = file.Substring(folder.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Replace('\\', '/');
                if (relative.StartsWith("runtimes/", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                using var copy = PowerShell.Create();
                copy.Runspace = session.Runspace;
                copy.AddScript("param($path, $bytes) $null = [IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($path)); [IO.File]::WriteAllBytes($path, $bytes)")
                    .AddArgument($"{destination}/SiteStatus/{relative}")
                    .AddArgument(File.ReadAllBytes(file));
                copy.Invoke();
                if (copy.HadErrors)
                {
                    return $"SiteStatus {Version} could not be copied there: {copy.Streams.Error[0].Exception.Message}";
                }
            }
        }
        catch (Exception e) when (e is RuntimeException or InvalidOperationException or InvalidRunspaceStateException or InvalidRunspacePoolStateException)
        {
            return $"SiteStatus {Version} could not be copied there: {e.Message}";
        }

        start.Verbose($"{Name} had no SiteStatus {Version}: copied it to {destination} and imported it there.");
        using var import = PowerShell.Create();
        import.Runspace = session.Runspace;
        import.AddScript("param($path) Import-Module $path -ErrorAction Stop").AddArgument($"{destination}/SiteStatus/SiteStatus.psd1");
        import.Invoke();
        return import.HadErrors ? $"SiteStatus {Version} does not load there: {import.Streams.Error[0].Exception.Message}" : null;
    }
}
