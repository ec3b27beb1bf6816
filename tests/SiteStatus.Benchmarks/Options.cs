using System;
using System.Collections.Generic;
using System.Globalization;

namespace SiteStatus.Benchmarks;

/// <summary>
/// Where pwsh and the built module are, where the results go, how many runs to make, and the state file names the state
/// rows use (--state, comma-separated; the extension chooses the format: state.json and state.db unless given).
/// </summary>
internal sealed record Options(string Pwsh, string? PwshDll, string Module, string Output, int Repetitions, bool Quick, string? SessionsScript, IReadOnlyList<string> StateFiles)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        return new Options(
            Value("--pwsh") ?? throw new ArgumentException("--pwsh is required"),
            Value("--pwsh-dll"),
            Value("--module") ?? throw new ArgumentException("--module is required"),
            Value("--out") ?? throw new ArgumentException("--out is required"),
            int.Parse(Value("--reps") ?? "3", CultureInfo.InvariantCulture),
            Array.IndexOf(args, "--quick") >= 0,
            Value("--sessions"),
            (Value("--state") ?? "state.json,state.db").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>The arguments that start pwsh: the dll first when pwsh runs as a dotnet tool.</summary>
    public string[] PwshArguments(params string[] rest) => PwshDll is null ? rest : [PwshDll, .. rest];
}
