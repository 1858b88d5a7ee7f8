using SirtDesk.Standards.Versions;

namespace SirtDesk.Standards.Osv;

/// <summary>
/// An <see cref="OsvAffected"/> prepared for repeated evaluation: event versions parsed once and sorted, ranges
/// that cannot apply to package versions (GIT, unordered ecosystems, unreadable event versions) dropped, the
/// explicit versions in a set. The <c>versions</c> list holds the ecosystem's exact version strings, so it is
/// matched by string equality (as osv-scanner does), except that Go's <c>v</c> prefix, which OSV omits, is ignored.
/// </summary>
public sealed class OsvCompiledAffected
{
    private readonly Range[] _ranges;
    private readonly HashSet<string>? _versions;
    private readonly VersionScheme? _scheme;
    private readonly bool _goStyle;

    private sealed record Range(bool Semver, (OsvEventKind Kind, IComparable? At)[] Events, IComparable[] Limits, bool Unlimited);

    public OsvCompiledAffected(OsvAffected affected)
    {
        ArgumentNullException.ThrowIfNull(affected);
        Source = affected;
        _scheme = VersionScheme.ForEcosystem(affected.Package?.Ecosystem ?? "");
        _versions = affected.Versions.Count > 0 ? new HashSet<string>(affected.Versions, StringComparer.Ordinal) : null;
        _goStyle = OsvEcosystems.BaseEcosystem(affected.Package?.Ecosystem ?? "") == "Go";
        var ranges = new List<Range>(affected.Ranges.Count);
        foreach (var range in affected.Ranges)
        {
            var semver = range.Type == OsvRangeType.Semver;
            var scheme = semver ? VersionScheme.SemVer : range.Type == OsvRangeType.Ecosystem ? _scheme : null;
            if (scheme is not null && Compile(range, scheme, semver) is { } compiled)
            {
                ranges.Add(compiled);
            }
        }
        _ranges = [.. ranges];
    }

    public OsvAffected Source { get; }

    private static Range? Compile(OsvRange range, VersionScheme scheme, bool semver)
    {
        var events = new List<(OsvEventKind, IComparable?)>(range.Events.Count);
        var limits = new List<IComparable>();
        var unlimited = false;
        foreach (var e in range.Events)
        {
            if (e.Kind == OsvEventKind.Limit)
            {
                if (e.Version == "*")
                {
                    unlimited = true;
                }
                else if (scheme.Parse(e.Version) is { } limit)
                {
                    limits.Add(limit);
                }
                else
                {
                    return null;
                }
                continue;
            }
            if (e.Kind == OsvEventKind.Introduced && e.Version == "0")
            {
                events.Add((e.Kind, null));
                continue;
            }
            var at = scheme.Parse(e.Version);
            if (at is null)
            {
                return null;
            }
            events.Add((e.Kind, at));
        }
        var sorted = events.ToArray();
        // Stable insertion sort: event lists are short and usually already in order.
        for (var i = 1; i < sorted.Length; i++)
        {
            var item = sorted[i];
            var j = i - 1;
            while (j >= 0 && Compare(sorted[j].Item2, item.Item2) > 0)
            {
                sorted[j + 1] = sorted[j];
                j--;
            }
            sorted[j + 1] = item;
        }
        return new Range(semver, sorted, [.. limits], unlimited);
    }

    private static int Compare(IComparable? a, IComparable? b) => a is null ? (b is null ? 0 : -1) : b is null ? 1 : a.CompareTo(b);

    /// <summary>Whether the version (parsed lazily through <paramref name="probe"/>) is affected.</summary>
    public bool IsAffected(VersionProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        foreach (var range in _ranges)
        {
            var v = range.Semver ? probe.SemVer : probe.In(_scheme!);
            if (v is not null && InRange(range, v))
            {
                return true;
            }
        }
        return _versions is not null && (_versions.Contains(probe.Text) || (_goStyle && probe.Text.StartsWith('v') && _versions.Contains(probe.Text[1..])));
    }

    private static bool InRange(Range range, IComparable v)
    {
        if (!range.Unlimited && range.Limits.Length > 0)
        {
            var below = false;
            foreach (var limit in range.Limits)
            {
                below |= v.CompareTo(limit) < 0;
            }
            if (!below)
            {
                return false;
            }
        }
        var vulnerable = false;
        foreach (var (kind, at) in range.Events)
        {
            if (at is not null && v.CompareTo(at) < 0)
            {
                break; // sorted: no later event can change the state
            }
            switch (kind)
            {
                case OsvEventKind.Introduced:
                    vulnerable = true;
                    break;
                case OsvEventKind.Fixed:
                    vulnerable = false;
                    break;
                case OsvEventKind.LastAffected when v.CompareTo(at) > 0:
                    vulnerable = false;
                    break;
                default:
                    break;
            }
        }
        return vulnerable;
    }
}

/// <summary>One version being matched, parsed at most once per scheme.</summary>
public sealed class VersionProbe(string text)
{
    private IComparable? _semver;
    private bool _semverDone;
    private VersionScheme? _scheme;
    private IComparable? _native;

    public string Text { get; } = text ?? throw new ArgumentNullException(nameof(text));

    public IComparable? SemVer
    {
        get
        {
            if (!_semverDone)
            {
                _semver = VersionScheme.SemVer.Parse(Text);
                _semverDone = true;
            }
            return _semver;
        }
    }

    public IComparable? In(VersionScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        if (ReferenceEquals(scheme, VersionScheme.SemVer))
        {
            return SemVer;
        }
        if (!ReferenceEquals(_scheme, scheme))
        {
            _native = scheme.Parse(Text);
            _scheme = scheme;
        }
        return _native;
    }
}
