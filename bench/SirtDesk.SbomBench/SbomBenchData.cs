using System.IO.Compression;
using System.Text.Json;

namespace SirtDesk.SbomBench;

/// <summary>Where <see cref="SbomBenchData.Generate"/> put its files.</summary>
public sealed record SbomBenchFiles(string Sbom, string OsvFolder, string OsvZip, int Components, int Advisories)
{
    public static SbomBenchFiles In(string dir) =>
        new(Path.Combine(dir, "sbom.json"), Path.Combine(dir, "osv"), Path.Combine(dir, "osv.zip"), 0, 0);
}

/// <summary>
/// Synthetic, deterministic test data for SBOM matching (issue 8): a CycloneDX 1.6 SBOM across npm, PyPI, Maven, Go
/// and NuGet, and OSV advisories for packages of the same name pool written both as a folder (one subfolder per
/// ecosystem, as osv.dev's per-ecosystem exports) and as one zip. Range shapes follow what osv.dev serves:
/// mostly <c>introduced 0 / fixed</c>, also introduced/fixed windows, several windows in one range,
/// <c>last_affected</c>, unfixed ranges, <c>limit</c>, ECOSYSTEM ranges with long explicit <c>versions</c> lists
/// (PyPI/Maven), extra GIT ranges, a few withdrawn records; popular packages carry many advisories (Zipf-like).
/// Reusable: other benchmarks (the database import) call <see cref="Generate"/> or run <c>--generate DIR</c>.
/// </summary>
public static class SbomBenchData
{
    private static readonly string[] Ecosystems = ["npm", "PyPI", "Maven", "Go", "NuGet"];

    public static SbomBenchFiles Generate(string dir, int components = 10_000, int advisories = 200_000, int packagesPerEcosystem = 12_000, int seed = 8)
    {
        ArgumentNullException.ThrowIfNull(dir);
        Directory.CreateDirectory(dir);
        var files = SbomBenchFiles.In(dir) with { Components = components, Advisories = advisories };
        var random = new Random(seed);
        WriteSbom(files.Sbom, components, packagesPerEcosystem, random);
        WriteAdvisories(files, advisories, packagesPerEcosystem, random);
        return files;
    }

    /// <summary>Package i of an ecosystem: (OSV name, purl without version, version prefix style).</summary>
    private static (string OsvName, string PurlBase) Package(string ecosystem, int i) => ecosystem switch
    {
        "npm" => i % 5 == 0 ? ($"@scope{i % 97}/pkg-{i}", $"pkg:npm/%40scope{i % 97}/pkg-{i}") : ($"pkg-{i}", $"pkg:npm/pkg-{i}"),
        // PyPI names as published (mixed case, underscores, dots); the purl carries the normalised form.
        "PyPI" => i % 3 == 0 ? ($"Py_Package.{i}", $"pkg:pypi/py-package.{i}") : ($"pypkg-{i}", $"pkg:pypi/pypkg-{i}"),
        "Maven" => ($"org.example{i % 211}:artifact-{i}", $"pkg:maven/org.example{i % 211}/artifact-{i}"),
        "Go" => ($"github.com/org{i % 331}/mod{i}", $"pkg:golang/github.com/org{i % 331}/mod{i}"),
        _ => ($"Example.Package{i}", $"pkg:nuget/Example.Package{i}"),
    };

    private static string Version(string ecosystem, int major, int minor, int patch, Random r)
    {
        var core = $"{major}.{minor}.{patch}";
        var roll = r.Next(100);
        return ecosystem switch
        {
            "npm" when roll < 5 => core + "-beta." + r.Next(1, 5),
            "PyPI" when roll < 4 => core + "rc" + r.Next(1, 3),
            "PyPI" when roll < 6 => core + ".post1",
            "Maven" when roll < 4 => core + "-RC" + r.Next(1, 3),
            "Maven" when roll < 8 => core + ".Final",
            "NuGet" when roll < 4 => core + "-preview." + r.Next(1, 9),
            _ => core,
        };
    }

