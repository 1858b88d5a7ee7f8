using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SirtDesk.Data;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Coordination;

/// <summary>Legal and PR decide the drafts to police, regulators and the press; nobody else can.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ApprovalsPageModel(SirtDb db, StaffAccess access, CoordinationOperations ops, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<ApprovalResource> Pending { get; private set; } = [];
    public IReadOnlyList<ApprovalResource> Decided { get; private set; } = [];
    public IReadOnlyList<string> MyRoles { get; private set; } = [];
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        await LoadAsync(ct);
    }

    public Task<IActionResult> OnPostApproveAsync(long id, string? note, CancellationToken ct) => DecideAsync(id, true, note, ct);

    public Task<IActionResult> OnPostDeclineAsync(long id, string? note, CancellationToken ct) => DecideAsync(id, false, note, ct);

    private async Task<IActionResult> DecideAsync(long id, bool approve, string? note, CancellationToken ct)
    {
        var roles = CoordinationApi.ApproverRoles(User);
        var request = await db.Set<ApprovalRequest>().FirstOrDefaultAsync(a => a.Id == id, ct);
        var @case = request is null ? null : await db.Cases.FirstOrDefaultAsync(c => c.Id == request.CaseId, ct);
        if (request is null || @case is null || !await access.CanSeeTeamAsync(User, @case.Team, ct))
        {
            return NotFound();
        }
        if (!roles.Contains(request.ApproverRole))
        {
            return Forbid();
        }
        var result = await ops.DecideAsync(request, @case, approve, note, StaffAccess.Actor(User), roles, ct);
        if (result is { Outcome: MessageOutcome.Queued })
        {
            TempData["Message"] = l[approve ? "Coord_ApprovedSent" : "Coord_Declined"].Value;
            return RedirectToPage();
        }
        var email = await db.Set<Contact>().Where(c => c.Id == request.ContactId).Select(c => c.Email).FirstAsync(ct);
        Errors.Add(result is { Outcome: MessageOutcome.NeedsKey } ? l["Coord_NeedsKeyDetail", $"TLP:{@case.Tlp}", email] : l["Coord_AlreadyDecided"]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MyRoles = CoordinationApi.ApproverRoles(User);
        if (MyRoles.Count == 0)
        {
            return;
        }
        var all = await Approvals.ListAsync(db, access, User, MyRoles, null, ct);
        Pending = [.. all.Where(a => a.State == "pending")];
        Decided = [.. all.Where(a => a.State != "pending").Reverse().Take(50)];
    }
}
