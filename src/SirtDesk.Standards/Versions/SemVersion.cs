using System.Diagnostics.CodeAnalysis;

namespace SirtDesk.Standards.Versions;

/// <summary>
/// A Semantic Versioning 2.0.0 version compared by precedence (semver.org §11): major, minor, patch numerically,
/// a pre-release version below its release, pre-release identifiers compared one by one (numeric ones numerically
/// and below alphanumeric ones, alphanumeric ones in ASCII order, a longer set higher when the shorter is its prefix),
/// build metadata ignored. Lenient where OSV data is: a leading <c>v</c> (Go), missing minor/patch (as 0) and
/// leading zeros are accepted.
/// </summary>
[SuppressMessage("Design", "CA1036", Justification = "Ordered by precedence only; equal precedence (1.0 = 1.0.0) is not value equality, so no ==.")]
public sealed class SemVersion : IComparable<SemVersion>, IComparable
{
    private readonly string[] _core;
    private readonly string[] _pre;

    private SemVersion(string[] core, string[] pre, string text)
    {
        _core = core;
        _pre = pre;
        Text = text;
    }

    public string Text { get; }

    public bool IsPrerelease => _pre.Length > 0;

    public static bool TryParse(string? text, [NotNullWhen(true)] out SemVersion? version)
    {
        version = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var s = text.AsSpan();
        if (s[0] is 'v' or 'V')
        {
            s = s[1..];
        }
        var plus = s.IndexOf('+');
        if (plus >= 0)
        {
            if (!ValidIdentifiers(s[(plus + 1)..]))
            {
                return false;
            }
            s = s[..plus];
        }
        string[] pre = [];
        var dash = s.IndexOf('-');
        if (dash >= 0)
        {
            var preText = s[(dash + 1)..];
            if (!ValidIdentifiers(preText))
            {
                return false;
            }
            pre = preText.ToString().Split('.');
            s = s[..dash];
        }
        var core = new string[3];
        var part = 0;
        foreach (var range in s.Split('.'))
        {
            var digits = s[range];
            if (part == 3 || !Numeric.IsDigits(digits))
            {
                return false;
            }
            core[part++] = digits.Length == 1 ? Digit(digits[0]) : digits.ToString();
        }
        for (; part < 3; part++)
        {
            core[part] = "0";
        }
        version = new SemVersion(core, pre, text);
        return true;
    }

    private static readonly string[] Digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    private static string Digit(char c) => Digits[c - '0'];

    private static bool ValidIdentifiers(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }
        var start = true;
        foreach (var c in s)
        {
            if (c == '.')
            {
                if (start)
                {
                    return false;
                }
                start = true;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '-')
            {
                start = false;
            }
            else
            {
                return false;
            }
        }
        return !start;
    }

    public int CompareTo(SemVersion? other)
    {
        if (other is null)
        {
            return 1;
        }
        for (var i = 0; i < 3; i++)
        {
            var c = Numeric.Compare(_core[i], other._core[i]);
            if (c != 0)
            {
                return c;
            }
        }
        if (_pre.Length == 0 || other._pre.Length == 0)
        {
            return Math.Sign(other._pre.Length.CompareTo(_pre.Length));
        }
        return ComparePrerelease(_pre, other._pre, ignoreCase: false);
    }

    internal static int ComparePrerelease(string[] left, string[] right, bool ignoreCase)
    {
        var n = Math.Min(left.Length, right.Length);
        for (var i = 0; i < n; i++)
        {
            var a = left[i];
            var b = right[i];
            var aNum = Numeric.IsDigits(a);
            var bNum = Numeric.IsDigits(b);
            int c;
            if (aNum && bNum)
            {
                c = Numeric.Compare(a, b);
            }
            else if (aNum != bNum)
            {
                c = aNum ? -1 : 1;
            }
            else
            {
                c = Math.Sign(ignoreCase ? string.Compare(a, b, StringComparison.OrdinalIgnoreCase) : string.CompareOrdinal(a, b));
            }
            if (c != 0)
            {
                return c;
            }
        }
        return left.Length.CompareTo(right.Length);
    }

    public int CompareTo(object? obj) => obj is SemVersion s ? CompareTo(s) : throw new ArgumentException("not a SemVer version", nameof(obj));

    public override string ToString() => Text;
}
