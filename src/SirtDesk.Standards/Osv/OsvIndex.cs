namespace SirtDesk.Standards.Osv;

/// <summary>
/// Advisories indexed by ecosystem and normalised package name for matching purls. Withdrawn advisories are not
/// indexed (they never match); a later record with the same id replaces an earlier one.
/// </summary>
public sealed class OsvIndex
{
    private readonly Dictionary<string, List<Entry>> _byPackage = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OsvAdvisory> _byId = new(StringComparer.Ordinal);

    /// <summary>An affected entry, its event versions parsed when indexed so matching only compares.</summary>
    private sealed record Entry(OsvAdvisory Advisory, OsvCompiledAffected Compiled);

    /// <summary>Number of (non-withdrawn) advisories held.</summary>
    public int Count => _byId.Count;

    public static OsvIndex Build(IEnumerable<OsvAdvisory> advisories)
    {
        ArgumentNullException.ThrowIfNull(advisories);
        var index = new OsvIndex();
        foreach (var a in advisories)
        {
            index.Add(a);
        }
        return index;
    }

    /// <summary>Adds an advisory; a withdrawn one removes any earlier record of its id.</summary>
    public void Add(OsvAdvisory advisory)
    {
        ArgumentNullException.ThrowIfNull(advisory);
        if (_byId.Remove(advisory.Id, out var earlier))
        {
            foreach (var affected in earlier.Affected)
            {
                if (affected.Package is { } p && _byPackage.TryGetValue(OsvEcosystems.Key(p.Ecosystem, p.Name), out var list))
                {
                    list.RemoveAll(e => ReferenceEquals(e.Advisory, earlier));
                }
            }
        }
        if (advisory.IsWithdrawn)
        {
            return;
        }
        _byId[advisory.Id] = advisory;
        foreach (var affected in advisory.Affected)
        {
            if (affected.Package is not { } p)
            {
                continue;
            }
            var key = OsvEcosystems.Key(p.Ecosystem, p.Name);
            if (!_byPackage.TryGetValue(key, out var list))
            {
                list = [];
                _byPackage[key] = list;
            }
            list.Add(new Entry(advisory, new OsvCompiledAffected(affected)));
        }
    }

    public OsvAdvisory? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The ids of the advisories affecting the purl's package at its version, ordinal-sorted, no duplicates.
    /// A purl without a version or without an OSV ecosystem matches nothing.</summary>
    public IReadOnlyList<string> Match(Purl.Purl purl)
    {
        ArgumentNullException.ThrowIfNull(purl);
        if (purl.Version is null || OsvEcosystems.FromPurl(purl) is not { } package)
        {
            return [];
        }
        return Match(package.Ecosystem, package.Name, purl.Version);
    }

    /// <summary>The ids of the advisories affecting an OSV package name at a version.</summary>
    public IReadOnlyList<string> Match(string ecosystem, string name, string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!_byPackage.TryGetValue(OsvEcosystems.Key(ecosystem, name), out var entries))
        {
            return [];
        }
        SortedSet<string>? ids = null;
        var probe = new VersionProbe(version);
        foreach (var entry in entries)
        {
            if ((ids is null || !ids.Contains(entry.Advisory.Id)) && entry.Compiled.IsAffected(probe))
            {
                (ids ??= new SortedSet<string>(StringComparer.Ordinal)).Add(entry.Advisory.Id);
            }
        }
        return ids is null ? [] : [.. ids];
    }
}
