using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.Mail;

namespace SirtDesk.Cases;

/// <summary>
/// Notes on a case, internal unless staff share them with the case's reporters (their tracking page shows shared
/// notes, and each reporter is told by mail that something new is there). The timeline is append-only, so a change
/// of visibility is a new entry that refers to the note.
/// </summary>
public sealed class CaseNotes(SirtDb db, TimeProvider clock, OutboxDelivery delivery)
{
    public const string Note = "case.note";
    public const string NoteShared = "case.note-shared";
    public const string NoteInternal = "case.note-internal";
    public const int MaxLength = 65536;

    /// <summary>false (nothing written) for an empty or too long note. <paramref name="case"/> must have its reports loaded.</summary>
    public async Task<bool> PostAsync(Case @case, string text, bool shared, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return false;
        }
        db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = clock.GetUtcNow(), Actor = actor, Action = Note, Detail = text.Replace("\0", "", StringComparison.Ordinal), Shared = shared });
        await SaveAsync(@case, shared, ct);
        return true;
    }

    /// <summary>Makes a note of the case shareable or internal; false when there is no such note on the case.</summary>
    public async Task<bool> SetSharedAsync(Case @case, long noteId, bool shared, string actor, CancellationToken ct)
    {
        var caseId = @case.Id;
        var note = await db.Timeline.AsNoTracking().FirstOrDefaultAsync(t => t.Id == noteId && t.CaseId == caseId && t.Action == Note, ct);
        if (note is null)
        {
            return false;
        }
        var last = await db.Timeline.AsNoTracking().Where(t => t.RefersToId == noteId && (t.Action == NoteShared || t.Action == NoteInternal))
            .OrderByDescending(t => t.Id).Select(t => t.Action).FirstOrDefaultAsync(ct);
        var now = last is null ? note.Shared : last == NoteShared;
        if (now == shared)
        {
            return true;
        }
        db.Timeline.Add(new TimelineEntry { CaseId = caseId, At = clock.GetUtcNow(), Actor = actor, Action = shared ? NoteShared : NoteInternal, RefersToId = noteId, Detail = $"#{noteId}" });
        await SaveAsync(@case, shared, ct);
        return true;
    }

    /// <summary>Saves the entry just added; a note reporters can now see also mails them (after the commit).</summary>
    private async Task SaveAsync(Case @case, bool shared, CancellationToken ct)
    {
        if (shared)
        {
            NotifyReporters(@case);
        }
        await db.SaveChangesAsync(ct);
        if (shared)
        {
            delivery.Nudge();
        }
    }

    /// <summary>The ids of the case's notes that reporters see now.</summary>
    public async Task<IReadOnlySet<long>> SharedNoteIdsAsync(long caseId, CancellationToken ct)
    {
        var entries = await db.Timeline.AsNoTracking().Where(t => t.CaseId == caseId && (t.Action == Note || t.Action == NoteShared || t.Action == NoteInternal)).ToListAsync(ct);
        return ReporterPortal.Visible(entries, 0).Select(i => i.Id).ToHashSet();
    }

    // One mail per reporter address, in the language they wrote in. It names no content, so it is not bound by the TLP rule.
    private void NotifyReporters(Case @case)
    {
        var now = clock.GetUtcNow();
        foreach (var report in @case.Reports.Where(r => OutboundMail.Recipient(r.ReporterEmail) is not null).OrderByDescending(r => r.ReceivedAt).DistinctBy(r => r.ReporterEmail.ToLowerInvariant()))
        {
            var mail = PortalMail.Update(report);
            db.Outbox.Add(new OutboxMessage { Kind = "portal-update", Recipient = report.ReporterEmail, Language = report.Language, Subject = mail.Subject, Body = mail.Body, CreatedAt = now, Team = @case.Team, ReportId = report.Id });
        }
    }
}
