namespace SirtDesk.Standards.Cvss;

internal static class CvssParser
{
    /// <summary>
    /// Longer than any valid vector of any version (the longest v4.0 vector, every metric with its longest value,
    /// is under 200 characters), so a 10 kB line is refused before it is looked at.
    /// </summary>
    public const int MaxLength = CvssVector.MaxCanonicalLength;

    private static readonly string[][] Keys = [Array.Empty<string>(), KeysOf(CvssMetrics.V2), KeysOf(CvssMetrics.V3), KeysOf(CvssMetrics.V3), KeysOf(CvssMetrics.V4)];

    // Keys and values packed into integers (see Pack), so matching a metric is one integer comparison.
    private static readonly ulong[][] PackedKeys = [.. Keys.Select(keys => keys.Select(k => Pack(k)).ToArray())];

    private static readonly ulong[][][] PackedCodes =
    [
        [],
        CodesOf(CvssMetrics.V2),
        CodesOf(CvssMetrics.V3),
        CodesOf(CvssMetrics.V3),
        CodesOf(CvssMetrics.V4),
    ];

    private static string[] KeysOf(IReadOnlyList<CvssMetric> metrics) => [.. metrics.Select(m => m.Key)];

    private static ulong[][] CodesOf(IReadOnlyList<CvssMetric> metrics) => [.. metrics.Select(m => m.Values.Select(v => Pack(v.Code)).ToArray())];

    /// <summary>Up to 7 printable ASCII characters, one byte each; anything else packs to 0, which matches no key or value.</summary>
    private static ulong Pack(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > 7)
        {
            return 0;
        }
        ulong packed = 0;
        foreach (var c in text)
        {
            if (c is < '!' or > '~')
            {
                return 0;
            }
            packed = (packed << 8) | c;
        }
        return packed;
    }

    public static CvssParseResult Parse(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return CvssParseResult.Fail("vector is empty");
        }
        if (text.Length > MaxLength)
        {
            return CvssParseResult.Fail($"vector is longer than {MaxLength} characters");
        }
        if (text[^1] == '/')
        {
            return CvssParseResult.Fail("trailing '/' after the last metric");
        }

        CvssVersion version;
        ReadOnlySpan<char> body;
        if (text.StartsWith("CVSS:") || text.StartsWith("CVSS:", StringComparison.OrdinalIgnoreCase))
        {
            var slash = text.IndexOf('/');
            var prefix = slash < 0 ? text : text[..slash];
            if (prefix.SequenceEqual("CVSS:3.1"))
            {
                version = CvssVersion.V3_1;
            }
            else if (prefix.SequenceEqual("CVSS:4.0"))
            {
                version = CvssVersion.V4_0;
            }
            else if (prefix.SequenceEqual("CVSS:3.0"))
            {
                version = CvssVersion.V3_0;
            }
            else
            {
                return CvssParseResult.Fail($"unknown CVSS version prefix {prefix} (known: CVSS:3.0, CVSS:3.1, CVSS:4.0; v2.0 vectors have no prefix)");
            }
            if (slash < 0)
            {
                return CvssParseResult.Fail($"metric {Keys[(int)version][0]} missing");
            }
            body = text[(slash + 1)..];
        }
        else
        {
            version = CvssVersion.V2_0;
            body = text;
        }

        var keys = PackedKeys[(int)version];
        var codes = PackedCodes[(int)version];
        var ordered = version == CvssVersion.V4_0;
        var values = default(CvssMetricBuffer);
        var last = -1;
        var at = 0;
        while (true)
        {
            // One pass over "KEY:VALUE" up to the next '/' (a trailing '/' was refused above).
            var start = at;
            while (at < body.Length && body[at] != ':' && body[at] != '/')
            {
                at++;
            }
            if (at == start && (at == body.Length || body[at] == '/'))
            {
                return CvssParseResult.Fail("empty metric between two '/'");
            }
            if (at == start || at == body.Length || body[at] == '/')
            {
                var end = body[start..].IndexOf('/');
                return CvssParseResult.Fail($"{(end < 0 ? body[start..] : body.Slice(start, end))} is not a metric:value pair");
            }
            var key = body[start..at];
            var valueStart = ++at;
            while (at < body.Length && body[at] != '/')
            {
                at++;
            }
            var value = body[valueStart..at];

            var index = Find(keys, Pack(key), last + 1);
            if (index < 0)
            {
                return CvssParseResult.Fail($"metric {key} is unknown");
            }
            if (values[index] != 0)
            {
                return CvssParseResult.Fail($"duplicate metric {key}");
            }
            if (ordered && index < last)
            {
                return CvssParseResult.Fail($"metric {key} out of order: CVSS v4.0 requires it before {Keys[(int)version][last]}");
            }
            var code = Find(codes[index], Pack(value), 0);
            if (code < 0)
            {
                return CvssParseResult.Fail($"{key}:{value} is not a valid value");
            }
            values[index] = (byte)(code + 1);
            last = index;
            if (at == body.Length)
            {
                break;
            }
            at++;
        }

        var baseCount = CvssMetrics.BaseCount(version);
        for (var i = 0; i < baseCount; i++)
        {
            if (values[i] == 0)
            {
                return CvssParseResult.Fail($"metric {Keys[(int)version][i]} missing");
            }
        }
        return CvssParseResult.Ok(new CvssVector(version, values));
    }

    private static int Find(ulong[] packed, ulong wanted, int hint)
    {
        // Vectors nearly always come in canonical order, so the metric after the previous one is tried first.
        if (wanted == 0)
        {
            return -1;
        }
        if ((uint)hint < (uint)packed.Length && packed[hint] == wanted)
        {
            return hint;
        }
        return Array.IndexOf(packed, wanted);
    }
}
