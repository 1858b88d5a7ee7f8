using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Coordination;

/// <summary>A vendor's current answer about one vulnerability, with the earlier ones (newest first).</summary>
public sealed record VendorCell(CaseParticipant Vendor, CaseVulnerability Vulnerability, VendorStatus? Current, IReadOnlyList<VendorStatus> History)
{
    /// <summary>No answer recorded yet is "unknown": shown as not yet answered, never as not affected.</summary>
    public string Status => Current?.Status ?? "unknown";
}

/// <summary>The case's participants, vulnerabilities, vendor statuses, messages and approval requests.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CaseCoordinationModel(SirtDb db, StaffAccess access, CoordinationOperations ops, ParticipantThreads threads, IStringLocalizer<SharedResource> l) : PageModel
{
    public Case? Case { get; private set; }
    public IReadOnlyList<CaseParticipant> Participants { get; private set; } = [];
    public IReadOnlyList<CaseVulnerability> Vulnerabilities { get; private set; } = [];
    public IReadOnlyList<VendorCell> Statuses { get; private set; } = [];
    public IReadOnlyList<Contact> Directory { get; private set; } = [];
    public IReadOnlyList<ApprovalRequest> Requests { get; private set; } = [];

    /// <summary>Mails from each participant this staff member has not opened yet, by participant id.</summary>
    public IReadOnlyDictionary<long, int> Unread { get; private set; } = new Dictionary<long, int>();
    public List<string> Errors { get; } = [];
    public string? Message { get; private set; }
    public bool CanAct => StaffAccess.CanAct(User);

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        return await LoadAsync(number, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostParticipantAsync(string number, long contactId, string? role, CancellationToken ct) => ActAsync(number, async c =>
    {
        var contact = await db.Set<Contact>().FirstOrDefaultAsync(x => x.Id == contactId, ct);
        if (contact is null || role is null || await ops.AddParticipantAsync(c, contact, role, StaffAccess.Actor(User), ct) is null)
        {
            return l["Coord_ParticipantRefused"];
        }
        TempData["Message"] = l["Coord_ParticipantAdded", contact.Email].Value;
        return null;
    }, ct);

    public Task<IActionResult> OnPostVulnerabilityAsync(string number, string? title, string? cve, CancellationToken ct) => ActAsync(number, async c =>
    {
        if (string.IsNullOrWhiteSpace(title) || title.Length > 200 || cve?.Length > 32)
        {
            return l["Coord_VulnerabilityInvalid"];
        }
        await ops.AddVulnerabilityAsync(c, title, cve, StaffAccess.Actor(User), ct);
        return null;
    }, ct);

    public Task<IActionResult> OnPostStatusAsync(string number, long vulnerabilityId, long participantId, string? status, string? statement, CancellationToken ct) => ActAsync(number, async c =>
        await ops.SetVendorStatusAsync(c, vulnerabilityId, participantId, status ?? "", statement, StaffAccess.Actor(User), ct) ? null : l["Coord_StatusInvalid"].Value, ct);

    /// <summary>Messages a contact; one of a police, press or regulator organisation becomes an approval request (with the reason).</summary>
    public Task<IActionResult> OnPostMessageAsync(string number, long contactId, string? subject, string? body, string? reason, CancellationToken ct) => ActAsync(number, async c =>
    {
        var contact = await db.Set<Contact>().Include(x => x.Organization).FirstOrDefaultAsync(x => x.Id == contactId, ct);
        if (contact is null)
        {
            return l["Coord_ContactUnknown"];
        }
        var result = await ops.MessageAsync(c, contact, subject ?? "", body ?? "", reason, StaffAccess.Actor(User), ct);
        switch (result.Outcome)
        {
            case MessageOutcome.Queued:
                TempData["Message"] = l[result.Encrypted ? "Coord_QueuedEncrypted" : "Coord_Queued", contact.Email].Value;
                return null;
            case MessageOutcome.ApprovalRequired when result.ApprovalId is not null:
                TempData["Message"] = l["Coord_ApprovalRequested", l["Coord_Approver_" + ContactRule.ApproverFor(contact.Organization!.Kind)!]].Value;
                return null;
            case MessageOutcome.ApprovalRequired:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return l["Coord_ApprovalRequiredDetail", l["Coord_Approver_" + ContactRule.ApproverFor(contact.Organization!.Kind)!]];
            case MessageOutcome.NeedsKey:
                return l["Coord_NeedsKeyDetail", $"TLP:{c.Tlp}", contact.Email];
            case MessageOutcome.NotAParticipant:
                return l["Coord_NotAParticipant"];
            default:
                return l["Coord_BodyRequired"];
        }
    }, ct);

    /// <summary>Sends the bilingual notice template to the ticked participants (each in their language); reports who got it and who did not.</summary>
    public Task<IActionResult> OnPostNotifyAsync(string number, long[]? participantIds, CancellationToken ct) => ActAsync(number, async c =>
    {
        if (participantIds is not { Length: > 0 })
        {
            return l["Coord_NotifyNone"];
        }
        var outcomes = await ops.NotifyAsync(c, participantIds, StaffAccess.Actor(User), ct);
        var queued = outcomes.Where(o => o.Outcome == MessageOutcome.Queued).Select(o => o.Email).ToList();
        var refused = outcomes.Where(o => o.Outcome != MessageOutcome.Queued)
            .Select(o => l["Coord_NotifyRefused", o.Email, l["Coord_Outcome_" + o.Outcome]].Value).ToList();
        if (refused.Count > 0)
        {
            return l["Coord_Notified", queued.Count].Value + " " + string.Join(" ", refused);
        }
        TempData["Message"] = l["Coord_Notified", queued.Count].Value;
        return null;
    }, ct);

    private async Task<IActionResult> ActAsync(string number, Func<Case, Task<string?>> action, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        var error = await action(Case!);
        if (error is null)
        {
            return RedirectToPage(new { number });
        }
        Errors.Add(error);
        if (Response.StatusCode == StatusCodes.Status200OK)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(number, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(string number, CancellationToken ct)
    {
        Case = await db.Cases.FirstOrDefaultAsync(c => c.Number == number, ct);
        if (Case is null || !await access.CanSeeTeamAsync(User, Case.Team, ct))
        {
            return false;
        }
        var id = Case.Id;
        Participants = await db.Set<CaseParticipant>().AsNoTracking().Include(p => p.Contact).ThenInclude(c => c!.Organization)
            .Where(p => p.CaseId == id).OrderBy(p => p.Id).ToListAsync(ct);
        Vulnerabilities = await db.Set<CaseVulnerability>().AsNoTracking().Where(v => v.CaseId == id).OrderBy(v => v.Id).ToListAsync(ct);
        var vulnerabilityIds = Vulnerabilities.Select(v => v.Id).ToList();
        var history = await db.Set<VendorStatus>().AsNoTracking().Where(s => vulnerabilityIds.Contains(s.VulnerabilityId)).OrderByDescending(s => s.Id).ToListAsync(ct);
        Statuses = [.. from v in Vulnerabilities
                       from p in Participants.Where(p => p.Role == "vendor")
                       let rows = history.Where(s => s.VulnerabilityId == v.Id && s.ParticipantId == p.Id).ToList()
                       select new VendorCell(p, v, rows.FirstOrDefault(), rows)];
        Directory = await db.Set<Contact>().AsNoTracking().Include(c => c.Organization).OrderBy(c => c.Organization!.Name).ThenBy(c => c.Email).ToListAsync(ct);
        Unread = await threads.UnreadAsync(id, StaffAccess.Actor(User), ct);
        Requests = await db.Set<ApprovalRequest>().AsNoTracking().Include(a => a.Contact).Where(a => a.CaseId == id).OrderByDescending(a => a.Id).ToListAsync(ct);
        return true;
    }
}
