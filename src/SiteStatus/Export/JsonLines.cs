using System.Text;
using SiteStatus.Json;

namespace SiteStatus.Export;

/// <summary>
/// One result as one compact JSON object on one line, for log shippers and jq: the properties' own names, always all
/// of them (null when empty), enums as strings, times in ISO 8601, timing and certificate as nested objects. The
/// fields and their order are <see cref="ResultFields"/>'.
/// </summary>
internal static class JsonLines
{
    public static string Write(ProbeRecord record)
    {
        var text = new StringBuilder(512);
        var json = new JsonWriter(text).StartObject();
        foreach (var field in ResultFields.Of(record))
        {
            field.Write(json.Name(field.Name), record);
        }

        json.EndObject();
        return text.ToString();
    }
}
