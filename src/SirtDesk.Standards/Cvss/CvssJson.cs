using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SirtDesk.Standards.Cvss;

/// <summary>
/// Writes the JSON object of FIRST's CVSS schemas (cvss-v2.0.json, cvss-v3.0.json, cvss-v3.1.json, cvss-v4.0.json):
/// version, canonical vectorString, the metrics the vector carries by their schema names, and the scores.
/// </summary>
public static class CvssJson
{
    /// <summary>Options for machine-read output: no indentation, no HTML escaping of quotes in error texts.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the schema object of a vector with its scores.</summary>
    public static void Write(Utf8JsonWriter writer, in CvssVector vector, in CvssScores scores)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var v2 = vector.Version == CvssVersion.V2_0;
        writer.WriteStartObject();
        writer.WriteString("version", vector.Version switch
        {
            CvssVersion.V2_0 => "2.0",
            CvssVersion.V3_0 => "3.0",
            CvssVersion.V3_1 => "3.1",
            _ => "4.0",
        });
        Span<char> canonical = stackalloc char[CvssVector.MaxCanonicalLength];
        vector.TryFormat(canonical, out var written);
        writer.WriteString("vectorString", canonical[..written]);

        var metrics = vector.Metrics;
        if (vector.Version == CvssVersion.V4_0)
        {
            WriteMetrics(writer, vector, metrics, 0, metrics.Count);
            WriteScore(writer, "baseScore", "baseSeverity", scores.Base, withSeverity: true);
        }
        else
        {
            var temporalStart = CvssMetrics.BaseCount(vector.Version);
            var environmentalStart = temporalStart + 3;
            WriteMetrics(writer, vector, metrics, 0, temporalStart);
            WriteScore(writer, "baseScore", "baseSeverity", scores.Base, !v2);
            WriteMetrics(writer, vector, metrics, temporalStart, environmentalStart);
            if (scores.Temporal is { } temporal)
            {
                WriteScore(writer, "temporalScore", "temporalSeverity", temporal, !v2);
            }
            WriteMetrics(writer, vector, metrics, environmentalStart, metrics.Count);
            if (scores.Environmental is { } environmental)
            {
                WriteScore(writer, "environmentalScore", "environmentalSeverity", environmental, !v2);
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes the object for a line that is not a valid vector: <c>{"vectorString": "…", "error": "…"}</c>.</summary>
    public static void WriteError(Utf8JsonWriter writer, ReadOnlySpan<char> vectorString, string error)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("vectorString", vectorString);
        writer.WriteString("error", error);
        writer.WriteEndObject();
    }

    /// <summary>The schema object of a vector as one line of JSON.</summary>
    public static string ToJson(in CvssVector vector)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, vector, vector.Score());
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The schema enum text of a severity: NONE, LOW, MEDIUM, HIGH, CRITICAL.</summary>
    public static string SeverityName(CvssSeverity severity) => severity switch
    {
        CvssSeverity.None => "NONE",
        CvssSeverity.Low => "LOW",
        CvssSeverity.Medium => "MEDIUM",
        CvssSeverity.High => "HIGH",
        _ => "CRITICAL",
    };

    private static void WriteMetrics(Utf8JsonWriter writer, in CvssVector vector, IReadOnlyList<CvssMetric> metrics, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var stored = vector[i];
            if (stored != 0)
            {
                writer.WriteString(metrics[i].JsonName, metrics[i].Values[stored - 1].JsonValue);
            }
        }
    }

    private static void WriteScore(Utf8JsonWriter writer, string scoreName, string severityName, CvssScore score, bool withSeverity)
    {
        writer.WriteNumber(scoreName, score.Value);
        if (withSeverity)
        {
            writer.WriteString(severityName, SeverityName(score.Severity));
        }
    }
}
