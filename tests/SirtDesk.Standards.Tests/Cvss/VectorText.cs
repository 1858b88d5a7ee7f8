using FsCheck;
using FsCheck.Fluent;

namespace SirtDesk.Standards.Tests.Cvss;

/// <summary>A generated vector: the text as written (any order for v2/v3) and its canonical form, built test-side.</summary>
public sealed record GeneratedVector(string Version, string Text, string Canonical)
{
    public override string ToString() => Text;
}

/// <summary>
/// Metric keys and values written test-side from FIRST's JSON schema patterns (vectorString of cvss-v2.0.json,
/// cvss-v3.1.json, cvss-v4.0.json), in the canonical order of the specifications.
/// </summary>
internal static class VectorText
{
    public static readonly (string Key, string[] Values, bool Mandatory)[] V3 =
    [
        ("AV", ["N", "A", "L", "P"], true), ("AC", ["L", "H"], true), ("PR", ["N", "L", "H"], true), ("UI", ["N", "R"], true),
        ("S", ["U", "C"], true), ("C", ["N", "L", "H"], true), ("I", ["N", "L", "H"], true), ("A", ["N", "L", "H"], true),
        ("E", ["X", "U", "P", "F", "H"], false), ("RL", ["X", "O", "T", "W", "U"], false), ("RC", ["X", "U", "R", "C"], false),
        ("CR", ["X", "L", "M", "H"], false), ("IR", ["X", "L", "M", "H"], false), ("AR", ["X", "L", "M", "H"], false),
        ("MAV", ["X", "N", "A", "L", "P"], false), ("MAC", ["X", "L", "H"], false), ("MPR", ["X", "N", "L", "H"], false),
        ("MUI", ["X", "N", "R"], false), ("MS", ["X", "U", "C"], false), ("MC", ["X", "N", "L", "H"], false),
        ("MI", ["X", "N", "L", "H"], false), ("MA", ["X", "N", "L", "H"], false),
    ];

    public static readonly (string Key, string[] Values, bool Mandatory)[] V2 =
    [
        ("AV", ["N", "A", "L"], true), ("AC", ["L", "M", "H"], true), ("Au", ["M", "S", "N"], true),
        ("C", ["N", "P", "C"], true), ("I", ["N", "P", "C"], true), ("A", ["N", "P", "C"], true),
        ("E", ["U", "POC", "F", "H", "ND"], false), ("RL", ["OF", "TF", "W", "U", "ND"], false), ("RC", ["UC", "UR", "C", "ND"], false),
        ("CDP", ["N", "L", "LM", "MH", "H", "ND"], false), ("TD", ["N", "L", "M", "H", "ND"], false),
        ("CR", ["L", "M", "H", "ND"], false), ("IR", ["L", "M", "H", "ND"], false), ("AR", ["L", "M", "H", "ND"], false),
    ];

    public static readonly (string Key, string[] Values, bool Mandatory)[] V4 =
    [
        ("AV", ["N", "A", "L", "P"], true), ("AC", ["L", "H"], true), ("AT", ["N", "P"], true), ("PR", ["N", "L", "H"], true),
        ("UI", ["N", "P", "A"], true), ("VC", ["H", "L", "N"], true), ("VI", ["H", "L", "N"], true), ("VA", ["H", "L", "N"], true),
        ("SC", ["H", "L", "N"], true), ("SI", ["H", "L", "N"], true), ("SA", ["H", "L", "N"], true),
        ("E", ["X", "A", "P", "U"], false), ("CR", ["X", "H", "M", "L"], false), ("IR", ["X", "H", "M", "L"], false), ("AR", ["X", "H", "M", "L"], false),
        ("MAV", ["X", "N", "A", "L", "P"], false), ("MAC", ["X", "L", "H"], false), ("MAT", ["X", "N", "P"], false), ("MPR", ["X", "N", "L", "H"], false),
        ("MUI", ["X", "N", "P", "A"], false), ("MVC", ["X", "N", "L", "H"], false), ("MVI", ["X", "N", "L", "H"], false), ("MVA", ["X", "N", "L", "H"], false),
        ("MSC", ["X", "N", "L", "H"], false), ("MSI", ["X", "N", "L", "H", "S"], false), ("MSA", ["X", "N", "L", "H", "S"], false),
        ("S", ["X", "N", "P"], false), ("AU", ["X", "N", "Y"], false), ("R", ["X", "A", "U", "I"], false), ("V", ["X", "D", "C"], false),
        ("RE", ["X", "L", "M", "H"], false), ("U", ["X", "Clear", "Green", "Amber", "Red"], false),
    ];

    /// <summary>A v3 vector body with all base metrics and each optional metric at even odds, in canonical order.</summary>
    public static string RandomV3Metrics(Random random) =>
        string.Join('/', V3.Where(m => m.Mandatory || random.Next(2) == 0).Select(m => $"{m.Key}:{m.Values[random.Next(m.Values.Length)]}"));

    private static Gen<GeneratedVector> Generate(string version, string prefix, (string Key, string[] Values, bool Mandatory)[] metrics, bool shuffle) =>
        from chosen in Gen.CollectToArray(metrics, m =>
            from present in m.Mandatory ? Gen.Constant(true) : Gen.Elements(true, false)
            from value in Gen.Elements(m.Values)
            select present ? $"{m.Key}:{value}" : null)
        let canonical = chosen.Where(c => c is not null).Cast<string>().ToArray()
        from order in shuffle ? Gen.Shuffle(canonical) : Gen.Constant(canonical)
        select new GeneratedVector(version, prefix + string.Join('/', order), prefix + string.Join('/', canonical));

    public static Gen<GeneratedVector> AnyVector { get; } = Gen.OneOf(
        Generate("2.0", "", V2, shuffle: true),
        Generate("3.0", "CVSS:3.0/", V3, shuffle: true),
        Generate("3.1", "CVSS:3.1/", V3, shuffle: true),
        Generate("4.0", "CVSS:4.0/", V4, shuffle: false));

    public static Gen<GeneratedVector> V3BaseVector { get; } = Generate("3.1", "CVSS:3.1/", [.. V3.Where(m => m.Mandatory)], shuffle: false);
}

/// <summary>Arbitraries for [Property] tests.</summary>
public static class CvssArbitraries
{
    public static Arbitrary<GeneratedVector> Vectors() => VectorText.AnyVector.ToArbitrary();
}
