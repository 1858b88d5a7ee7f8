using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Staff;

namespace SirtDesk.Sla;

/// <summary>Open cases of the teams the user sees, most urgent first (largest share of an SLA target used).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CaseListModel(SirtDb db, StaffAccess access, SlaBoard board, SlaSettings settings, TimeProvider clock) : PageModel
{
    /// <summary>Cases per page: the whole list is sorted by urgency, a page of it is shown.</summary>
    public const int PageSize = 100;

    public IReadOnlyList<CaseSla> Items { get; private set; } = [];
    public TimeZoneInfo? Viewer { get; private set; }
    public string? Sla { get; private set; }
    public new int Page { get; private set; } = 1;
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    // "page" is also Razor Pages' own route value (the page's path), so the number is bound from the query by name.
    public async Task OnGetAsync(string? sla, [FromQuery(Name = "page")] int pageNumber, CancellationToken ct)
    {
        var visible = await access.VisibleTeamsAsync(User, ct);
        var all = await CaseUrgency.ListAsync(db, board, settings, visible, sla, clock.GetUtcNow(), ct);
        (Sla, Total) = (sla, all.Count);
        Page = Math.Clamp(pageNumber, 1, Pages);
        Items = [.. all.Skip((Page - 1) * PageSize).Take(PageSize)];
        Viewer = await ViewerZone.ForAsync(db, User, ct);
    }

    /// <summary>The link to another page of the same list.</summary>
    public string PageLink(int page) => Sla is null ? $"/staff/cases?page={page}" : $"/staff/cases?sla={Uri.EscapeDataString(Sla)}&page={page}";
}

public static class CaseUrgency
{
    /// <summary>Open cases by urgency; <paramref name="sla"/> "due-soon" keeps those past the warning share, "breached" those past a due time.</summary>
    public static async Task<IReadOnlyList<CaseSla>> ListAsync(SirtDb db, SlaBoard board, SlaSettings settings, IReadOnlyList<string>? visibleTeams, string? sla, DateTimeOffset now, CancellationToken ct)
    {
        var query = db.Cases.Where(c => c.Status != CaseStatus.Closed);
        if (visibleTeams is not null)
        {
            query = query.Where(c => visibleTeams.Contains(c.Team));
        }
        var all = await board.ComputeAsync(query, now, ct);
        var warnAt = (await settings.PolicyAsync(ct)).WarnAtPercent / 100.0;
        IEnumerable<CaseSla> filtered = sla switch
        {
            "breached" => all.Where(c => c.Breached),
            "due-soon" => all.Where(c => !c.Breached && c.Next is { } n && n.UsedFraction >= warnAt),
            _ => all,
        };
        return [.. filtered.OrderByDescending(c => c.Next?.UsedFraction ?? -1).ThenBy(c => c.CaseId)];
    }
}
