using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Standards.Csaf;

internal static partial class MandatoryTests
{
    private static readonly HashSet<string> ComputedProperties =
        ["baseScore", "temporalScore", "environmentalScore", "baseSeverity", "temporalSeverity", "environmentalSeverity"];

    private static readonly HashSet<string> NotMetricProperties = ["version", "vectorString", .. ComputedProperties];

    /// <summary>True when a schema error lies inside a CVSS object, which test 6.1.8 reports against FIRST's schema instead.</summary>
    internal static bool InsideCvss(string pointer)
    {
        var parts = pointer.Split('/');
        return parts.Length >= 6 && parts[1] == "vulnerabilities" && parts[3] == "scores" && parts[5] is "cvss_v2" or "cvss_v3";
    }

    // 6.1.8 invalid CVSS (FIRST's schema, strict), 6.1.9 invalid CVSS computation, 6.1.10 inconsistent CVSS.
    private static void CvssChecks(Doc doc, Action<string, string, string> fail)
    {
        foreach (var (vuln, v) in doc.Vulnerabilities)
        {
            foreach (var (score, j) in Doc.Items(vuln["scores"]))
            {
                foreach (var key in new[] { "cvss_v2", "cvss_v3" })
                {
                    if (!score.TryGetPropertyValue(key, out var cvss))
                    {
                        continue;
                    }
                    var pointer = $"/vulnerabilities/{v}/scores/{j}/{key}";
                    var version = Doc.Str(cvss.P("version"));
                    var allowed = key == "cvss_v2" ? version == "2.0" : version is "3.0" or "3.1";
                    if (!allowed)
                    {
                        fail("6.1.8", $"{pointer}/version", key == "cvss_v2" ? "cvss_v2 must have version 2.0" : "cvss_v3 must have version 3.0 or 3.1");
                        continue;
                    }
                    var errors = JsonSchemas.Errors(JsonSchemas.Cvss(version!), cvss!);
                    foreach (var (inner, message) in errors)
                    {
                        fail("6.1.8", pointer + inner, message);
                    }
                    if (errors.Count == 0 && cvss is JsonObject obj)
                    {
                        Computation(obj, pointer, fail);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Compares a schema-valid CVSS object with the one SirtDesk's engine computes from its vector, every metric of
    /// the vector's groups filled in with "not defined" so that the temporal and environmental scores exist as in
    /// FIRST's calculators.
    /// </summary>
    private static void Computation(JsonObject cvss, string pointer, Action<string, string, string> fail)
    {
        var parsed = CvssVector.Parse(Doc.Str(cvss.P("vectorString")) ?? "");
        if (!parsed.IsValid)
        {
            fail("6.1.8", $"{pointer}/vectorString", $"not a valid CVSS vector: {parsed.Error}");
            return;
        }
        var full = CvssVector.Parse(Complete(parsed.Vector));
        if (!full.IsValid)
        {
            return;
        }
        var expected = JsonNode.Parse(CvssJson.ToJson(full.Vector))!.AsObject();
        foreach (var (name, value) in cvss)
        {
            if (NotMetricProperties.Contains(name) && !ComputedProperties.Contains(name))
            {
                continue;
            }
            var want = expected[name];
            if (want is null || Same(value, want))
            {
                continue;
            }
            if (ComputedProperties.Contains(name))
            {
                fail("6.1.9", $"{pointer}/{name}", $"the vector gives {want.ToJsonString()}");
            }
            else
            {
                fail("6.1.10", $"{pointer}/{name}", $"the vector says {want.ToJsonString()}");
            }
        }
    }

    /// <summary>
    /// Numbers compared by value (8.8, 8.80 and a C# double 8.8 built by the app are one score), strings ordinally.
    /// </summary>
    private static bool Same(JsonNode? given, JsonNode want) =>
        Number(given) is { } x && Number(want) is { } y ? x == y
            : Doc.Str(given) is { } a && Doc.Str(want) is { } b ? a == b
            : JsonNode.DeepEquals(given, want);

    private static decimal? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string Complete(in CvssVector vector)
    {
        var text = new StringBuilder();
        text.Append(vector.Version switch
        {
            CvssVersion.V3_0 => "CVSS:3.0/",
            CvssVersion.V3_1 => "CVSS:3.1/",
            _ => "",
        });
        var metrics = vector.Metrics;
        for (var i = 0; i < metrics.Count; i++)
        {
            var m = metrics[i];
            var code = vector[m.Key] ?? m.Values.FirstOrDefault(x => x.JsonValue == "NOT_DEFINED")?.Code;
            if (code is null)
            {
                continue;
            }
            text.Append(i == 0 ? "" : "/").Append(m.Key).Append(':').Append(code);
        }
        return text.ToString();
    }
}
