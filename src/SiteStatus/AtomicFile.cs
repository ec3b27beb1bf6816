using System.IO;
using System.Text;

namespace SiteStatus;

/// <summary>Writes a file so that a reader sees the old or the new content, never a part: a temporary file beside it, then a rename.</summary>
internal static class AtomicFile
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a BOM, exactly as given (line ends included).</summary>
    public static void Write(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Path.GetRandomFileName()}.tmp");
        try
        {
            File.WriteAllText(temporary, text, Utf8NoBom);
            if (File.Exists(full))
            {
                File.Replace(temporary, full, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporary, full);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
