using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SirtDesk.Standards.Csaf;

internal static partial class MandatoryTests
{
    // 6.1.14 to 6.1.22 and 6.1.30: the document version and the revision history.
    private static void Tracking(Doc doc, Action<string, string, string> fail)
    {
        var tracking = doc.Root.P("document").P("tracking");
        var status = Doc.Str(tracking.P("status"));
        var released = status is "final" or "interim";
        var versionText = Doc.Str(tracking.P("version"));
        var version = versionText is null ? null : DocVersion.Parse(versionText);
        var revisions = Doc.Items(tracking.P("revision_history"))
            .Select(r => (Number: Doc.Str(r.Item["number"]), Version: Doc.Str(r.Item["number"]) is { } n ? DocVersion.Parse(n) : null,
                Date: Doc.Date(r.Item["date"]), Pointer: $"/document/tracking/revision_history/{r.Index}/number"))
            .ToList();
        var parsed = revisions.Where(r => r.Version is not null).Select(r => (Version: r.Version!, r.Date, r.Pointer, Number: r.Number!)).ToList();

        // 6.1.30: one versioning scheme for the whole document, the one of /document/tracking/version.
        var integer = version?.IsInteger ?? parsed.FirstOrDefault().Version?.IsInteger;
        var homogeneous = true;
        if (integer is { } scheme)
        {
            foreach (var r in parsed.Where(r => r.Version.IsInteger != scheme))
            {
                homogeneous = false;
                fail("6.1.30", r.Pointer, scheme
                    ? "this revision uses semantic versioning but the document uses integer versioning"
                    : "this revision uses integer versioning but the document uses semantic versioning");
            }
        }

        // 6.1.14: sorted by date, the numbers ascend.
        var byDate = parsed.Where(r => r.Date is not null).OrderBy(r => r.Date).ToList();
        if (homogeneous)
        {
            for (var i = 1; i < byDate.Count; i++)
            {
                if (byDate[i].Date != byDate[i - 1].Date && DocVersion.Compare(byDate[i - 1].Version, byDate[i].Version) > 0)
                {
                    fail("6.1.14", byDate[i].Pointer, "sorted by date, the revision numbers do not ascend");
                }
            }
        }

        // 6.1.16: the version is the number of the latest revision.
        if (version is not null && parsed.Count > 0)
        {
            var latest = parsed.OrderBy(r => r.Date ?? DateTimeOffset.MinValue).ThenBy(r => r.Version, DocVersion.Comparer).Last().Version;
            if (!DocVersion.SameRelease(version, latest, ignorePreRelease: status == "draft"))
            {
                fail("6.1.16", "/document/tracking/version", "version does not match the latest revision");
            }
        }

        // 6.1.17: version 0, 0.y.z or a pre-release needs status draft.
        if (version is not null && (version.Major.IsZero || version.PreRelease is not null) && status is not null && status != "draft")
        {
            fail("6.1.17", "/document/tracking/status", $"version {versionText} is a pre-release, so the status must be draft");
        }

        foreach (var r in parsed)
        {
            // 6.1.18: a released document has no revision 0 or 0.y.z.
            if (released && r.Version.Major.IsZero)
            {
                fail("6.1.18", r.Pointer, $"a {status} document must not list the pre-release revision {r.Number}");
            }
            // 6.1.19: no revision is a pre-release.
            if (r.Version.PreRelease is not null)
            {
                fail("6.1.19", r.Pointer, $"revision {r.Number} carries a pre-release part");
            }
        }

        // 6.1.20: a released document's version has no pre-release part.
        if (released && version?.PreRelease is not null)
        {
            fail("6.1.20", "/document/tracking/version", $"a {status} document's version must not carry a pre-release part");
        }

        // 6.1.21: sorted by number, no (major) version is missing and the first is 0 or 1.
        if (homogeneous && parsed.Count > 0)
        {
            var byNumber = parsed.OrderBy(r => r.Version, DocVersion.Comparer).ToList();
            if (byNumber[0].Version.Major > BigInteger.One)
            {
                fail("6.1.21", byNumber[0].Pointer, $"the revision history starts with {byNumber[0].Number}, not with 0 or 1");
            }
            for (var i = 1; i < byNumber.Count; i++)
            {
                if (byNumber[i].Version.Major > byNumber[i - 1].Version.Major + 1)
                {
                    fail("6.1.21", byNumber[i].Pointer, $"the revision history misses the version(s) between {byNumber[i - 1].Number} and {byNumber[i].Number}");
                }
            }
        }

        // 6.1.22: no number twice.
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in revisions)
        {
            if (r.Number is not null && !numbers.Add(r.Number))
            {
                fail("6.1.22", r.Pointer, $"revision {r.Number} is listed more than once");
            }
        }
    }
}

/// <summary>A CSAF <c>version_t</c>: integer versioning or Semantic Versioning 2.0.0.</summary>
internal sealed partial record DocVersion(bool IsInteger, BigInteger Major, BigInteger Minor, BigInteger Patch, string? PreRelease)
{
    public static IComparer<DocVersion> Comparer { get; } = Comparer<DocVersion>.Create(Compare);

    public static DocVersion? Parse(string text)
    {
        if (IntegerPattern().IsMatch(text))
        {
            return new DocVersion(true, BigInteger.Parse(text, System.Globalization.CultureInfo.InvariantCulture), 0, 0, null);
        }
        var m = SemVerPattern().Match(text);
        if (!m.Success)
        {
            return null;
        }
        BigInteger N(string group) => BigInteger.Parse(m.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
        return new DocVersion(false, N("major"), N("minor"), N("patch"), m.Groups["pre"].Success ? m.Groups["pre"].Value : null);
    }

    /// <summary>Semantic Versioning precedence (build metadata ignored); an integer version n ranks as n.0.0.</summary>
    public static int Compare(DocVersion? a, DocVersion? b)
    {
        if (a is null || b is null)
        {
            return (a is null).CompareTo(b is null) * -1;
        }
        var c = a.Major.CompareTo(b.Major);
        c = c != 0 ? c : a.Minor.CompareTo(b.Minor);
        c = c != 0 ? c : a.Patch.CompareTo(b.Patch);
        if (c != 0)
        {
            return c;
        }
        if (a.PreRelease is null || b.PreRelease is null)
        {
            return (a.PreRelease is null).CompareTo(b.PreRelease is null);
        }
        var x = a.PreRelease.Split('.');
        var y = b.PreRelease.Split('.');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var xn = BigInteger.TryParse(x[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var xi);
            var yn = BigInteger.TryParse(y[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var yi);
            var d = xn && yn ? xi.CompareTo(yi) : xn ? -1 : yn ? 1 : string.CompareOrdinal(x[i], y[i]);
            if (d != 0)
            {
                return Math.Sign(d);
            }
        }
        return x.Length.CompareTo(y.Length);
    }

    /// <summary>The same version ignoring build metadata (and the pre-release part when asked).</summary>
    public static bool SameRelease(DocVersion a, DocVersion b, bool ignorePreRelease) =>
        a.IsInteger == b.IsInteger && a.Major == b.Major && a.Minor == b.Minor && a.Patch == b.Patch
        && (ignorePreRelease || a.PreRelease == b.PreRelease);

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    // semver.org's recommended expression, as in the CSAF schema's version_t.
    [GeneratedRegex(@"^(?<major>0|[1-9][0-9]*)\.(?<minor>0|[1-9][0-9]*)\.(?<patch>0|[1-9][0-9]*)(?:-(?<pre>(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+(?<build>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex SemVerPattern();
}
