using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.Staff;
using SirtDesk.Standards.Cvss;
using SirtDesk.Triage;

namespace SirtDesk.Cases;

public sealed record CaseSeverityResource(string Level, string LabelJa, string LabelEn, string ExplanationJa, string ExplanationEn, int PolicyVersion, IReadOnlyDictionary<string, string> Factors);

public sealed record CaseResource(
    string Number, string Team, string Title, string Status, string? Assignee, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt,
    IReadOnlyList<string> Reports, JsonElement? Cvss, CaseSeverityResource? Severity);

public static class CasesApi
{
    /// <summary>GET /api/v1/cases/{number}: the case with its CVSS (FIRST schema object) and its explained severity.</summary>
    public static void MapCasesApi(this WebApplication app)
    {
        app.MapGet("/api/v1/cases/{number}", GetAsync).RequireAuthorization(Policies.ApiToken).WithTags("Cases").WithName("GetCase");
    }

    private static async Task<Results<Ok<CaseResource>, NotFound>> GetAsync(string number, HttpContext http, SirtDb db, StaffAccess access, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Reports).FirstOrDefaultAsync(x => x.Number == number, ct);
        if (c is null || !await access.CanSeeTeamAsync(http.User, c.Team, ct))
        {
            return TypedResults.NotFound();
        }
        JsonElement? cvss = null;
        if (c.CvssVector is not null && CvssVector.Parse(c.CvssVector) is { IsValid: true } parsed)
        {
            cvss = JsonDocument.Parse(CvssJson.ToJson(parsed.Vector)).RootElement.Clone();
        }
        CaseSeverityResource? severity = c.Severity is { } s
            ? new(s.ToString().ToLowerInvariant(), SeverityPolicy.Label(s).Ja, SeverityPolicy.Label(s).En, c.SeverityExplanationJa ?? "", c.SeverityExplanationEn ?? "",
                c.SeverityPolicyVersion ?? 0, SeverityPolicyStore.Factors(c.SeverityFactors))
            : null;
        return TypedResults.Ok(new CaseResource(c.Number, c.Team, c.Title, c.Status.ToString(), c.AssigneeName, c.OpenedAt, c.ClosedAt,
            [.. c.Reports.Select(r => r.TrackingNumber)], cvss, severity));
    }
}
