using System;
using System.Text.RegularExpressions;

namespace SiteStatus.Checking;

/// <summary>
/// What a header sent with a request may be: a name of RFC 9110's token characters, and a value without a line break
/// or NUL. Headers are added without the runtime's own validation, so a line break in a value would end the header
/// there and start another one of the value's choosing.
/// </summary>
internal static class RequestHeader
{
    private static readonly Regex Token = new("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$", RegexOptions.CultureInvariant);

    /// <summary>Nothing when the header may be sent.</summary>
    /// <exception cref="FormatException">The name is no header name, or the value holds a line break or NUL; the message never quotes the value.</exception>
    public static void Check(string name, string value)
    {
        if (!Token.IsMatch(name))
        {
            throw new FormatException($"'{name}' is not a header name: use letters, digits and - (no spaces).");
        }

        if (value.IndexOfAny(['\r', '\n', '\0']) >= 0)
        {
            throw new FormatException($"the value of the header {name} holds a line break, which would start another header.");
        }
    }
}
