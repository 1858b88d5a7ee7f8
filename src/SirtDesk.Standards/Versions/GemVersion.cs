using System.Diagnostics.CodeAnalysis;

namespace SirtDesk.Standards.Versions;

/// <summary>
/// A RubyGems version ordered as <c>Gem::Version#&lt;=&gt;</c> does: the string (a <c>-</c> read as <c>.pre.</c>) is
/// split into numeric and letter segments; trailing zeros of the numeric part and of the part from the first letter
/// segment are insignificant; segments compare one by one, missing ones as 0, a letter segment below a number
/// (so any version with letters is a prerelease below its release), letters in byte order.
/// </summary>
[SuppressMessage("Design", "CA1036", Justification = "Ordered by precedence only; equal precedence (1.0 = 1.0.0) is not value equality, so no ==.")]
public sealed class GemVersion : IComparable<GemVersion>, IComparable
{
    private readonly object[] _canonical;

    private GemVersion(string text, object[] canonical)
    {
        Text = text;
        _canonical = canonical;
    }

    public string Text { get; }

    public bool IsPrerelease => _canonical.Any(s => s is string);

    public static bool TryParse(string? text, [NotNullWhen(true)] out GemVersion? version)
    {
        version = null;
        if (text is null)
        {
            return false;
        }
        var s = text.Trim();
        if (s.Length == 0)
        {
            s = "0";
        }
        // Gem::Version::ANCHORED_VERSION_PATTERN: digits, then .segments of letters/digits, then an optional -pre part.
        if (!char.IsAsciiDigit(s[0]) || s.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '.' && c != '-'))
        {
            return false;
        }
        var dash = s.IndexOf('-', StringComparison.Ordinal);
        var main = dash >= 0 ? s[..dash] : s;
        if (main.Split('.').Any(p => p.Length == 0) || (dash >= 0 && s[(dash + 1)..].Split('.').Any(p => p.Length == 0)))
        {
            return false;
        }
        s = s.Replace("-", ".pre.", StringComparison.Ordinal);

        var segments = new List<object>();
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            if (char.IsAsciiDigit(s[i]))
            {
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }
                segments.Add(System.Numerics.BigInteger.Parse(s.AsSpan(start, i - start), System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (char.IsAsciiLetter(s[i]))
            {
                while (i < s.Length && char.IsAsciiLetter(s[i]))
                {
                    i++;
                }
                segments.Add(s[start..i]);
            }
            else
            {
                i++;
            }
        }
        var firstString = segments.FindIndex(x => x is string);
        var numeric = firstString < 0 ? segments : segments[..firstString];
        var rest = firstString < 0 ? [] : segments[firstString..];
        version = new GemVersion(text, [.. DropTrailingZeros(numeric), .. DropTrailingZeros(rest)]);
        return true;
    }

    private static List<object> DropTrailingZeros(List<object> segments)
    {
        var end = segments.Count;
        while (end > 0 && segments[end - 1] is System.Numerics.BigInteger b && b.IsZero)
        {
            end--;
        }
        return segments[..end];
    }

    public int CompareTo(GemVersion? other)
    {
        if (other is null)
        {
            return 1;
        }
        var n = Math.Max(_canonical.Length, other._canonical.Length);
        for (var i = 0; i < n; i++)
        {
            var l = i < _canonical.Length ? _canonical[i] : System.Numerics.BigInteger.Zero;
            var r = i < other._canonical.Length ? other._canonical[i] : System.Numerics.BigInteger.Zero;
            var c = (l, r) switch
            {
                (string a, string b) => Math.Sign(string.CompareOrdinal(a, b)),
                (string, _) => -1,
                (_, string) => 1,
                _ => ((System.Numerics.BigInteger)l).CompareTo((System.Numerics.BigInteger)r),
            };
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }
        return 0;
    }

    public int CompareTo(object? obj) => obj is GemVersion v ? CompareTo(v) : throw new ArgumentException("not a RubyGems version", nameof(obj));

    public override string ToString() => Text;
}