    /// <summary>A Zipf-like package index: low indexes are popular.</summary>
    private static int PopularPackage(Random r, int packages) => (int)Math.Min(packages - 1, Math.Floor(packages * Math.Pow(r.NextDouble(), 2.2)));

    private static void WriteSbom(string path, int components, int packages, Random r)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        w.WriteStartObject();
        w.WriteString("bomFormat", "CycloneDX");
        w.WriteString("specVersion", "1.6");
        w.WriteString("serialNumber", "urn:uuid:00000000-0000-4000-8000-000000000008");
        w.WriteNumber("version", 1);
        w.WriteStartObject("metadata");
        w.WriteStartObject("component");
        w.WriteString("type", "application");
        w.WriteString("bom-ref", "product");
        w.WriteString("name", "benchmark-product");
        w.WriteString("version", "1.0.0");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("components");
        var used = new HashSet<string>(StringComparer.Ordinal);
        var written = 0;
        while (written < components)
        {
            var eco = Ecosystems[written % Ecosystems.Length];
            var (_, purlBase) = Package(eco, PopularPackage(r, packages));
            var version = Version(eco, r.Next(0, 6), r.Next(0, 21), r.Next(0, 31), r);
            var purlVersion = eco == "Go" ? "v" + version : version;
            var purl = $"{purlBase}@{purlVersion}";
            if (!used.Add(purl))
            {
                continue;
            }
            // Every tenth component carries two nested children, as bundled dependencies do.
            WriteComponent(w, $"c{written}", purl, purlVersion, nested: written % 10 == 0 && written + 3 <= components ? 2 : 0, r, packages, used, ref written);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter w, string bomRef, string purl, string version, int nested, Random r, int packages, HashSet<string> used, ref int written)
    {
        w.WriteStartObject();
        w.WriteString("type", "library");
        w.WriteString("bom-ref", bomRef);
        var slash = purl.LastIndexOf('/');
        w.WriteString("name", purl[(slash + 1)..purl.LastIndexOf('@')]);
        w.WriteString("version", version);
        w.WriteString("purl", purl);
        written++;
        if (nested > 0)
        {
            w.WriteStartArray("components");
            var made = 0;
            while (made < nested)
            {
                var eco = Ecosystems[(written + made) % Ecosystems.Length];
                var (_, childBase) = Package(eco, PopularPackage(r, packages));
                var v = Version(eco, r.Next(0, 6), r.Next(0, 21), r.Next(0, 31), r);
                var pv = eco == "Go" ? "v" + v : v;
                var childPurl = $"{childBase}@{pv}";
                if (!used.Add(childPurl))
                {
                    continue;
                }
                WriteComponent(w, $"c{written}", childPurl, pv, 0, r, packages, used, ref written);
                made++;
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteAdvisories(SbomBenchFiles files, int count, int packages, Random r)
    {
        foreach (var eco in Ecosystems)
        {
            Directory.CreateDirectory(Path.Combine(files.OsvFolder, eco));
        }
        using var zipStream = File.Create(files.OsvZip);
        using var zip = new ZipArchive(zipStream, ZipArchiveMode.Create);
        var buffer = new MemoryStream();
        for (var n = 0; n < count; n++)
        {
            var eco = Ecosystems[r.Next(Ecosystems.Length)];
            var id = $"BENCH-{eco.ToUpperInvariant()}-{n:D7}";
            buffer.SetLength(0);
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                WriteAdvisory(w, id, eco, packages, r);
            }
            var bytes = buffer.ToArray();
            File.WriteAllBytes(Path.Combine(files.OsvFolder, eco, id + ".json"), bytes);
            var entry = zip.CreateEntry(eco + "/" + id + ".json", CompressionLevel.Fastest);
            using var es = entry.Open();
            es.Write(bytes);
        }
    }

    private static readonly string Details = string.Concat(Enumerable.Repeat("An attacker who can supply crafted input can cause the parser to read past the end of a buffer. ", 5));

    private static void WriteAdvisory(Utf8JsonWriter w, string id, string eco, int packages, Random r)
    {
        var (name, _) = Package(eco, PopularPackage(r, packages));
        w.WriteStartObject();
        w.WriteString("schema_version", "1.6.0");
        w.WriteString("id", id);
        var day = new DateTime(2018, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(r.Next(0, 3000)).AddSeconds(r.Next(86400));
        w.WriteString("modified", day.AddDays(r.Next(0, 200)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("published", day.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        if (r.Next(100) == 0)
        {
            w.WriteString("withdrawn", day.AddDays(300).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }
        w.WriteStartArray("aliases");
        w.WriteStringValue($"CVE-{day.Year}-{r.Next(1000, 60000)}");
        w.WriteEndArray();
        w.WriteString("summary", $"Out-of-bounds read in {name}");
        w.WriteString("details", Details);
        w.WriteStartArray("severity");
        w.WriteStartObject();
        w.WriteString("type", "CVSS_V3");
        w.WriteString("score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("affected");
        w.WriteStartObject();
        w.WriteStartObject("package");
        w.WriteString("ecosystem", eco);
        w.WriteString("name", name);
        w.WriteEndObject();
        WriteRanges(w, eco, r);
        w.WriteStartObject("database_specific");
        w.WriteString("source", "synthetic");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("references");
        w.WriteStartObject();
        w.WriteString("type", "ADVISORY");
        w.WriteString("url", $"https://example.org/advisories/{id}");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRanges(Utf8JsonWriter w, string eco, Random r)
    {
        var semverType = eco is "npm" or "Go";
        var type = semverType ? "SEMVER" : "ECOSYSTEM";
        var (fixMajor, fixMinor, fixPatch) = (r.Next(0, 6), r.Next(0, 21), r.Next(1, 31));
        string Fix() => $"{fixMajor}.{fixMinor}.{fixPatch}";
        var shape = r.Next(100);
        w.WriteStartArray("ranges");
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteStartArray("events");
        if (shape < 55)
        {
            Event(w, "introduced", "0");
            Event(w, "fixed", Fix());
        }
        else if (shape < 75)
        {
            Event(w, "introduced", $"{Math.Max(0, fixMajor - 1)}.{r.Next(0, 10)}.0");
            Event(w, "fixed", Fix());
        }
        else if (shape < 85)
        {
            // Backported fixes: several windows in one range.
            for (var major = 0; major <= 3; major++)
            {
                Event(w, "introduced", $"{major}.0.0");
                Event(w, "fixed", $"{major}.{r.Next(0, 21)}.{r.Next(1, 31)}");
            }
        }
        else if (shape < 93)
        {
            Event(w, "introduced", "0");
            Event(w, "last_affected", Fix());
        }
        else if (shape < 96)
        {
            Event(w, "introduced", "0"); // no fix yet
        }
        else
        {
            Event(w, "introduced", "1.0.0");
            Event(w, "limit", $"{fixMajor + 2}.0.0");
        }
        w.WriteEndArray();
        w.WriteEndObject();
        if (r.Next(100) < 5)
        {
            w.WriteStartObject();
            w.WriteString("type", "GIT");
            w.WriteString("repo", "https://github.com/example/project");
            w.WriteStartArray("events");
            Event(w, "introduced", "0");
            Event(w, "fixed", "6d4c3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d");
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        // osv.dev lists every affected version for ECOSYSTEM ranges of PyPI and Maven.
        if (eco is "PyPI" or "Maven" && shape < 75)
        {
            w.WriteStartArray("versions");
            var n = fixMajor == 0 && fixMinor == 0 ? 0 : r.Next(5, 60);
            for (var i = 0; i < n; i++)
            {
                var major = r.Next(0, fixMajor + 1);
                var minor = major < fixMajor ? r.Next(0, 21) : r.Next(0, Math.Max(1, fixMinor));
                w.WriteStringValue($"{major}.{minor}.{r.Next(0, 31)}");
            }
            w.WriteEndArray();
        }
    }

    private static void Event(Utf8JsonWriter w, string kind, string version)
    {
        w.WriteStartObject();
        w.WriteString(kind, version);
        w.WriteEndObject();
    }
}
