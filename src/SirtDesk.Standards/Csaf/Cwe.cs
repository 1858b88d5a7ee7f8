using System.IO.Compression;
using System.Reflection;
using System.Text.Json;

namespace SirtDesk.Standards.Csaf;

/// <summary>
/// The CWE catalogue (weaknesses of CWE 4.17, MITRE; see Data/SOURCES.md) as id → name, the reference of CSAF
/// mandatory test 6.1.11.
/// </summary>
public static class Cwe
{
    private static readonly Lazy<Catalogue> Data = new(Load);

    /// <summary>The CWE list version of the catalogue ("4.17").</summary>
    public static string Version => Data.Value.Version;

    /// <summary>Every id (<c>CWE-79</c>) with its name.</summary>
    public static IReadOnlyDictionary<string, string> Names => Data.Value.Names;

    /// <summary>The catalogue name of <paramref name="id"/> (<c>"CWE-79"</c>, exact case), or false when it is not a known weakness.</summary>
    public static bool TryGetName(string id, out string name)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Data.Value.Names.TryGetValue(id, out var found))
        {
            name = found;
            return true;
        }
        name = "";
        return false;
    }

    private sealed record Catalogue(string Version, IReadOnlyDictionary<string, string> Names);

    private static Catalogue Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SirtDesk.Standards.Csaf.Data.cwe.json.gz")
            ?? throw new InvalidOperationException("embedded CWE catalogue is missing");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(gzip);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in doc.RootElement.GetProperty("names").EnumerateObject())
        {
            names[entry.Name] = entry.Value.GetString()!;
        }
        return new Catalogue(doc.RootElement.GetProperty("version").GetString()!, names);
    }
}
