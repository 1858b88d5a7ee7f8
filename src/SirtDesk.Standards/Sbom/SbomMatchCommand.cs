using System.Text;
using SirtDesk.Standards.CycloneDx;
using SirtDesk.Standards.Osv;

namespace SirtDesk.Standards.Sbom;

/// <summary>
/// The logic of <c>sirtdesk sbom match --sbom FILE --osv PATH</c>: offline, no database. Prints
/// <c>purl&lt;TAB&gt;osv-id</c> per affected component and advisory, the purl as written in the SBOM, lines in
/// ordinal UTF-8 byte order (as <c>LC_ALL=C sort</c>), no duplicates.
/// </summary>
public static class SbomMatchCommand
{
    public const int Ok = 0;
    public const int DataError = 65;
    public const int NoInput = 66;

    /// <summary>Runs the match; returns 0 (also when nothing matches), 65 for a bad SBOM or OSV archive, 66 for a missing input.</summary>
    public static int Run(string sbomPath, string osvPath, Stream stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(sbomPath);
        ArgumentNullException.ThrowIfNull(osvPath);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!File.Exists(sbomPath))
        {
            stderr.WriteLine($"sbom match: no SBOM file at {sbomPath}");
            return NoInput;
        }
        if (!File.Exists(osvPath) && !Directory.Exists(osvPath))
        {
            stderr.WriteLine($"sbom match: no OSV folder or zip at {osvPath}");
            return NoInput;
        }
        SbomParseResult parsed;
        using (var file = File.OpenRead(sbomPath))
        {
            parsed = CycloneDxParser.Parse(file);
        }
        if (parsed.Bom is not { } bom)
        {
            stderr.WriteLine($"sbom match: {sbomPath} is not a valid CycloneDX SBOM: {parsed.Error}");
            return DataError;
        }

        OsvIndex index;
        var skipped = 0;
        string? firstSkip = null;
        try
        {
            var wanted = WantedPackages(bom);
            index = OsvIndex.Build(Relevant(OsvSource.ReadParallel(osvPath), wanted, r =>
            {
                skipped++;
                firstSkip ??= $"{r.Entry}: {r.Error}";
            }));
        }
        catch (Exception e) when (e is InvalidDataException or AggregateException { InnerException: InvalidDataException })
        {
            stderr.WriteLine($"sbom match: {osvPath} is not a zip of OSV files: {(e is AggregateException a ? a.InnerException!.Message : e.Message)}");
            return DataError;
        }
        if (skipped > 0)
        {
            stderr.WriteLine($"sbom match: skipped {skipped} OSV entr{(skipped == 1 ? "y" : "ies")} that are not valid OSV records, first: {firstSkip}");
        }

        var lines = Match(bom, index);
        foreach (var line in lines)
        {
            stdout.Write(line);
            stdout.WriteByte((byte)'\n');
        }
        stdout.Flush();
        return Ok;
    }

    /// <summary>
    /// The output lines of a BOM against an index, as UTF-8 bytes without the newline, sorted ordinally by bytes,
    /// without duplicates.
    /// </summary>
    public static IReadOnlyList<byte[]> Match(CycloneDxBom bom, OsvIndex index)
    {
        ArgumentNullException.ThrowIfNull(bom);
        ArgumentNullException.ThrowIfNull(index);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<byte[]>();
        foreach (var component in bom.Components)
        {
            if (component.Purl is null || component.PurlText is null)
            {
                continue;
            }
            foreach (var id in index.Match(component.Purl))
            {
                var line = component.PurlText + "\t" + id;
                if (seen.Add(line))
                {
                    lines.Add(Encoding.UTF8.GetBytes(line));
                }
            }
        }
        lines.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        return lines;
    }

    private static HashSet<string> WantedPackages(CycloneDxBom bom)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in bom.Components)
        {
            if (c.Purl is not null && OsvEcosystems.FromPurl(c.Purl) is { } p)
            {
                keys.Add(OsvEcosystems.Key(p.Ecosystem, p.Name));
            }
        }
        return keys;
    }

    /// <summary>Keeps advisories touching a package of the SBOM (and withdrawn ones, so a later withdrawal still removes).</summary>
    private static IEnumerable<OsvAdvisory> Relevant(IEnumerable<OsvReadResult> results, HashSet<string> wanted, Action<OsvReadResult> onSkip)
    {
        foreach (var r in results)
        {
            if (r.Advisory is not { } a)
            {
                onSkip(r);
                continue;
            }
            if (a.IsWithdrawn || a.Affected.Any(x => x.Package is { } p && wanted.Contains(OsvEcosystems.Key(p.Ecosystem, p.Name))))
            {
                yield return a;
            }
        }
    }
}
