namespace SiteStatus.Export;

/// <summary>Text cut to a number of characters, the cut marked with "…", never inside a surrogate pair.</summary>
internal static class Clip
{
    private const string Cut = "…";

    /// <summary>The start of the text: for reasons and answers, whose beginning says the most.</summary>
    public static string End(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        if (length <= 0)
        {
            return string.Empty;
        }

        var keep = length - 1;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return text.Remove(keep) + Cut;
    }

    /// <summary>The start and the end of the text: for URLs, whose host and last segment say which site it is.</summary>
    public static string Middle(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        if (length <= 0)
        {
            return string.Empty;
        }

        var head = length / 2;
        var tail = length - 1 - head;
        if (head > 0 && char.IsHighSurrogate(text[head - 1]))
        {
            head--;
        }

        if (tail > 0 && char.IsLowSurrogate(text[text.Length - tail]))
        {
            tail--;
        }

        return text.Remove(head, text.Length - head - tail).Insert(head, Cut);
    }
}
