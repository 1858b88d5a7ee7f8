using SirtDesk.Staff;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Triage;

public static class TriageModule
{
    public sealed record LiveScore(bool Valid, string? Error, string? Vector, string? Score, string? Severity);

    /// <summary>The calculator's live score: the same engine as the form post, so the page never disagrees with itself.</summary>
    public static void MapTriage(this WebApplication app)
    {
        app.MapGet("/staff/cvss/score", (string? vector) =>
        {
            var parsed = CvssVector.Parse(vector ?? "");
            if (!parsed.IsValid)
            {
                return TypedResults.Ok(new LiveScore(false, parsed.Error, null, null, null));
            }
            var scores = parsed.Vector.Score();
            return TypedResults.Ok(new LiveScore(true, null, parsed.Vector.ToString(), scores.Overall.ToString(), CvssJson.SeverityName(scores.SeverityOf(scores.Overall))));
        }).RequireAuthorization(Policies.Staff).ExcludeFromDescription();
    }

    /// <summary>Builds a vector from the calculator's buttons (metric key → value code) in canonical order.</summary>
    public static string Compose(CvssVersion version, IReadOnlyDictionary<string, string> chosen)
    {
        var prefix = version switch
        {
            CvssVersion.V4_0 => "CVSS:4.0/",
            CvssVersion.V3_0 => "CVSS:3.0/",
            _ => "CVSS:3.1/",
        };
        var parts = CvssMetrics.For(version).Where(m => m.Group == CvssMetricGroup.Base && chosen.ContainsKey(m.Key)).Select(m => $"{m.Key}:{chosen[m.Key]}");
        return prefix + string.Join('/', parts);
    }
}
