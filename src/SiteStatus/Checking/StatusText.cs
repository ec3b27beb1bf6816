using System.Net;
using System.Text;

namespace SiteStatus.Checking;

/// <summary>The words for a status code when the server gives none (a status line may end after the code).</summary>
internal static class StatusText
{
    public static string Reason(string? phrase, int code)
    {
        if (!string.IsNullOrWhiteSpace(phrase))
        {
            return phrase!;
        }

        var name = ((HttpStatusCode)code).ToString();
        return name == code.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ? $"HTTP {code} (the server gave no reason phrase)"
            : Words(name);
    }

    // ServiceUnavailable -> Service Unavailable
    private static string Words(string name)
    {
        var words = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(c);
        }

        return words.ToString();
    }
}
