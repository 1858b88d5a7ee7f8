using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SirtDesk.Data;
using SirtDesk.Sla;
using SirtDesk.Staff;
using SirtDesk.Standards.Cvss;
using SirtDesk.Triage;
using SirtDesk.Web;

namespace SirtDesk.Cases;

public sealed record CaseSeverityResource(string Level, string LabelJa, string LabelEn, string ExplanationJa, string ExplanationEn, int PolicyVersion, IReadOnlyDictionary<string, string> Factors);

public sealed record SlaClockResource(string Clock, string Target, DateTimeOffset? Due, DateTimeOffset? MetAt, string State, int PercentUsed, double RemainingHours);

public sealed record CaseResource(
    string Number, string Team, string Kind, string Title, string Status, string? Assignee, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt,
    IReadOnlyList<string> Reports, JsonElement? Cvss, CaseSeverityResource? Severity, IReadOnlyList<SlaClockResource> Sla,
    string Tlp, Disclosure.EmbargoResource? Embargo, Disclosure.DisclosureDueResource? DisclosureDue, Disclosure.CoordinationResource Coordination, IReadOnlyList<string> CveIds);

public sealed record CaseSummary(string Number, string Team, string Kind, string Title, string Status, string? Severity, IReadOnlyList<SlaClockResource> Sla);

public static class CasesApi
{
    /// <summary>GET /api/v1/cases/{number}: the case with its CVSS (FIRST schema object) and its explained severity.</summary>
    public static void MapCasesApi(this WebApplication app)
    {
        app.MapGet("/api/v1/cases/{number}", GetAsync).RequireAuthorization(Policies.ApiToken).WithTags("Cases").WithName("GetCase");
        app.MapGet("/api/v1/cases", ListAsync).RequireAuthorization(Policies.ApiToken).WithTags("Cases").WithName("ListCases");
    }

    /// <summary>GET /api/v1/cases?sla=due-soon|breached: open cases, most urgent first, with their clocks.</summary>
    private static async Task<Results<Ok<IReadOnlyList<CaseSummary>>, ValidationProblem>> ListAsync(
        string? sla, HttpContext http, SirtDb db, StaffAccess access, SlaBoard board, SlaSettings settings, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (sla is not (null or "due-soon" or "breached"))
        {
            // In the request's language (Japanese when it names none), like the other API problems.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sla"] = [l["Cases_ApiSlaUnknown"]] }, title: l["Coord_ValidationTitle"]);
        }
        var visible = await access.VisibleTeamsAsync(http.User, ct);
        var list = await CaseUrgency.ListAsync(db, board, settings, visible, sla, clock.GetUtcNow(), ct);
        IReadOnlyList<CaseSummary> items = [.. list.Select(c => new CaseSummary(c.Number, c.Team, c.Kind, c.Title, c.Status.ToString(), c.Severity?.ToString().ToLowerInvariant(), Clocks(c)))];
        return TypedResults.Ok(items);
    }

    private static IReadOnlyList<SlaClockResource> Clocks(CaseSla? c) => c is null ? [] :
        [.. c.Clocks.Select(k => new SlaClockResource(k.Kind.ToString().ToLowerInvariant(), k.Target.Describe("en"), k.Due, k.MetAt,
            k.State.ToString().ToLowerInvariant(), (int)Math.Round(k.UsedFraction * 100), Math.Round(k.Remaining.TotalHours, 2)))];

    private static async Task<Results<Ok<CaseResource>, NotFound>> GetAsync(
        string number, HttpContext http, SirtDb db, StaffAccess access, SlaBoard board, Disclosure.DisclosureOperations disclosure, TimeProvider clock, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Reports).FirstOrDefaultAsync(x => x.Number == number, ct);
        if (c is null || !await access.CanSeeTeamAsync(http.User, c.Team, ct))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await ResourceAsync(c, db, board, disclosure, clock, ct));
    }

    /// <summary>The case as GET /api/v1/cases/{number} shows it; <paramref name="c"/> must have its reports loaded.</summary>
    public static async Task<CaseResource> ResourceAsync(Case c, SirtDb db, SlaBoard board, Disclosure.DisclosureOperations disclosure, TimeProvider clock, CancellationToken ct)
    {
        JsonElement? cvss = null;
        if (c.CvssVector is not null && CvssVector.Parse(c.CvssVector) is { IsValid: true } parsed)
        {
            cvss = JsonDocument.Parse(CvssJson.ToJson(parsed.Vector)).RootElement.Clone();
        }
        CaseSeverityResource? severity = c.Severity is { } s
            ? new(s.ToString().ToLowerInvariant(), SeverityPolicy.Label(s).Ja, SeverityPolicy.Label(s).En, c.SeverityExplanationJa ?? "", c.SeverityExplanationEn ?? "",
                c.SeverityPolicyVersion ?? 0, SeverityPolicyStore.Factors(c.SeverityFactors))
            : null;
        var sla = await board.ForCaseAsync(c.Id, clock.GetUtcNow(), ct);
        var d = await disclosure.ViewAsync(c, [], ct);
        return new CaseResource(c.Number, c.Team, c.Kind, c.Title, c.Status.ToString(), c.AssigneeName, c.OpenedAt, c.ClosedAt,
            [.. c.Reports.Select(r => r.TrackingNumber)], cvss, severity, Clocks(sla),
            c.Tlp, Disclosure.EmbargoResource.From(d), d.Due is { } due ? new(due.At, due.Source) : null, Disclosure.CoordinationResource.From(d), d.CveIds);
    }
}
