using System.Diagnostics.CodeAnalysis;

namespace SirtDesk.Standards.Versions;

/// <summary>
/// A NuGet package version ordered as NuGet.Versioning does (docs "Package versioning", "Version precedence"):
/// <c>Major.Minor[.Patch[.Revision]][-label.label][+metadata]</c>; missing parts are 0 (1.0 = 1.0.0 = 1.0.0.0),
/// a pre-release sorts below its release, labels compare one by one (numeric ones numerically and below text ones,
/// text ones case-insensitively), metadata is ignored.
/// </summary>
[SuppressMessage("Design", "CA1036", Justification = "Ordered by precedence only; equal precedence (1.0 = 1.0.0) is not value equality, so no ==.")]
public sealed class NuGetVersion : IComparable<NuGetVersion>, IComparable
{
    private readonly string[] _parts;
    private readonly string[] _labels;

    private NuGetVersion(string[] parts, string[] labels, string text)
    {
        _parts = parts;
        _labels = labels;
        Text = text;
    }

    public string Text { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out NuGetVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.AsSpan().Trim();
        var plus = s.IndexOf('+');
        if (plus >= 0)
        {
            if (plus == s.Length - 1)
            {
                return false;
            }
            s = s[..plus];
        }
        string[] labels = [];
        var dash = s.IndexOf('-');
        if (dash >= 0)
        {
            labels = s[(dash + 1)..].ToString().Split('.');
            if (labels.Any(l => l.Length == 0 || l.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-')))
            {
                return false;
            }
            s = s[..dash];
        }
        var parts = s.ToString().Split('.');
        if (parts.Length is < 1 or > 4 || parts.Any(p => !Numeric.IsDigits(p) || !int.TryParse(p, out _)))
        {
            return false;
        }
        var full = new string[4];
        for (var i = 0; i < 4; i++)
        {
            full[i] = i < parts.Length ? parts[i] : "0";
        }
        version = new NuGetVersion(full, labels, text);
        return true;
    }

    public int CompareTo(NuGetVersion? other)
    {
        if (other is null)
        {
            return 1;
        }
        for (var i = 0; i < 4; i++)
        {
            var c = Numeric.Compare(_parts[i], other._parts[i]);
            if (c != 0)
            {
                return c;
            }
        }
        if (_labels.Length == 0 || other._labels.Length == 0)
        {
            return Math.Sign(other._labels.Length.CompareTo(_labels.Length));
        }
        return SemVersion.ComparePrerelease(_labels, other._labels, ignoreCase: true);
    }

    public int CompareTo(object? obj) => obj is NuGetVersion v ? CompareTo(v) : throw new ArgumentException("not a NuGet version", nameof(obj));

    public override string ToString() => Text;
}
