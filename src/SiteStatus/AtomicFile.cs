using System.IO;
using System.Text;

namespace SiteStatus;

/// <summary>Writes a file so that a reader sees the old or the new content, never a part: a temporary file beside it, then a rename.</summary>
internal static class AtomicFile
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a BOM, exactly as given (line ends included).</summary>
    /// <exception cref="DirectoryNotFoundException">The file's folder does not exist (see <see cref="FolderNotFound"/>); it is never created.</exception>
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
        catch (DirectoryNotFoundException e)
        {
            // The runtime's message names the temporary file, which the caller never asked for.
            throw FolderNotFound(full, e);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The error for a file whose folder does not exist: it names the folder and the file, as the caller gave it.</summary>
    private static DirectoryNotFoundException FolderNotFound(string path, DirectoryNotFoundException inner)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        return new DirectoryNotFoundException(File.Exists(folder)
            ? $"Cannot write '{full}': '{folder}' is a file, not a folder."
            : $"Cannot write '{full}': its folder '{folder}' does not exist.", inner);
    }
}
