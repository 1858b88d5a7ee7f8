using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Staff;

namespace SirtDesk.Resolution;

/// <summary>A case's root-cause analysis and its recommendations from the library.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CaseResolutionModel(SirtDb db, StaffAccess access, ResolutionOperations resolution) : PageModel
{
    public Case? Case { get; private set; }
    public RootCauseAnalysis? RootCause { get; private set; }
    public IReadOnlyList<CaseRecommendation> Recommendations { get; private set; } = [];
    public IReadOnlyList<Recommendation> Library { get; private set; } = [];

    public bool CanAct => StaffAccess.CanAct(User);

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct) =>
        await LoadAsync(number, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostRootCauseAsync(string number, string? whatHappened, string? why, string? contributingFactors, CancellationToken ct) =>
        ActAsync(number, () => resolution.SaveRootCauseAsync(Case!, new RootCauseText(whatHappened ?? "", why ?? "", contributingFactors ?? ""), StaffAccess.Actor(User), ct), ct);

    public Task<IActionResult> OnPostProposeAsync(string number, long recommendationId, CancellationToken ct) =>
        ActAsync(number, () => resolution.ProposeAsync(Case!, recommendationId, StaffAccess.Actor(User), ct), ct);

    public Task<IActionResult> OnPostStatusAsync(string number, long id, RecommendationStatus status, CancellationToken ct) =>
        ActAsync(number, () => resolution.ChangeStatusAsync(Case!, id, status, StaffAccess.Actor(User), ct), ct);

    private async Task<IActionResult> ActAsync(string number, Func<Task<bool>> action, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        return await action() ? RedirectToPage(new { number }) : BadRequest();
    }

    private async Task<bool> LoadAsync(string number, CancellationToken ct)
    {
        Case = await db.Cases.FirstOrDefaultAsync(c => c.Number == number, ct);
        if (Case is null || !await access.CanSeeTeamAsync(User, Case.Team, ct))
        {
            Case = null;
            return false;
        }
        var id = Case.Id;
        RootCause = await db.RootCauses.AsNoTracking().FirstOrDefaultAsync(r => r.CaseId == id, ct);
        Recommendations = await db.CaseRecommendations.AsNoTracking().Include(r => r.Recommendation).Where(r => r.CaseId == id).OrderBy(r => r.Id).ToListAsync(ct);
        var used = Recommendations.Select(r => r.RecommendationId).ToHashSet();
        Library = [.. (await db.Recommendations.AsNoTracking().Where(r => !r.Retired).OrderBy(r => r.Id).ToListAsync(ct)).Where(r => !used.Contains(r.Id))];
        return true;
    }
}
