using SirtDesk.Standards.Osv;
using SirtDesk.Standards.Versions;

namespace SirtDesk.Standards.Tests.Osv;

/// <summary>
/// The prepared evaluator against a literal transcription of the OSV schema's "Evaluation" pseudo-code
/// (ossf/osv-schema docs/schema.md: <c>is_affected</c> / <c>includes</c>) on seeded random ranges.
/// </summary>
public sealed class OsvEvaluationReferenceTests
{
    private static bool Reference(string version, IReadOnlyList<OsvEvent> events)
    {
        var scheme = VersionScheme.SemVer;
        var v = scheme.Parse(version)!;
        var limits = events.Where(e => e.Kind == OsvEventKind.Limit).ToList();
        if (limits.Count > 0 && !limits.Any(l => l.Version == "*" || v.CompareTo(scheme.Parse(l.Version)) < 0))
        {
            return false;
        }
        // sort_by_version(events): "0" first; a stable sort keeps the written order at equal versions.
        var sorted = events.Where(e => e.Kind != OsvEventKind.Limit)
            .Select((e, i) => (e, i))
            .OrderBy(x => x.e.Version == "0" && x.e.Kind == OsvEventKind.Introduced ? null : scheme.Parse(x.e.Version), Comparer<IComparable?>.Create((a, b) => a is null ? (b is null ? 0 : -1) : b is null ? 1 : a.CompareTo(b)))
            .ThenBy(x => x.i)
            .Select(x => x.e);
        var vulnerable = false;
        foreach (var e in sorted)
        {
            if (e.Kind == OsvEventKind.Introduced && (e.Version == "0" || v.CompareTo(scheme.Parse(e.Version)) >= 0))
            {
                vulnerable = true;
            }
            else if (e.Kind == OsvEventKind.Fixed && v.CompareTo(scheme.Parse(e.Version)) >= 0)
            {
                vulnerable = false;
            }
            else if (e.Kind == OsvEventKind.LastAffected && v.CompareTo(scheme.Parse(e.Version)) > 0)
            {
                vulnerable = false;
            }
        }
        return vulnerable;
    }

    [Fact]
    public void The_prepared_evaluator_agrees_with_the_schema_pseudo_code_on_random_ranges()
    {
        var random = new Random(20261126);
        string Version() => $"{random.Next(0, 4)}.{random.Next(0, 4)}.{random.Next(0, 3)}" + (random.Next(6) == 0 ? "-rc." + random.Next(1, 3) : "");
        for (var round = 0; round < 3000; round++)
        {
            var events = new List<OsvEvent> { new(OsvEventKind.Introduced, random.Next(3) == 0 ? "0" : Version()) };
            var closing = random.Next(2) == 0 ? OsvEventKind.Fixed : OsvEventKind.LastAffected;
            for (var i = random.Next(0, 5); i > 0; i--)
            {
                var kind = random.Next(6) switch { 0 or 1 => OsvEventKind.Introduced, 2 => OsvEventKind.Limit, _ => closing };
                events.Add(new OsvEvent(kind, kind == OsvEventKind.Limit && random.Next(4) == 0 ? "*" : Version()));
            }
            // Written in random order: evaluation must sort.
            events = [.. events.OrderBy(_ => random.Next())];
            var affected = new OsvAffected(new OsvPackage("npm", "p", null), [new OsvRange(OsvRangeType.Semver, null, events)], [], []);
            for (var probe = 0; probe < 8; probe++)
            {
                var version = Version();
                Assert.True(Reference(version, events) == OsvRangeEvaluator.IsAffected(affected, version),
                    $"{version} in [{string.Join(", ", events.Select(e => $"{e.Kind} {e.Version}"))}]");
            }
        }
    }
}
