using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.Staff;

namespace SirtDesk.Cases;

[Authorize(Policy = Policies.Staff)]
public sealed class CaseDetailModel(SirtDb db, StaffAccess access, CaseOperations cases, SirtDesk.Sla.SlaBoard board, TimeProvider clock) : PageModel
{
    public Case? Case { get; private set; }
    public SirtDesk.Sla.CaseSla? Sla { get; private set; }
    public TimeZoneInfo? Viewer { get; private set; }
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    public bool CanAct => StaffAccess.CanAct(User);

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct) => await LoadAsync(number, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAssignToMeAsync(string number, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        var id = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        await cases.AssignAsync(Case!, id, StaffAccess.Actor(User), StaffAccess.Actor(User), ct);
        return RedirectToPage(new { number });
    }

    public async Task<IActionResult> OnPostRepliedAsync(string number, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        await cases.RecordReplyAsync(Case!, StaffAccess.Actor(User), ct);
        return RedirectToPage(new { number });
    }

    public async Task<IActionResult> OnPostStatusAsync(string number, CaseStatus status, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        if (!Enum.IsDefined(status))
        {
            return BadRequest();
        }
        await cases.ChangeStatusAsync(Case!, status, StaffAccess.Actor(User), ct);
        return RedirectToPage(new { number });
    }

    private async Task<bool> LoadAsync(string number, CancellationToken ct)
    {
        Case = await db.Cases.Include(c => c.Reports).FirstOrDefaultAsync(c => c.Number == number, ct);
        if (Case is null || !await access.CanSeeTeamAsync(User, Case.Team, ct))
        {
            Case = null;
            return false;
        }
        var id = Case.Id;
        Timeline = await db.Timeline.AsNoTracking().Where(t => t.CaseId == id).OrderBy(t => t.Id).ToListAsync(ct);
        Sla = (await board.ComputeAsync(db.Cases.Where(c => c.Id == id), clock.GetUtcNow(), ct)).SingleOrDefault();
        Viewer = await ViewerZone.ForAsync(db, User, ct);
        return true;
    }
}
