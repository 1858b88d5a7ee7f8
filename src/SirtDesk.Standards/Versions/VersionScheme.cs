namespace SirtDesk.Standards.Versions;

/// <summary>
/// An ecosystem's version ordering. <see cref="Parse"/> gives a value comparable with values of the same scheme,
/// or null when the text is not a version of this scheme (such a version then only matches explicit lists).
/// </summary>
public abstract class VersionScheme
{
    public abstract string Name { get; }

    public abstract IComparable? Parse(string text);

    /// <summary>Compares two version strings; null when either is not a version of this scheme.</summary>
    public int? Compare(string left, string right)
    {
        var l = Parse(left);
        var r = Parse(right);
        return l is null || r is null ? null : Math.Sign(l.CompareTo(r));
    }

    /// <summary>SemVer 2.0 precedence (semver.org §11); a leading <c>v</c> (Go) is accepted, build metadata ignored.</summary>
    public static VersionScheme SemVer { get; } = new Scheme("SemVer", t => SemVersion.TryParse(t, out var v) ? v : null);

    /// <summary>NuGet.Versioning ordering (up to four numeric parts, case-insensitive labels).</summary>
    public static VersionScheme NuGet { get; } = new Scheme("NuGet", t => NuGetVersion.TryParse(t, out var v) ? v : null);

    /// <summary>Maven's ComparableVersion ordering.</summary>
    public static VersionScheme Maven { get; } = new Scheme("Maven", t => MavenVersion.TryParse(t, out var v) ? v : null);

    /// <summary>PEP 440 ordering (PyPI).</summary>
    public static VersionScheme Pep440 { get; } = new Scheme("PEP 440", t => Pep440Version.TryParse(t, out var v) ? v : null);

    /// <summary>RubyGems' Gem::Version ordering.</summary>
    public static VersionScheme RubyGems { get; } = new Scheme("RubyGems", t => GemVersion.TryParse(t, out var v) ? v : null);

    /// <summary>
    /// The ordering of an OSV ecosystem's ECOSYSTEM ranges (the part before any <c>:</c> suffix), or null for
    /// ecosystems whose ordering SirtDesk does not implement.
    /// </summary>
    public static VersionScheme? ForEcosystem(string ecosystem)
    {
        ArgumentNullException.ThrowIfNull(ecosystem);
        var colon = ecosystem.IndexOf(':', StringComparison.Ordinal);
        var baseName = colon >= 0 ? ecosystem[..colon] : ecosystem;
        return baseName switch
        {
            "npm" or "Go" or "crates.io" => SemVer,
            "NuGet" => NuGet,
            "Maven" => Maven,
            "PyPI" => Pep440,
            "RubyGems" => RubyGems,
            _ => null,
        };
    }

    private sealed class Scheme(string name, Func<string, IComparable?> parse) : VersionScheme
    {
        public override string Name => name;

        public override IComparable? Parse(string text) => text is null ? null : parse(text);
    }
}

internal static class Numeric
{
    /// <summary>Compares two runs of ASCII digits as unbounded non-negative integers.</summary>
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        if (a.Length != b.Length)
        {
            return a.Length < b.Length ? -1 : 1;
        }
        return Math.Sign(a.SequenceCompareTo(b));
    }

    public static bool IsDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
