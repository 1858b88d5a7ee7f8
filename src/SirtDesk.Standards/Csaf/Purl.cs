using System.Text.RegularExpressions;

namespace SirtDesk.Standards.Csaf;

/// <summary>
/// Test 6.1.13: a package URL well formed by the purl specification
/// (<c>pkg:type/namespace/name@version?qualifiers#subpath</c>), parsed from the right as the specification says.
/// </summary>
internal static partial class Purl
{
    /// <summary>Null for a valid purl, else why it is not.</summary>
    public static string? Check(string purl)
    {
        var rest = purl;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            if (!ValidEscapes(rest[(hash + 1)..]))
            {
                return "the subpath has a bad percent-encoding";
            }
            rest = rest[..hash];
        }
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pair in rest[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == pair.Length - 1)
                {
                    return $"the qualifier \"{pair}\" is not key=value";
                }
                var key = pair[..eq].ToLowerInvariant();
                if (!QualifierKey().IsMatch(key))
                {
                    return $"the qualifier key \"{key}\" is not valid";
                }
                if (!keys.Add(key))
                {
                    return $"the qualifier \"{key}\" is given twice";
                }
                if (!ValidEscapes(pair[(eq + 1)..]))
                {
                    return $"the qualifier \"{key}\" has a bad percent-encoding";
                }
            }
            rest = rest[..question];
        }
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !rest[..colon].Equals("pkg", StringComparison.OrdinalIgnoreCase))
        {
            return "a purl starts with pkg:";
        }
        rest = rest[(colon + 1)..].Trim('/');
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return "the purl has no type and name";
        }
        var type = rest[..slash];
        if (!TypePattern().IsMatch(type))
        {
            return $"the type \"{type}\" is not valid";
        }
        rest = rest[(slash + 1)..];
        var at = rest.LastIndexOf('@');
        if (at >= 0 && at > rest.LastIndexOf('/'))
        {
            if (at == rest.Length - 1 || !ValidEscapes(rest[(at + 1)..]))
            {
                return "the version is empty or badly percent-encoded";
            }
            rest = rest[..at];
        }
        var segments = rest.Split('/');
        var name = segments[^1];
        if (name.Length == 0 || !ValidEscapes(rest))
        {
            return "the name is empty or badly percent-encoded";
        }
        return null;
    }

    private static bool ValidEscapes(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && (i + 2 >= text.Length || !Uri.IsHexDigit(text[i + 1]) || !Uri.IsHexDigit(text[i + 2])))
            {
                return false;
            }
        }
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z.+-][A-Za-z0-9.+-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex TypePattern();

    [GeneratedRegex(@"^[a-z.\-_][a-z0-9.\-_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifierKey();
}
