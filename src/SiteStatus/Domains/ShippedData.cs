using System;
using System.IO;
using System.Text;

namespace SiteStatus.Domains;

/// <summary>The registry data the module carries inside itself (Domains/Data, embedded), so that no install step fetches it.</summary>
internal static class ShippedData
{
    /// <summary>A file of Domains/Data as UTF-8 text.</summary>
    public static StreamReader Open(string name)
    {
        var stream = typeof(ShippedData).Assembly.GetManifestResourceStream("SiteStatus.Domains.Data." + name)
            ?? throw new InvalidOperationException($"The module was built without its data file {name}.");
        return new StreamReader(stream, Encoding.UTF8);
    }
}
