using System.IO.Compression;
using System.Text.Json;

namespace SirtDesk.Tests.Components;

/// <summary>
/// OSV records shaped as the OSV schema documents them (ossf/osv-schema, docs/schema.md "Examples": an npm SEMVER range
/// with introduced/fixed events, aliases to a CVE, a CVSS_V3 severity). Written out as a folder or a zip, as osv.dev publishes.
/// </summary>
public static class OsvData
{
    public static string Advisory(string id, string modified, string ecosystem, string name, string introduced, string? fixedIn,
        string? summary = null, string? cvss = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", string? withdrawn = null, string[]? aliases = null, string rangeType = "SEMVER")
    {
        var events = new List<object> { new { introduced } };
        if (fixedIn is not null)
        {
            events.Add(new { @fixed = fixedIn });
        }
        var record = new Dictionary<string, object?>
        {
            ["schema_version"] = "1.6.0",
            ["id"] = id,
            ["modified"] = modified,
            ["aliases"] = aliases ?? [],
            ["summary"] = summary ?? $"Problem in {name}",
            ["affected"] = new[] { new { package = new { ecosystem, name }, ranges = new[] { new { type = rangeType, events } } } },
        };
        if (cvss is not null)
        {
            record["severity"] = new[] { new { type = cvss.StartsWith("CVSS:4", StringComparison.Ordinal) ? "CVSS_V4" : "CVSS_V3", score = cvss } };
        }
        if (withdrawn is not null)
        {
            record["withdrawn"] = withdrawn;
        }
        return JsonSerializer.Serialize(record);
    }

    public static string Folder(params (string Id, string Json)[] records)
    {
        var dir = Path.Combine(Path.GetTempPath(), "sirtdesk-osv", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var (id, json) in records)
        {
            File.WriteAllText(Path.Combine(dir, id + ".json"), json);
        }
        return dir;
    }

    public static string Zip(params (string Id, string Json)[] records)
    {
        var file = Path.Combine(Path.GetTempPath(), "sirtdesk-osv", Guid.NewGuid().ToString("N") + ".zip");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var zip = ZipFile.Open(file, ZipArchiveMode.Create);
        foreach (var (id, json) in records)
        {
            using var w = new StreamWriter(zip.CreateEntry(id + ".json").Open());
            w.Write(json);
        }
        return file;
    }
}
