using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace SirtDesk.Standards.Purl;

/// <summary>
/// A Package URL (ECMA-427, package-url/purl-spec): <c>pkg:type/namespace/name@version?qualifiers#subpath</c>.
/// Components are held decoded; <see cref="ToString"/> gives the canonical form. Type-specific normalisation
/// (lower-case npm/pypi/… names, pypi <c>_</c>→<c>-</c>) is applied when parsing, as the purl type definitions ask.
/// </summary>
public sealed record Purl
{
    private Purl(string type, string? ns, string name, string? version, IReadOnlyList<KeyValuePair<string, string>> qualifiers, string? subpath)
    {
        Type = type;
        Namespace = ns;
        Name = name;
        Version = version;
        Qualifiers = qualifiers;
        Subpath = subpath;
    }

    /// <summary>Lower-case package type, e.g. <c>npm</c>, <c>maven</c>.</summary>
    public string Type { get; }

    /// <summary>Decoded namespace segments joined with <c>/</c> (npm scope keeps its <c>@</c>), or null.</summary>
    public string? Namespace { get; }

    /// <summary>Decoded, type-normalised name.</summary>
    public string Name { get; }

    /// <summary>Decoded version, or null.</summary>
    public string? Version { get; }

    /// <summary>Qualifiers sorted by key (lower-case keys, decoded values, empty values dropped).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Qualifiers { get; }

    /// <summary>Decoded subpath segments joined with <c>/</c>, or null.</summary>
    public string? Subpath { get; }

