using System.Globalization;
using SiteStatus.Checking;

namespace SiteStatus;

/// <summary>What the check of a URL found at one address of its host, inside a result of -AllAddresses.</summary>
public sealed class AddressStatus
{
    internal AddressStatus(AddressOutcome outcome)
    {
        Address = outcome.Address;
        Status = outcome.Status;
        StatusCode = outcome.StatusCode;
        Failure = outcome.Failure;
        Reason = outcome.Reason;
        ResponseTimeMs = outcome.Elapsed.TotalMilliseconds;
        RemoteAddress = outcome.RemoteAddress;
    }

    /// <summary>The address checked: an A or AAAA record of the host, such as 192.0.2.10 or 2001:db8::10.</summary>
    public string Address { get; }

    /// <summary>Up, Flaky (up after a retry), Down, or NotRun (the run's deadline passed before it was checked).</summary>
    public SiteState Status { get; }

    /// <summary>The final HTTP status there; null when no response came.</summary>
    public int? StatusCode { get; }

    /// <summary>Why it was not up there; None when it was.</summary>
    public FailureKind Failure { get; }

    /// <summary>What happened there, in words.</summary>
    public string Reason { get; }

    /// <summary>How long the check at this address took, redirects and retries included, in milliseconds.</summary>
    public double ResponseTimeMs { get; }

    /// <summary>The address of the last connection made for it: the address itself, or another host's after a redirect there; null when none was made.</summary>
    public string? RemoteAddress { get; }

    /// <summary>The address and what it gave, as a list shows it: "::1: Down (ConnectionRefused)", "127.0.0.1: Up 200".</summary>
    public override string ToString()
    {
        var code = StatusCode is { } status ? " " + status.ToString(CultureInfo.InvariantCulture) : string.Empty;
        var failure = Failure == FailureKind.None ? string.Empty : $" ({Failure})";
        return $"{Address}: {Status}{code}{failure}";
    }
}
