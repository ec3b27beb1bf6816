using System;

namespace SiteStatus.Domains;

/// <summary>
/// What is known of when a site's domain registration expires: the registrable domain, the registry's expiration date
/// and where it came from; or, when it is not known, why (<see cref="Unknown"/>). Never a date the registry did not give.
/// </summary>
internal sealed record DomainExpiry
{
    /// <summary>The registrable domain asked for (example.com.br for shop.example.com.br); null when the host has none.</summary>
    public string? Domain { get; init; }

    /// <summary>The expiration date the registry gave; null when it is not known.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>Why <see cref="Expires"/> is not known, in words; null when it is.</summary>
    public string? Unknown { get; init; }

    /// <summary>The RDAP server asked, as its base URL; null when none was.</summary>
    public Uri? Server { get; init; }

    /// <summary>When the registry was asked; the cache refreshes from this.</summary>
    public DateTimeOffset CheckedAt { get; init; }

    public static DomainExpiry NotKnown(string? domain, string reason, Uri? server, DateTimeOffset checkedAt) =>
        new() { Domain = domain, Unknown = reason, Server = server, CheckedAt = checkedAt };

    /// <summary>Whole days from <paramref name="now"/> to the expiry, as a certificate's days are counted (negative once past); null when unknown.</summary>
    public int? DaysLeft(DateTimeOffset now) => Expires is { } expires ? (int)Math.Floor((expires - now).TotalDays) : null;
}
