using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Staff;

namespace SirtDesk.Coordination;

/// <summary>One participant's mail thread on a case; opening it marks the participant's mails read for this staff member.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ParticipantThreadModel(SirtDb db, StaffAccess access, ParticipantThreads threads) : PageModel
{
    public Case? Case { get; private set; }
    public CaseParticipant? Participant { get; private set; }
    public IReadOnlyList<ThreadMessage> Messages { get; private set; } = [];
    public TimeZoneInfo? Viewer { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, long participantId, CancellationToken ct)
    {
        Case = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Number == number, ct);
        if (Case is null || !await access.CanSeeTeamAsync(User, Case.Team, ct))
        {
            return NotFound();
        }
        var caseId = Case.Id;
        Participant = await db.Set<CaseParticipant>().AsNoTracking().Include(p => p.Contact).ThenInclude(c => c!.Organization)
            .FirstOrDefaultAsync(p => p.Id == participantId && p.CaseId == caseId, ct);
        if (Participant is null)
        {
            return NotFound();
        }
        Viewer = await ViewerZone.ForAsync(db, User, ct);
        Messages = await threads.ReadAsync(Participant, StaffAccess.Actor(User), ct);
        return Page();
    }
}
