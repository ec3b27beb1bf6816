using System;
using System.IO;
using System.Management.Automation;

namespace SiteStatus.Commands;

/// <summary>
/// A file an export command writes whole (metrics for a collector, a status page): atomically, and a folder, a missing
/// folder or a refusal as the command's terminating error, named by its own ErrorIds.
/// </summary>
/// <param name="notWritten">The ErrorId of a path that cannot be written, or is a folder.</param>
/// <param name="folderNotFound">The ErrorId of a path whose folder does not exist (never made here: it is the reader's configuration).</param>
/// <param name="example">A file name to suggest when the path is a folder.</param>
internal sealed class OutputFile(string notWritten, string folderNotFound, string example)
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> for <paramref name="cmdlet"/>, or stops it with the error that says why not.</summary>
    public void Write(Cmdlet cmdlet, string path, string text)
    {
        if (Directory.Exists(path))
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new IOException($"'{path}' is a folder: give the path of a file in it, such as {Path.Combine(path, example)}."),
                notWritten,
                ErrorCategory.InvalidArgument,
                path));
        }

        try
        {
            AtomicFile.Write(path, text);
        }
        catch (DirectoryNotFoundException e)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(e, folderNotFound, ErrorCategory.ObjectNotFound, path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(e, notWritten, ErrorCategory.WriteError, path));
        }
    }

    /// <summary>The file written, as Get-Item gives it (its PSPath, and the table of a file), for -PassThru.</summary>
    public static void PassThru(PSCmdlet cmdlet, string path) =>
        cmdlet.WriteObject(cmdlet.InvokeProvider.Item.Get([path], force: false, literalPath: true), enumerateCollection: true);
}
