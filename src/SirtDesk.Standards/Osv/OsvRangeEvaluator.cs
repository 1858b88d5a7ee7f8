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
        return new OsvCompiledAffected(affected).IsAffected(new VersionProbe(version));
    }
}
