using SirtDesk.Standards.Versions;

namespace SirtDesk.Standards.Osv;

/// <summary>
/// Decides whether a version is affected, as the OSV schema's "Evaluation" section defines: a version is affected
/// when it is in <c>versions</c> or inside any range. Per range: with <c>limit</c> events the version must be below
/// some limit; the events, sorted by version (<c>introduced: "0"</c> first), are walked: introduced ≤ v makes it
/// vulnerable, fixed ≤ v makes it not, last_affected &lt; v makes it not. SEMVER ranges use SemVer 2.0 precedence,
/// ECOSYSTEM ranges the ecosystem's ordering (a range of an ecosystem without one is skipped), GIT ranges name
/// commits and are skipped when matching package versions.
/// </summary>
public static class OsvRangeEvaluator
{
    public static bool IsAffected(OsvAffected affected, string version)
    {
        ArgumentNullException.ThrowIfNull(affected);
        ArgumentNullException.ThrowIfNull(version);
        var ecosystem = affected.Package?.Ecosystem ?? "";
        var ecosystemScheme = VersionScheme.ForEcosystem(ecosystem);
        IComparable? semver = null, native = null;
        var semverParsed = false;
        var nativeParsed = false;
        foreach (var range in affected.Ranges)
        {
            VersionScheme? scheme;
            IComparable? v;
            switch (range.Type)
            {
                case OsvRangeType.Semver:
                    scheme = VersionScheme.SemVer;
                    if (!semverParsed)
                    {
                        semver = scheme.Parse(version);
                        semverParsed = true;
                    }
                    v = semver;
                    break;
                case OsvRangeType.Ecosystem when ecosystemScheme is not null:
                    scheme = ecosystemScheme;
                    if (!nativeParsed)
                    {
                        native = scheme.Parse(version);
                        nativeParsed = true;
                    }
                    v = native;
                    break;
                default:
                    continue;
            }
            if (v is not null && InRange(range, scheme, v))
            {
                return true;
            }
        }
        return InVersions(affected.Versions, version, ecosystemScheme);
    }

    /// <summary>Evaluates one SEMVER or ECOSYSTEM range; an event version the scheme cannot read voids the range.</summary>
    public static bool InRange(OsvRange range, VersionScheme scheme, IComparable version)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(version);
        var events = range.Events;
        var parsed = new (OsvEventKind Kind, IComparable? Version)[events.Count];
        var hasLimit = false;
        var belowSomeLimit = false;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            IComparable? at;
            if (e.Kind == OsvEventKind.Introduced && e.Version == "0")
            {
                at = null; // before every version
            }
            else if (e.Kind == OsvEventKind.Limit && e.Version == "*")
            {
                hasLimit = true;
                belowSomeLimit = true;
                parsed[i] = (e.Kind, null);
                continue;
            }
            else
            {
                at = scheme.Parse(e.Version);
                if (at is null)
                {
                    return false;
                }
            }
            if (e.Kind == OsvEventKind.Limit)
            {
                hasLimit = true;
                belowSomeLimit |= version.CompareTo(at) < 0;
            }
            parsed[i] = (e.Kind, at);
        }
        if (hasLimit && !belowSomeLimit)
        {
            return false;
        }
        // Sort by version; "0" sorts first. A stable sort keeps the written order of events at equal versions.
        var order = Enumerable.Range(0, parsed.Length)
            .Where(i => parsed[i].Kind != OsvEventKind.Limit)
            .OrderBy(i => parsed[i].Version, Comparer<IComparable?>.Create(CompareEventVersions))
            .ToList();
        var vulnerable = false;
        foreach (var i in order)
        {
            var (kind, at) = parsed[i];
            switch (kind)
            {
                case OsvEventKind.Introduced when at is null || version.CompareTo(at) >= 0:
                    vulnerable = true;
                    break;
                case OsvEventKind.Fixed when at is not null && version.CompareTo(at) >= 0:
                    vulnerable = false;
                    break;
                case OsvEventKind.LastAffected when at is not null && version.CompareTo(at) > 0:
                    vulnerable = false;
                    break;
                default:
                    break;
            }
        }
        return vulnerable;
    }

    private static int CompareEventVersions(IComparable? a, IComparable? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : a.CompareTo(b);

    /// <summary>
    /// The explicit list: the version as written, or (for an ecosystem with an ordering) one of equal precedence,
    /// so a Go <c>v1.2.3</c> finds <c>1.2.3</c>.
    /// </summary>
    private static bool InVersions(IReadOnlyList<string> versions, string version, VersionScheme? scheme)
    {
        if (versions.Count == 0)
        {
            return false;
        }
        foreach (var listed in versions)
        {
            if (string.Equals(listed, version, StringComparison.Ordinal))
            {
                return true;
            }
        }
        if (scheme is null)
        {
            return false;
        }
        var v = scheme.Parse(version);
        if (v is null)
        {
            return false;
        }
        foreach (var listed in versions)
        {
            var l = scheme.Parse(listed);
            if (l is not null && l.CompareTo(v) == 0)
            {
                return true;
            }
        }
        return false;
    }
}
