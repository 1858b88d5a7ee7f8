using System.Runtime.CompilerServices;

namespace SirtDesk.Standards.Cvss;

/// <summary>Room for the metric values of the largest version (v4.0 has 32 metrics): one byte each.</summary>
[InlineArray(MaxMetrics)]
internal struct CvssMetricBuffer
{
    public const int MaxMetrics = 32;

    private byte _element0;
}

/// <summary>
/// A parsed, valid CVSS vector: the version and one byte per metric in canonical order (0 = absent, otherwise
/// 1 + the index of the value in <see cref="CvssMetric.Values"/>). A value type without references, so parsing
/// and scoring allocate nothing.
/// </summary>
public readonly struct CvssVector : IEquatable<CvssVector>
{
    private readonly CvssMetricBuffer _values;

    internal CvssVector(CvssVersion version, in CvssMetricBuffer values)
    {
        Version = version;
        _values = values;
    }

    /// <summary>The CVSS version of the vector.</summary>
    public CvssVersion Version { get; }

    /// <summary>The metrics of <see cref="Version"/> in canonical order; the indexes of <see cref="this[int]"/>.</summary>
    public IReadOnlyList<CvssMetric> Metrics => CvssMetrics.For(Version);

    /// <summary>The stored value of the metric at <paramref name="metricIndex"/>: 0 when absent, else 1 + the value's index.</summary>
    public byte this[int metricIndex] => _values[metricIndex];

    /// <summary>The value code of a metric ("N" for AV:N), or null when the vector does not carry it.</summary>
    public string? this[string metricKey]
    {
        get
        {
            var metrics = Metrics;
            for (var i = 0; i < metrics.Count; i++)
            {
                if (metrics[i].Key == metricKey)
                {
                    var stored = _values[i];
                    return stored == 0 ? null : metrics[i].Values[stored - 1].Code;
                }
            }
            return null;
        }
    }

    /// <summary>True when the vector carries any metric of <paramref name="group"/> (an explicit X counts as present).</summary>
    public bool Carries(CvssMetricGroup group)
    {
        var metrics = Metrics;
        for (var i = 0; i < metrics.Count; i++)
        {
            if (_values[i] != 0 && metrics[i].Group == group)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Parses and validates a vector: the exact prefix of its version (none for v2.0), every base metric exactly
    /// once, known values only (case-sensitive), no empty component or trailing '/', and for v4.0 the
    /// specification's metric order. Never throws for bad input: the result carries the reason.
    /// </summary>
    public static CvssParseResult Parse(ReadOnlySpan<char> text) => CvssParser.Parse(text);

    /// <summary>Computes the scores of this vector exactly as FIRST specifies for its version. Allocates nothing.</summary>
    public CvssScores Score() => Version switch
    {
        CvssVersion.V2_0 => Cvss2Scorer.Score(this),
        CvssVersion.V4_0 => Cvss4Scorer.Score(this),
        _ => Cvss3Scorer.Score(this),
    };

    /// <summary>The longest canonical vector of any version, in characters.</summary>
    public const int MaxCanonicalLength = 256;

    /// <summary>Writes the canonical form: version prefix, then the metrics it carries in canonical order.</summary>
    public bool TryFormat(Span<char> destination, out int written)
    {
        written = 0;
        var prefix = Version switch
        {
            CvssVersion.V3_0 => "CVSS:3.0/",
            CvssVersion.V3_1 => "CVSS:3.1/",
            CvssVersion.V4_0 => "CVSS:4.0/",
            _ => "",
        };
        if (!prefix.TryCopyTo(destination))
        {
            return false;
        }
        var at = prefix.Length;
        var metrics = Metrics;
        var first = true;
        for (var i = 0; i < metrics.Count; i++)
        {
            var stored = _values[i];
            if (stored == 0)
            {
                continue;
            }
            var key = metrics[i].Key;
            var code = metrics[i].Values[stored - 1].Code;
            var needed = (first ? 0 : 1) + key.Length + 1 + code.Length;
            if (at + needed > destination.Length)
            {
                return false;
            }
            if (!first)
            {
                destination[at++] = '/';
            }
            key.CopyTo(destination[at..]);
            at += key.Length;
            destination[at++] = ':';
            code.CopyTo(destination[at..]);
            at += code.Length;
            first = false;
        }
        written = at;
        return true;
    }

    /// <summary>The canonical vector string (see <see cref="TryFormat"/>).</summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[MaxCanonicalLength];
        return TryFormat(buffer, out var written) ? new string(buffer[..written]) : "";
    }

    /// <inheritdoc/>
    public bool Equals(CvssVector other) =>
        Version == other.Version && ((ReadOnlySpan<byte>)_values).SequenceEqual(other._values);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CvssVector other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Version);
        hash.AddBytes(_values);
        return hash.ToHashCode();
    }

    /// <summary>Equality of version and every metric value.</summary>
    public static bool operator ==(CvssVector left, CvssVector right) => left.Equals(right);

    /// <summary>Inequality of version or any metric value.</summary>
    public static bool operator !=(CvssVector left, CvssVector right) => !left.Equals(right);
}

/// <summary>The outcome of <see cref="CvssVector.Parse"/>: a vector, or the reason the text is not one.</summary>
public readonly record struct CvssParseResult
{
    private readonly CvssVector _vector;

    private CvssParseResult(CvssVector vector, string? error)
    {
        _vector = vector;
        Error = error;
    }

    internal static CvssParseResult Ok(in CvssVector vector) => new(vector, null);

    internal static CvssParseResult Fail(string error) => new(default, error);

    /// <summary>True when the text was a valid vector.</summary>
    public bool IsValid => Error is null;

    /// <summary>Why the text is not a valid vector, e.g. "metric AV missing"; null when valid.</summary>
    public string? Error { get; }

    /// <summary>The parsed vector; only meaningful when <see cref="IsValid"/>.</summary>
    public CvssVector Vector => IsValid ? _vector : throw new InvalidOperationException($"not a valid CVSS vector: {Error}");
}
