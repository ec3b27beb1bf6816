using System;
using System.IO;

namespace SiteStatus.Tests;

/// <summary>Files of the repository the tests read as they are: docs, the module's type data.</summary>
internal static class Repository
{
    /// <summary>The folder of SiteStatus.sln, above the test binaries.</summary>
    public static string Root()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "SiteStatus.sln")))
        {
            folder = folder.Parent ?? throw new InvalidOperationException("SiteStatus.sln not found above the test binaries.");
        }

        return folder.FullName;
    }
}
