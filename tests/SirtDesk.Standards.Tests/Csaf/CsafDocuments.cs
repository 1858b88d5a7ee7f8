using System.Text.Json.Nodes;

namespace SirtDesk.Standards.Tests.Csaf;

/// <summary>The test documents of TestData/csaf (see its SOURCES.md), fresh on each call so a test may edit them.</summary>
internal static class CsafDocuments
{
    public static JsonNode Advisory() => Load("sda-2026-0001.json");

    public static JsonNode CveRecord() => Load("cve-2026-12345.json");

    public static JsonNode Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "csaf", name)))!;

    /// <summary>The node at a JSON Pointer of the document (array indexes as numbers).</summary>
    public static JsonNode At(this JsonNode document, string pointer)
    {
        var node = document;
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node is JsonArray array ? array[int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)]! : node[name]!;
        }
        return node;
    }
}
