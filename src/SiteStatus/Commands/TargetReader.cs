using System.Collections;
using System.Management.Automation;
using SiteStatus.Checking;

namespace SiteStatus.Commands;

/// <summary>
/// Reads each input as the target to check: its URL parsed once, its part (-Partition) chosen by the URL's host, and
/// its own settings read over the command line's policy. An input that is not a URL, or whose settings cannot be used,
/// is an error of its own; blank lines, comments and the inputs of other parts are passed over. With -Proxy (proxied),
/// a site may not check every address of its host (AllAddresses): the proxy connects for it.
/// </summary>
internal sealed class TargetReader(CheckPolicy policy, Partition? partition, bool allowCredential, bool proxied)
{
    /// <summary>The target to check for <paramref name="input"/>.</summary>
    /// <returns>The target; else null, with <paramref name="error"/> the input's error, or null when it is passed over.</returns>
    public SiteTarget? Read(SiteInput input, out InputError? error)
    {
        error = null;
        if (input.Text is not { } text)
        {
            if (Owned(string.Empty))
            {
                error = MissingUrl(input);
            }

            return null;
        }

        if (SiteTarget.IsIgnorable(text))
        {
            // A blank line or # comment in a list says nothing; an object whose URL is blank is a mistake in that object.
            if (input.Source is not null && text.Trim().Length == 0 && Owned(string.Empty))
            {
                error = new InputError(InputError.InvalidUri, $"The {input.Property} of this object is empty.", null);
            }

            return null;
        }

        // The URL is read once: its host decides the part (-Partition) before the row's own settings are read.
        var parsed = SiteTarget.Parse(text, allowCredential, out var invalid, policy);
        if (!Owned(parsed?.RequestUri.IdnHost ?? text.Trim()))
        {
            return null;
        }

        InputError? settingError = null;
        var own = input.Source is null ? policy : SiteSettings.Read(input.Source, policy, out settingError);
        if (own is null || parsed is null)
        {
            error = settingError ?? invalid!;
            return null;
        }

        if (proxied && own.AllAddresses)
        {
            error = new InputError(SiteSettings.InvalidSiteSetting, "The AllAddresses of this site cannot be used with -Proxy: the proxy connects to the host's address itself.", null);
            return null;
        }

        return parsed.With(own);
    }

    private static InputError MissingUrl(SiteInput input) => new(InputError.InvalidUri, input.Source switch
    {
        null => "The URL is null.",
        IDictionary => "The hashtable has no Uri, Url or Address key.",
        var source => $"'{SiteTarget.Quote(LanguagePrimitives.ConvertTo<string>(source))}' is an object with no Uri, Url or Address property, not a URL.",
    }, null);

    // With -Partition, whether this part checks (or reports) an input: by the host of a URL, so all of a host's URLs fall
    // in one part; else by the input itself, so that one part, always the same, reports it.
    private bool Owned(string key) => partition?.Owns(key) != false;
}
