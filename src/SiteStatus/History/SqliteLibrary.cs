using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace SiteStatus.History;

/// <summary>
/// Makes SQLite usable from the module's own folder. SQLitePCLRaw imports the native library by its bare name,
/// e_sqlite3, and no runtime looks where the module keeps it: under runtimes/&lt;rid&gt;/native at the module's root, one
/// copy for both builds (bin/net8.0 and bin/netstandard2.0), as the SQLite package lays it out. So before the first
/// database is opened, the import is pointed there: by a resolver on .NET (PowerShell 7), by loading the file by its
/// full path on .NET Framework (Windows PowerShell 5.1, where a DLL already loaded answers an import of its name).
/// Where the module's folder has none (an application, such as the tests, whose own deps.json lists the runtimes
/// folder), the runtime's own search applies.
/// </summary>
internal static class SqliteLibrary
{
    private const string Name = "e_sqlite3";

    private static readonly object Gate = new();
    private static bool _ready;

    /// <summary>The native library as the module ships it for this process, or null on a platform it ships none for.</summary>
    public static string? ModuleCopy
    {
        get
        {
            var architecture = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => "x64",
                Architecture.X86 => "x86",
                Architecture.Arm64 => "arm64",
                Architecture.Arm => "arm",
                _ => null,
            };
            var (os, file) = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ("win", Name + ".dll")
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? ("osx", "lib" + Name + ".dylib")
                : (IsMusl() ? "linux-musl" : "linux", "lib" + Name + ".so");
            var bin = Path.GetDirectoryName(typeof(SqliteLibrary).Assembly.Location)!;
            var path = Path.GetFullPath(Path.Combine(bin, "..", "..", "runtimes", $"{os}-{architecture}", "native", file));
            return architecture is not null && File.Exists(path) ? path : null;
        }
    }

    /// <summary>Points SQLitePCLRaw at the native library, once per process.</summary>
    /// <exception cref="HistoryFileException">The native library cannot be loaded here.</exception>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_ready)
            {
                return;
            }

            try
            {
                Prepare();
                raw.SetProvider(new SQLite3Provider_e_sqlite3());
                _ready = raw.sqlite3_libversion_number() > 0;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException)
            {
                throw new HistoryFileException(
                    HistoryFileException.Unavailable,
                    $"SQLite's native library ({Name}) cannot be loaded for {RuntimeInformation.OSDescription.Trim()} {RuntimeInformation.ProcessArchitecture}: {e.Message.TrimEnd('.')}. The module ships it for Windows, Linux and macOS on x64 and arm64 under runtimes in its folder.",
                    e);
            }
        }
    }

    // Alpine and other musl systems need the musl build; glibc's would not load there.
    private static bool IsMusl() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && Directory.Exists("/lib") && Directory.EnumerateFiles("/lib", "ld-musl-*").Any();

    private static IntPtr Resolve(string library, Assembly assembly, DllImportSearchPath? searchPath) =>
        library == Name && ModuleCopy is { } path ? LoadNative(path) : IntPtr.Zero;

#if NET8_0_OR_GREATER
    private static void Prepare()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(SQLite3Provider_e_sqlite3).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Another module of this process loaded the same SQLitePCLRaw first and resolves its import already.
        }
    }

    private static IntPtr LoadNative(string path) => NativeLibrary.Load(path);
#else
    private static Func<string, IntPtr>? _load;

    private static void Prepare()
    {
        if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
        {
            PrepareFramework();
            return;
        }

        // This build on .NET (PowerShell 7.0 to 7.3): its NativeLibrary, which netstandard2.0 does not name.
        var nativeLibrary = Type.GetType("System.Runtime.InteropServices.NativeLibrary", throwOnError: true)!;
        var resolverType = Type.GetType("System.Runtime.InteropServices.DllImportResolver", throwOnError: true)!;
        _load = (Func<string, IntPtr>)Delegate.CreateDelegate(typeof(Func<string, IntPtr>), nativeLibrary.GetMethod("Load", [typeof(string)])!);
        var resolver = Delegate.CreateDelegate(resolverType, typeof(SqliteLibrary).GetMethod(nameof(Resolve), BindingFlags.NonPublic | BindingFlags.Static)!);
        try
        {
            nativeLibrary.GetMethod("SetDllImportResolver", [typeof(Assembly), resolverType])!.Invoke(null, [typeof(SQLite3Provider_e_sqlite3).Assembly, resolver]);
        }
        catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException)
        {
            // Another module of this process loaded the same SQLitePCLRaw first and resolves its import already.
        }
    }

    private static IntPtr LoadNative(string path) => _load!(path);

    // Windows PowerShell has no binding redirects for a module: Microsoft.Data.Sqlite asks for the SQLitePCLRaw (and
    // System.Memory) it was built against, and gets the one beside it, whatever its version.
    private static void PrepareFramework()
    {
        var bin = Path.GetDirectoryName(typeof(SqliteLibrary).Assembly.Location)!;
        AppDomain.CurrentDomain.AssemblyResolve += (_, request) =>
        {
            var shipped = Path.Combine(bin, new AssemblyName(request.Name).Name + ".dll");
            return File.Exists(shipped) ? Assembly.LoadFrom(shipped) : null;
        };

        if (ModuleCopy is { } path && LoadLibraryW(path) == IntPtr.Zero)
        {
            throw new DllNotFoundException($"'{path}' did not load (Windows error {Marshal.GetLastWin32Error()})");
        }
    }

    [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern IntPtr LoadLibraryW(string path);
#endif
}
