using System.Collections.Generic;

namespace SiteStatus.Pages;

/// <summary>
/// The page's colours for one colour scheme, as #rrggbb. Text and status words are drawn on <see cref="Background"/>
/// at a contrast of at least 4.5:1, and the marks (day bars, dots, the sparkline) at least 3:1, as WCAG 2.2 asks
/// (1.4.3 and 1.4.11); StatusPageTests computes both for each scheme.
/// </summary>
internal sealed record PagePalette(
    string Background,
    string Text,
    string Muted,
    string Link,
    string Border,
    string Up,
    string Partial,
    string Down,
    string Maintenance,
    string NoData)
{
    public static PagePalette Light { get; } = new(
        Background: "#ffffff",
        Text: "#1f2328",
        Muted: "#59636e",
        Link: "#0969da",
        Border: "#d1d9e0",
        Up: "#1a7f37",
        Partial: "#9a6700",
        Down: "#cf222e",
        Maintenance: "#8250df",
        NoData: "#818b98");

    public static PagePalette Dark { get; } = new(
        Background: "#0d1117",
        Text: "#e6edf3",
        Muted: "#9198a1",
        Link: "#4493f8",
        Border: "#3d444d",
        Up: "#3fb950",
        Partial: "#d29922",
        Down: "#f85149",
        Maintenance: "#ab7df8",
        NoData: "#656c76");

    /// <summary>The colours of text, each with its CSS custom property: they must read on the background.</summary>
    public IEnumerable<(string Property, string Colour)> TextColours =>
    [
        ("--text", Text), ("--muted", Muted), ("--link", Link),
        ("--up", Up), ("--partial", Partial), ("--down", Down), ("--maintenance", Maintenance),
    ];

    /// <summary>The colours of marks that carry meaning: they must stand out from the background.</summary>
    public IEnumerable<(string Property, string Colour)> MarkColours => [.. TextColours, ("--nodata", NoData)];

    /// <summary>Every custom property the style sheet uses, as CSS declarations.</summary>
    public string CustomProperties()
    {
        var css = new System.Text.StringBuilder();
        css.Append("--bg:").Append(Background).Append(";--border:").Append(Border).Append(';');
        foreach (var (property, colour) in MarkColours)
        {
            css.Append(property).Append(':').Append(colour).Append(';');
        }

        return css.ToString();
    }
}
