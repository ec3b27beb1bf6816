using System;
using System.Collections.Generic;
using System.Globalization;
using SiteStatus.Checking;

namespace SiteStatus.Commands;

/// <summary>
/// The connectivity canary (-CanaryUri): URLs checked first, through the run's own pool, to tell an outage of the sites
/// from an outage of this machine's network.
/// </summary>
internal sealed class Canary
{
    private readonly List<SiteTarget> _targets;

    private Canary(List<SiteTarget> targets) => _targets = targets;

    /// <summary>The canaries to check; null when one is not a URL, with <paramref name="invalid"/> that one and <paramref name="error"/> why.</summary>
    public static Canary? Parse(string[] uris, CheckPolicy policy, out string? invalid, out InputError? error)
    {
        var targets = new List<SiteTarget>();
        foreach (var uri in uris)
        {
            if (SiteTarget.Parse(uri, allowCredential: false, out error, policy) is not { } target)
            {
                invalid = uri;
                return null;
            }

            targets.Add(target);
        }

        invalid = null;
        error = null;
        return new Canary(targets);
    }

    /// <summary>Checks the canaries, at once; null when one is up, else the reason every input will carry as NotRun.</summary>
    /// <param name="pool">The run's pool, empty: every canary comes back before the run goes on, so none is left there to be taken for a result.</param>
    /// <param name="next">Waits for the next finished check of the pool.</param>
    /// <param name="verbose">Writes a -Verbose line; null without -Verbose.</param>
    public string? Check(CheckPool<SiteTarget, ProbeOutcome> pool, Func<Completed<SiteTarget, ProbeOutcome>> next, Action<string>? verbose)
    {
        var failures = new List<string>();
        var up = false;
        var pending = 0;
        foreach (var target in _targets)
        {
            while (pool.IsFull)
            {
                pending--;
                up |= IsUp(next(), failures, verbose);
            }

            pool.Start(target);
            pending++;
        }

        for (; pending > 0; pending--)
        {
            up |= IsUp(next(), failures, verbose);
        }

        if (up)
        {
            return null;
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            "Not checked: no canary (-CanaryUri) was up, so this machine's own network looks down ({0}).",
            string.Join("; ", failures));
    }

    // Whether a canary is up; why not, when it is not.
    private static bool IsUp(Completed<SiteTarget, ProbeOutcome> done, List<string> failures, Action<string>? verbose)
    {
        var outcome = done.Output;
        verbose?.Invoke($"Canary {done.Input.Display}: {outcome?.Failure.ToString() ?? "failed"}: {outcome?.Reason ?? done.Fault?.Message}");
        if (outcome?.Failure == FailureKind.None)
        {
            return true;
        }

        // Its reason ends a sentence of its own; here it sits inside the NotRun reason's parentheses.
        failures.Add($"{done.Input.Display}: {(outcome?.Reason ?? done.Fault?.Message)?.TrimEnd('.')}");
        return false;
    }
}