    public bool Equals(Purl? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>The value of a qualifier, or null.</summary>
    public string? Qualifier(string key)
    {
        foreach (var q in Qualifiers)
        {
            if (q.Key == key)
            {
                return q.Value;
            }
        }
        return null;
    }

    /// <summary>Builds a purl from decoded parts, validating and normalising them like <see cref="Parse"/>.</summary>
    public static Purl Create(string type, string? ns, string name, string? version = null,
        IEnumerable<KeyValuePair<string, string>>? qualifiers = null, string? subpath = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(name);
        var error = Build(type, ns?.Split('/'), name, version, qualifiers?.ToList() ?? [], subpath?.Split('/'), out var purl);
        return error is null ? purl! : throw new FormatException(error);
    }

    /// <summary>Parses a purl; throws <see cref="FormatException"/> with the reason when it is not one.</summary>
    public static Purl Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = TryParse(text, out var purl, out var reason) ? null : reason;
        return error is null ? purl! : throw new FormatException(error);
    }

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Purl? purl) => TryParse(text, out purl, out _);

    /// <summary>Parses a purl following the spec's "How to parse a purl string" steps; <paramref name="error"/> says why not.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Purl? purl, [NotNullWhen(false)] out string? error)
    {
        purl = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "empty purl";
            return false;
        }
        foreach (var c in text)
        {
            if (c <= ' ' || c == '\u007f' || char.IsWhiteSpace(c))
            {
                error = "a purl has no spaces or control characters (they are percent-encoded)";
                return false;
            }
        }
        var rest = text.AsSpan();

        string[]? subpath = null;
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            subpath = rest[(hash + 1)..].ToString().Split('/');
            rest = rest[..hash];
        }

        var qualifiers = new List<KeyValuePair<string, string>>();
        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            foreach (var pair in rest[(question + 1)..].ToString().Split('&'))
            {
                if (pair.Length == 0)
                {
                    continue;
                }
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    error = $"qualifier '{pair}' is not key=value";
                    return false;
                }
                if (!TryDecode(pair.AsSpan(eq + 1), out var value))
                {
                    error = $"qualifier '{pair}' has a bad percent-encoding";
                    return false;
                }
                qualifiers.Add(new(pair[..eq], value));
            }
            rest = rest[..question];
        }

        var colon = rest.IndexOf(':');
        if (colon < 0 || !rest[..colon].Equals("pkg", StringComparison.OrdinalIgnoreCase))
        {
            error = "scheme is not 'pkg:'";
            return false;
        }
        rest = rest[(colon + 1)..].Trim('/');

        var slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            error = "type or name missing";
            return false;
        }
        var type = rest[..slash].ToString();
        rest = rest[(slash + 1)..].TrimEnd('/');

        string? version = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            if (!TryDecode(rest[(at + 1)..], out var v))
            {
                error = "version has a bad percent-encoding";
                return false;
            }
            version = v;
            rest = rest[..at];
        }

        var nameStart = rest.LastIndexOf('/');
        var rawName = nameStart >= 0 ? rest[(nameStart + 1)..] : rest;
        if (!TryDecode(rawName, out var name))
        {
            error = "name has a bad percent-encoding";
            return false;
        }
        string[]? ns = nameStart >= 0 ? rest[..nameStart].ToString().Split('/') : null;
        if (ns is not null)
        {
            for (var i = 0; i < ns.Length; i++)
            {
                if (!TryDecode(ns[i], out var segment))
                {
                    error = "namespace has a bad percent-encoding";
                    return false;
                }
                ns[i] = segment;
            }
        }
        if (subpath is not null)
        {
            for (var i = 0; i < subpath.Length; i++)
            {
                if (!TryDecode(subpath[i], out var segment))
                {
                    error = "subpath has a bad percent-encoding";
                    return false;
                }
                subpath[i] = segment;
            }
        }
        error = Build(type, ns, name, version, qualifiers, subpath, out purl);
        return error is null;
    }

    private static string? Build(string type, string[]? nsSegments, string name, string? version,
        List<KeyValuePair<string, string>> qualifiers, string[]? subpathSegments, out Purl? purl)
    {
        purl = null;
        if (type.Length == 0 || !char.IsAsciiLetter(type[0]))
        {
            return "type must start with a letter";
        }
        foreach (var c in type)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && c != '-')
            {
                return $"type '{type}' has a character that is not allowed";
            }
        }
        type = type.ToLowerInvariant();

        string? ns = null;
        if (nsSegments is not null)
        {
            var kept = nsSegments.Where(s => s.Length > 0).ToArray();
            if (kept.Any(s => s.Contains('/', StringComparison.Ordinal)))
            {
                return "a namespace segment contains '/'";
            }
            ns = kept.Length > 0 ? string.Join('/', kept) : null;
        }
        if (name.Length == 0)
        {
            return "name is missing";
        }
        if (version is { Length: 0 })
        {
            version = null;
        }

        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (rawKey, value) in qualifiers)
        {
            var key = rawKey.ToLowerInvariant();
            if (!char.IsAsciiLetter(key[0]) || key.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '.' && c != '-' && c != '_'))
            {
                return $"qualifier key '{rawKey}' is not allowed";
            }
            if (sorted.ContainsKey(key))
            {
                return $"qualifier '{key}' appears twice";
            }
            if (value.Length > 0)
            {
                sorted.Add(key, value);
            }
        }

        string? subpath = null;
        if (subpathSegments is not null)
        {
            var kept = subpathSegments.Where(s => s.Length > 0 && s != "." && s != "..").ToArray();
            subpath = kept.Length > 0 ? string.Join('/', kept) : null;
        }

        switch (type)
        {
            case "pypi":
                name = name.ToLowerInvariant().Replace('_', '-');
                break;
            case "npm":
            case "bitbucket":
            case "github":
            case "composer":
            case "hex":
            case "apk":
            case "deb":
            case "alpm":
            case "luarocks":
            case "pub":
            case "qpkg":
                ns = ns?.ToLowerInvariant();
                name = name.ToLowerInvariant();
                break;
            case "golang":
                // Go module paths are case-sensitive; nothing to normalise.
                break;
            case "mlflow":
                if (sorted.TryGetValue("repository_url", out var repo) && repo.Contains("databricks", StringComparison.OrdinalIgnoreCase))
                {
                    name = name.ToLowerInvariant();
                }
                break;
            case "huggingface":
                version = version?.ToLowerInvariant();
                break;
            default:
                break;
        }
        if (type is "maven" or "swift" && ns is null)
        {
            return $"a {type} purl needs a namespace";
        }

        purl = new Purl(type, ns, name, version, sorted.ToList(), subpath);
        return null;
    }

    private string? _canonical;

    /// <summary>The canonical purl string (percent-encoded components, qualifiers sorted).</summary>
    public override string ToString() => _canonical ??= Format();

    private string Format()
    {
        var sb = new StringBuilder("pkg:");
        sb.Append(Type).Append('/');
        if (Namespace is not null)
        {
            foreach (var segment in Namespace.Split('/'))
            {
                Encode(sb, segment, keepColon: true);
                sb.Append('/');
            }
        }
        Encode(sb, Name, keepColon: true);
        if (Version is not null)
        {
            sb.Append('@');
            Encode(sb, Version, keepColon: true);
        }
        if (Qualifiers.Count > 0)
        {
            sb.Append('?');
            var first = true;
            foreach (var (key, value) in Qualifiers)
            {
                if (!first)
                {
                    sb.Append('&');
                }
                first = false;
                sb.Append(key).Append('=');
                Encode(sb, value, keepColon: true, keepSlash: true);
            }
        }
        if (Subpath is not null)
        {
            sb.Append('#');
            var first = true;
            foreach (var segment in Subpath.Split('/'))
            {
                if (!first)
                {
                    sb.Append('/');
                }
                first = false;
                Encode(sb, segment, keepColon: true);
            }
        }
        return sb.ToString();
    }

    private static void Encode(StringBuilder sb, string value, bool keepColon, bool keepSlash = false)
    {
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                var c = (char)rune.Value;
                if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' || (keepColon && c == ':') || (keepSlash && c == '/'))
                {
                    sb.Append(c);
                    continue;
                }
            }
            var n = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < n; i++)
            {
                sb.Append('%').Append(bytes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Percent-decodes as UTF-8; a '%' not followed by two hex digits, or bytes that are not UTF-8, fail.</summary>
    private static bool TryDecode(ReadOnlySpan<char> text, out string decoded)
    {
        if (!text.Contains('%'))
        {
            decoded = text.ToString();
            return true;
        }
        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    decoded = "";
                    return false;
                }
                bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
            }
            else
            {
                var n = Encoding.UTF8.GetBytes(text.Slice(i, char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1), utf8);
                for (var k = 0; k < n; k++)
                {
                    bytes.Add(utf8[k]);
                }
                if (char.IsHighSurrogate(c))
                {
                    i++;
                }
            }
        }
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            decoded = "";
            return false;
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
