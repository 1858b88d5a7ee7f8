using System.IO.Compression;

namespace SirtDesk.Components;

/// <summary>Reads the advisories of a folder of OSV JSON files (searched recursively) or of a zip of them, as the OSV project publishes per ecosystem.</summary>
public static class OsvSource
{
    /// <summary>Null when the path is neither a folder nor a readable zip.</summary>
    public static IEnumerable<OsvFile>? Open(string path)
    {
        if (Directory.Exists(path))
        {
            return FromFolder(path);
        }
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            using var probe = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        return FromZip(path);
    }

    private static IEnumerable<OsvFile> FromFolder(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return new OsvFile(Path.GetRelativePath(folder, file), File.ReadAllBytes(file));
        }
    }

    private static IEnumerable<OsvFile> FromZip(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        foreach (var entry in zip.Entries)
        {
            if (!entry.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || entry.Length > 64 * 1024 * 1024)
            {
                continue;
            }
            var bytes = new byte[entry.Length];
            using (var s = entry.Open())
            {
                s.ReadExactly(bytes);
            }
            yield return new OsvFile(entry.FullName, bytes);
        }
    }
}
