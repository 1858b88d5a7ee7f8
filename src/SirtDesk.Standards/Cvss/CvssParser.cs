namespace SirtDesk.Standards.Cvss;

internal static class CvssParser
{
    /// <summary>
    /// Longer than any valid vector of any version (the longest v4.0 vector, every metric with its longest value,
    /// is under 200 characters), so a 10 kB line is refused before it is looked at.
    /// </summary>
    public const int MaxLength = CvssVector.MaxCanonicalLength;

    private static readonly string[][] Keys = [Array.Empty<string>(), KeysOf(CvssMetrics.V2), KeysOf(CvssMetrics.V3), KeysOf(CvssMetrics.V3), KeysOf(CvssMetrics.V4)];

    private static readonly string[][][] Codes = [Array.Empty<string[]>(), CodesOf(CvssMetrics.V2), CodesOf(CvssMetrics.V3), CodesOf(CvssMetrics.V3), CodesOf(CvssMetrics.V4)];

    private static string[] KeysOf(IReadOnlyList<CvssMetric> metrics) => [.. metrics.Select(m => m.Key)];

    private static string[][] CodesOf(IReadOnlyList<CvssMetric> metrics) => [.. metrics.Select(m => m.Values.Select(v => v.Code).ToArray())];

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
        if (text.StartsWith("CVSS:", StringComparison.OrdinalIgnoreCase))
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

        var keys = Keys[(int)version];
        var codes = Codes[(int)version];
        var ordered = version == CvssVersion.V4_0;
        var values = default(CvssMetricBuffer);
        var last = -1;
        while (true)
        {
            var slash = body.IndexOf('/');
            var component = slash < 0 ? body : body[..slash];
            if (component.IsEmpty)
            {
                return CvssParseResult.Fail("empty metric between two '/'");
            }
            var colon = component.IndexOf(':');
            if (colon <= 0)
            {
                return CvssParseResult.Fail($"{component} is not a metric:value pair");
            }
            var key = component[..colon];
            var value = component[(colon + 1)..];
            var index = FindKey(keys, key, last + 1);
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
                return CvssParseResult.Fail($"metric {key} out of order: CVSS v4.0 requires it before {keys[last]}");
            }
            var code = FindCode(codes[index], value);
            if (code < 0)
            {
                return CvssParseResult.Fail($"{key}:{value} is not a valid value");
            }
            values[index] = (byte)(code + 1);
            last = index;
            if (slash < 0)
            {
                break;
            }
            body = body[(slash + 1)..];
        }

        var baseCount = CvssMetrics.BaseCount(version);
        for (var i = 0; i < baseCount; i++)
        {
            if (values[i] == 0)
            {
                return CvssParseResult.Fail($"metric {keys[i]} missing");
            }
        }
        return CvssParseResult.Ok(new CvssVector(version, values));
    }

    private static int FindKey(string[] keys, ReadOnlySpan<char> key, int hint)
    {
        // Vectors nearly always come in canonical order, so the metric after the previous one is tried first.
        if (hint < keys.Length && key.SequenceEqual(keys[hint]))
        {
            return hint;
        }
        for (var i = 0; i < keys.Length; i++)
        {
            if (key.SequenceEqual(keys[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static int FindCode(string[] codes, ReadOnlySpan<char> value)
    {
        for (var i = 0; i < codes.Length; i++)
        {
            if (value.SequenceEqual(codes[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
