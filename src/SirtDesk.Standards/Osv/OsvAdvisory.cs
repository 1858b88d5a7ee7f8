namespace SirtDesk.Standards.Osv;

/// <summary>
/// One OSV record (ossf/osv-schema): the fields SirtDesk uses. <c>details</c>, <c>references</c>, <c>credits</c> and
/// the <c>*_specific</c> objects are skipped when parsing.
/// </summary>
public sealed record OsvAdvisory(
    string Id,
    DateTimeOffset Modified,
    DateTimeOffset? Published,
    DateTimeOffset? Withdrawn,
    IReadOnlyList<string> Aliases,
    string? Summary,
    IReadOnlyList<OsvSeverity> Severity,
    IReadOnlyList<OsvAffected> Affected)
{
    public bool IsWithdrawn => Withdrawn is not null;
}

/// <summary>A <c>severity</c> entry: <c>type</c> (CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu) and <c>score</c> (e.g. a vector).</summary>
public sealed record OsvSeverity(string Type, string Score);

/// <summary>An <c>affected</c> entry: the package, its ranges and its explicit <c>versions</c> list.</summary>
public sealed record OsvAffected(OsvPackage? Package, IReadOnlyList<OsvRange> Ranges, IReadOnlyList<string> Versions, IReadOnlyList<OsvSeverity> Severity);

/// <summary><c>affected[].package</c>: ecosystem (e.g. <c>npm</c>, <c>Debian:12</c>), name and optional purl.</summary>
public sealed record OsvPackage(string Ecosystem, string Name, string? Purl);

public enum OsvRangeType
{
    Semver,
    Ecosystem,
    Git,
}

/// <summary>A range: its type, <c>repo</c> (GIT) and events in the order written.</summary>
public sealed record OsvRange(OsvRangeType Type, string? Repo, IReadOnlyList<OsvEvent> Events);

public enum OsvEventKind
{
    Introduced,
    Fixed,
    LastAffected,
    Limit,
}

/// <summary>One event: exactly one of introduced / fixed / last_affected / limit with its version.</summary>
public sealed record OsvEvent(OsvEventKind Kind, string Version);
