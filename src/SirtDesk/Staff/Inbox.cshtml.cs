using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.PublicSite;

namespace SirtDesk.Staff;

[Authorize(Policy = Policies.Staff)]
public sealed class InboxModel(SirtDb db, StaffAccess access, ProfileStore profiles, TimeProvider clock, Sla.SlaBoard board) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(string TrackingNumber, string Team, string Title, ReportStatus Status, DateTimeOffset ReceivedAt, string? CaseNumber);

    public IReadOnlyList<Row> Items { get; private set; } = [];
    public IReadOnlyList<string> Teams { get; private set; } = [];
    public int Total { get; private set; }
    public string? Team { get; private set; }
    public string? Kind { get; private set; }
    public string? Status { get; private set; }
    public string? Q { get; private set; }
    public new int Page { get; private set; } = 1;
    public bool SecurityTxtExpiresSoon { get; private set; }
    public IReadOnlyDictionary<string, Sla.CaseSla> Due { get; private set; } = new Dictionary<string, Sla.CaseSla>();
    public TimeZoneInfo? Viewer { get; private set; }

    // "page" is also Razor Pages' own route value (the page's path), so the number is bound from the query by name.
    public async Task OnGetAsync(string? team, string? kind, string? status, string? q, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        (Team, Kind, Status, Q, Page) = (team, kind, status, q, Math.Max(1, pageNumber));
        var profile = await profiles.GetAsync(ct);
        var visible = await access.VisibleTeamsAsync(User, ct);
        Teams = visible ?? [.. profile.Teams.Select(t => t.Key)];
        SecurityTxtExpiresSoon = User.IsInRole(Roles.Administrator) && PublicSiteModule.ExpiresSoon(profile, clock.GetUtcNow());

        var query = ReportQueries.Filter(db, visible, team, kind, status, q);
        Total = await query.CountAsync(ct);
        Items = await query.OrderByDescending(r => r.Id).Skip((Page - 1) * PageSize).Take(PageSize)
            .Select(r => new Row(r.TrackingNumber, r.Team, r.Title, r.Status, r.ReceivedAt, r.Case != null ? r.Case.Number : null))
            .ToListAsync(ct);
        // Reports already in a case show that case's next due time.
        var caseNumbers = Items.Where(i => i.CaseNumber != null).Select(i => i.CaseNumber!).Distinct().ToList();
        if (caseNumbers.Count > 0)
        {
            Due = (await board.ForFewAsync(db.Cases.Where(c => caseNumbers.Contains(c.Number) && c.Status != Cases.CaseStatus.Closed), clock.GetUtcNow(), ct)).ToDictionary(c => c.Number);
            Viewer = await ViewerZone.ForAsync(db, User, ct);
        }
    }
}

public static class ReportQueries
{
    /// <summary>The inbox filter shared by the console and the API; <paramref name="visibleTeams"/> null means all teams.</summary>
    public static IQueryable<Report> Filter(SirtDb db, IReadOnlyList<string>? visibleTeams, string? team, string? kind, string? status, string? q)
    {
        var query = db.Reports.AsNoTracking();
        if (visibleTeams is not null)
        {
            query = query.Where(r => visibleTeams.Contains(r.Team));
        }
        if (!string.IsNullOrEmpty(team))
        {
            query = query.Where(r => r.Team == team);
        }
        if (kind is "vulnerability" or "incident")
        {
            var k = kind == "vulnerability" ? ReportKind.Vulnerability : ReportKind.Incident;
            query = query.Where(r => r.Kind == k);
        }
        if (ReportStatusNames.FromApi(status) is { } s)
        {
            query = query.Where(r => r.Status == s);
        }
        return query.Matching(db, q);
    }
}
