using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SirtDesk.Data;
using SirtDesk.Mail;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Cases;

/// <summary>One reporter address the case can answer, in the language they wrote in, and whether their key is known.</summary>
public sealed record ReplyRecipient(string Email, string Language, bool HasKey);

/// <summary>An outbox row of the case as the page shows it.</summary>
public sealed record OutgoingMail(DateTimeOffset CreatedAt, string Recipient, string Subject, string State, DateTimeOffset? SentAt, int Attempts, string? LastError, DateTimeOffset? NextAttemptAt)
{
    public static string StateOf(Intake.OutboxMessage m) =>
        m.SentAt is not null ? "Sent" : m.GivenUpAt is not null ? "Failed" : m.Attempts > 0 && m.LastError is not null ? "Retrying" : "Queued";
}

[Authorize(Policy = Policies.Staff)]
public sealed class CaseDetailModel(SirtDb db, StaffAccess access, CaseOperations cases, CaseNotes notes, SirtDesk.Sla.SlaBoard board, TeamKeys keys, Disclosure.DisclosureOperations disclosure, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public Case? Case { get; private set; }
    public SirtDesk.Sla.CaseSla? Sla { get; private set; }

    /// <summary>The advisories made from this case: number, status word and English (else Japanese) title.</summary>
    public IReadOnlyList<(string Number, string Status, string Title)> Advisories { get; private set; } = [];
    public TimeZoneInfo? Viewer { get; private set; }
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];
    public IReadOnlyList<ReplyRecipient> Recipients { get; private set; } = [];
    public IReadOnlyList<OutgoingMail> Outgoing { get; private set; } = [];
    public Disclosure.DisclosurePanel? Disclosure { get; private set; }

    /// <summary>Notes the reporters see on their tracking page now.</summary>
    public IReadOnlySet<long> SharedNotes { get; private set; } = new HashSet<long>();

    /// <summary>Reports whose reporter pasted an OpenPGP key that is not held yet.</summary>
    public IReadOnlyList<Intake.Report> KeysToImport { get; private set; } = [];

    /// <summary>The outcome of the last action, shown above the reply form.</summary>
    public string? Message { get; private set; }

    [BindProperty]
    public ReplyInput Reply { get; set; } = new();

    public bool CanAct => StaffAccess.CanAct(User);

    public async Task<IActionResult> OnPostReplyAsync(string number, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        var result = await cases.ReplyAsync(Case!, new CaseReply(Reply.Recipient ?? "", Reply.Language ?? "", Reply.Subject ?? "", Reply.Body ?? ""), StaffAccess.Actor(User), ct);
        if (result.Outcome == ReplyOutcome.Queued)
        {
            return RedirectToPage(new { number, done = result.Encrypted ? "reply-encrypted" : "reply" });
        }
        Message = result.Outcome switch
        {
            ReplyOutcome.NeedsKey => l["ReplyNeedsKey", Case!.Tlp, Reply.Recipient ?? ""],
            ReplyOutcome.NotAReporter => l["ReplyNotAReporter"],
            _ => l["ReplyIncomplete"],
        };
        await LoadAsync(number, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostTlpAsync(string number, string? tlp, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        return await cases.ChangeTlpAsync(Case!, tlp ?? "", StaffAccess.Actor(User), ct) ? RedirectToPage(new { number }) : BadRequest();
    }

    public async Task<IActionResult> OnPostImportKeyAsync(string number, string? trackingNumber, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        var outcome = await cases.ImportReporterKeyAsync(Case!, trackingNumber ?? "", StaffAccess.Actor(User), ct);
        if (outcome == KeyImportOutcome.Imported)
        {
            return RedirectToPage(new { number, done = "key" });
        }
        Message = l["KeyImport_" + outcome];
        await LoadAsync(number, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnGetAsync(string number, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        Message = done switch
        {
            "reply" => l["ReplyQueued"].Value,
            "reply-encrypted" => l["ReplyQueuedEncrypted"].Value,
            "key" => l["ReporterKeyImported"].Value,
            _ => null,
        };
        var first = Recipients.Count > 0 ? Recipients[0] : null;
        Reply = new ReplyInput { Recipient = first?.Email, Language = first?.Language ?? "ja", Subject = CaseReplyMail.DefaultSubject(Case!.Number, first?.Language ?? "ja") };
        return Page();
    }

    public async Task<IActionResult> OnPostNoteAsync(string number, string? note, bool shared, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        return await notes.PostAsync(Case!, note ?? "", shared, StaffAccess.Actor(User), ct) ? RedirectToPage(new { number }) : BadRequest();
    }

    public async Task<IActionResult> OnPostNoteVisibilityAsync(string number, long noteId, bool shared, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        return await notes.SetSharedAsync(Case!, noteId, shared, StaffAccess.Actor(User), ct) ? RedirectToPage(new { number }) : NotFound();
    }

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
        SharedNotes = await notes.SharedNoteIdsAsync(id, ct);
        Advisories = [.. (await db.Set<SirtDesk.Advisories.Advisory>().AsNoTracking()
                .Where(a => db.Set<SirtDesk.Advisories.AdvisoryCase>().Any(x => x.AdvisoryId == a.Id && x.CaseId == id))
                .OrderBy(a => a.Id).ToListAsync(ct))
            .Select(a => (a.Number, a.StatusWord, a.Content.Title.For("en")))];
        Sla = await board.ForCaseAsync(id, clock.GetUtcNow(), ct);
        Viewer = await ViewerZone.ForAsync(db, User, ct);
        Disclosure = await SirtDesk.Disclosure.DisclosurePanel.LoadAsync(db, disclosure, User, Case, ct);
        // The case's own mail and that of its reports (acknowledgements sent before the case existed).
        var reportIds = Case.Reports.Select(r => (long?)r.Id).ToList();
        Outgoing = [.. (await db.Outbox.AsNoTracking().Where(o => o.CaseId == id || reportIds.Contains(o.ReportId)).OrderByDescending(o => o.Id).Take(100).ToListAsync(ct))
            .Select(o => new OutgoingMail(o.CreatedAt, o.Recipient, o.Subject, OutgoingMail.StateOf(o), o.SentAt, o.Attempts, o.LastError, o.NextAttemptAt))];
        var keyring = await keys.KeyringAsync(ct);
        var now = clock.GetUtcNow();
        Recipients = [.. Case.Reports.OrderByDescending(r => r.ReceivedAt)
            .Where(r => OutboundMail.Recipient(r.ReporterEmail) is not null)
            .DistinctBy(r => r.ReporterEmail.ToLowerInvariant())
            .Select(r => new ReplyRecipient(r.ReporterEmail, r.Language, keyring.EncryptionKeyFor(r.ReporterEmail, now) is not null))];
        KeysToImport = [.. Case.Reports.Where(r => r.ReporterPgpKey is not null && keyring.EncryptionKeyFor(r.ReporterEmail, now) is null)];
        return true;
    }
}

public sealed class ReplyInput
{
    public string? Recipient { get; set; }
    public string? Language { get; set; }
    public string? Subject { get; set; }
    public string? Body { get; set; }
}
