using System.Text;

namespace SiteStatus.Pages;

/// <summary>Text into HTML: every text the page shows goes through here, in element content and in quoted attributes alike.</summary>
internal static class HtmlText
{
    /// <summary>
    /// Appends <paramref name="text"/> so that it reads as itself: &amp;, &lt;, &gt;, " and ' become references, and a
    /// control character (which HTML does not allow in text) becomes U+FFFD. Safe in content and in double- or
    /// single-quoted attributes.
    /// </summary>
    public static StringBuilder AppendEscaped(this StringBuilder html, string? text)
    {
        if (text is null)
        {
            return html;
        }

        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var replacement = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' or '\n' or '\r' => null,
                < ' ' or '\u007f' => "\ufffd",
                _ => null,
            };
            if (replacement is not null)
            {
                html.Append(text, start, i - start).Append(replacement);
                start = i + 1;
            }
        }

        return html.Append(text, start, text.Length - start);
    }
}
