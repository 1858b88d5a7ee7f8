using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace SirtDesk.Standards.Versions;

/// <summary>
/// A Python package version ordered as PEP 440 defines: epoch, release (trailing zeros insignificant), then
/// dev &lt; pre (a &lt; b &lt; rc) &lt; final &lt; post; a dev release sorts before the release it qualifies; local labels sort
/// after the public version, segment by segment (numbers above strings). Accepts the spellings PEP 440's
/// normalisation rules allow (case, <c>v</c> prefix, alpha/beta/c/pre/preview, rev/r, separators, implicit numbers).
/// </summary>
[SuppressMessage("Design", "CA1036", Justification = "Ordered by precedence only; equal precedence (1.0 = 1.0.0) is not value equality, so no ==.")]
public sealed partial class Pep440Version : IComparable<Pep440Version>, IComparable
{
    // PEP 440 Appendix B's VERSION_PATTERN (the regular expression that accepts every permitted spelling).
    [GeneratedRegex(@"^\s*v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\.[0-9]+)*)(?<pre>[-_\.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_\.]?(?<pre_n>[0-9]+)?)?(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_\.]?(?<post_l>post|rev|r)[-_\.]?(?<post_n2>[0-9]+)?))?(?<dev>[-_\.]?(?<dev_l>dev)[-_\.]?(?<dev_n>[0-9]+)?)?)(?:\+(?<local>[a-z0-9]+(?:[-_\.][a-z0-9]+)*))?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();

    private readonly string _epoch;
    private readonly string[] _release;
    private readonly int _preKind; // 0 = a, 1 = b, 2 = rc
    private readonly string? _pre;
    private readonly string? _post;
    private readonly string? _dev;
    private readonly string[]? _local;

    private Pep440Version(string text, string epoch, string[] release, int preKind, string? pre, string? post, string? dev, string[]? local)
    {
        Text = text;
        _epoch = epoch;
        _release = release;
        _preKind = preKind;
        _pre = pre;
        _post = post;
        _dev = dev;
        _local = local;
    }

    public string Text { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out Pep440Version? version)
    {
        version = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var m = Pattern().Match(text);
        if (!m.Success)
        {
            return false;
        }
        var release = m.Groups["release"].Value.Split('.');
        var end = release.Length;
        while (end > 1 && Numeric.Compare(release[end - 1], "0") == 0)
        {
            end--;
        }
        release = release[..end];
        var preKind = 0;
        string? pre = null;
        if (m.Groups["pre"].Success)
        {
            preKind = m.Groups["pre_l"].Value.ToLowerInvariant() switch
            {
                "a" or "alpha" => 0,
                "b" or "beta" => 1,
                _ => 2,
            };
            pre = m.Groups["pre_n"].Success ? m.Groups["pre_n"].Value : "0";
        }
        string? post = null;
        if (m.Groups["post"].Success)
        {
            post = m.Groups["post_n1"].Success ? m.Groups["post_n1"].Value : m.Groups["post_n2"].Success ? m.Groups["post_n2"].Value : "0";
        }
        string? dev = m.Groups["dev"].Success ? (m.Groups["dev_n"].Success ? m.Groups["dev_n"].Value : "0") : null;
        string[]? local = m.Groups["local"].Success ? m.Groups["local"].Value.ToLowerInvariant().Split('-', '_', '.') : null;
        version = new Pep440Version(text, m.Groups["epoch"].Success ? m.Groups["epoch"].Value : "0", release, preKind, pre, post, dev, local);
        return true;
    }

    public int CompareTo(Pep440Version? other)
    {
        if (other is null)
        {
            return 1;
        }
        var c = Numeric.Compare(_epoch, other._epoch);
        if (c != 0)
        {
            return c;
        }
        var n = Math.Max(_release.Length, other._release.Length);
        for (var i = 0; i < n; i++)
        {
            c = Numeric.Compare(i < _release.Length ? _release[i] : "0", i < other._release.Length ? other._release[i] : "0");
            if (c != 0)
            {
                return c;
            }
        }
        c = PreKey().CompareTo(other.PreKey());
        if (c == 0 && _pre is not null && other._pre is not null)
        {
            c = Numeric.Compare(_pre, other._pre);
        }
        if (c != 0)
        {
            return Math.Sign(c);
        }
        // No post release sorts below any post release.
        c = CompareOptional(_post, other._post, missingIsLow: true);
        if (c != 0)
        {
            return c;
        }
        // No dev release sorts above any dev release.
        c = CompareOptional(_dev, other._dev, missingIsLow: false);
        if (c != 0)
        {
            return c;
        }
        return CompareLocal(_local, other._local);
    }

    /// <summary>
    /// The pre-release position: a bare dev release (1.0.dev1, no pre or post part) sorts before every pre-release
    /// of its release, and a release without a pre-release sorts after all of them.
    /// </summary>
    private int PreKey()
    {
        if (_pre is null && _post is null && _dev is not null)
        {
            return -1;
        }
        return _pre is null ? 3 : _preKind;
    }

    private static int CompareOptional(string? a, string? b, bool missingIsLow)
    {
        if (a is null && b is null)
        {
            return 0;
        }
        if (a is null || b is null)
        {
            var aMissing = a is null ? -1 : 1;
            return missingIsLow ? aMissing : -aMissing;
        }
        return Numeric.Compare(a, b);
    }

    private static int CompareLocal(string[]? a, string[]? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var aNum = Numeric.IsDigits(a[i]);
            var bNum = Numeric.IsDigits(b[i]);
            var c = aNum && bNum ? Numeric.Compare(a[i], b[i])
                : aNum != bNum ? (aNum ? 1 : -1)
                : Math.Sign(string.CompareOrdinal(a[i], b[i]));
            if (c != 0)
            {
                return c;
            }
        }
        return a.Length.CompareTo(b.Length);
    }

    public int CompareTo(object? obj) => obj is Pep440Version v ? CompareTo(v) : throw new ArgumentException("not a PEP 440 version", nameof(obj));

    public override string ToString() => Text;
}
