using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SirtDesk.Cases;
using SirtDesk.Crypto;
using SirtDesk.Data;
using SirtDesk.Mail;
using SirtDesk.PublicSite;
using SirtDesk.Web;

namespace SirtDesk.Intake;

/// <summary>One line of the reporter's view of the timeline: from the team, or their own message.</summary>
public sealed record PortalItem(long Id, DateTimeOffset At, bool FromReporter, string Text);

/// <summary>What a reporter sent through the portal: verbatim text and files.</summary>
public sealed record PortalMessage(string Text, IReadOnlyList<IncomingAttachment> Attachments);

/// <summary>
/// The reporter's side of a report, reached only by the secret tracking token: what the team chose to share, the
/// next answer's due time, messages and files back, the credit preference. Staff rotate the token here too.
/// </summary>
public sealed class ReporterPortal(SirtDb db, TimeProvider clock, AtRestCipher cipher, IOptionsSnapshot<IntakeOptions> options, IStringLocalizer<SharedResource> localizer, Sla.SlaBoard board, OutboxDelivery delivery, InboxVersion inbox)
{
    public const string TokenRotated = "report.token-rotated";

    /// <summary>A long random value (192 bits), URL-safe; only its SHA-256 is stored.</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public Task<Report?> FindAsync(string token, CancellationToken ct)
    {
        var hash = Tracking.Hash(token);
        return db.Reports.Include(r => r.Case).FirstOrDefaultAsync(r => r.TrackingTokenHash == hash, ct);
    }

    /// <summary>
    /// The entries a reporter may see: notes whose latest visibility is shareable (set when posted, changed by later
    /// note-shared / note-internal entries), and their own messages, never another reporter's.
    /// </summary>
    public static IReadOnlyList<PortalItem> Visible(IEnumerable<TimelineEntry> entries, long reportId)
    {
        var list = entries.OrderBy(e => e.Id).ToList();
        var visibility = new Dictionary<long, bool>();
        foreach (var e in list.Where(e => e.RefersToId is not null && e.Action is CaseNotes.NoteShared or CaseNotes.NoteInternal))
        {
            visibility[e.RefersToId!.Value] = e.Action == CaseNotes.NoteShared;
        }
        return [.. list
            .Where(e => (e.Action == CaseNotes.Note && (visibility.TryGetValue(e.Id, out var shared) ? shared : e.Shared))
                || (e.Action == "reporter.message" && e.ReportId == reportId && e.Shared))
            .Select(e => new PortalItem(e.Id, e.At, e.Action == "reporter.message", e.Detail ?? ""))];
    }

    public async Task<IReadOnlyList<PortalItem>> SharedItemsAsync(Report report, CancellationToken ct)
    {
        var id = report.Id;
        var caseId = report.CaseId;
        var entries = await db.Timeline.AsNoTracking()
            .Where(t => t.ReportId == id || (caseId != null && t.CaseId == caseId))
            .Where(t => t.Action == CaseNotes.Note || t.Action == CaseNotes.NoteShared || t.Action == CaseNotes.NoteInternal || t.Action == "reporter.message")
            .ToListAsync(ct);
        return Visible(entries, id);
    }

    /// <summary>When the team's next answer is due: the open SLA clock nearest its due time; null without a case or an open clock.</summary>
    public async Task<DateTimeOffset?> NextAnswerDueAsync(Report report, CancellationToken ct)
    {
        if (report.CaseId is not { } caseId || report.Case?.Status == CaseStatus.Closed)
        {
            return null;
        }
        var sla = await board.ForCaseAsync(caseId, clock.GetUtcNow(), ct);
        return sla?.Clocks.Where(c => c.MetAt is null && c.Due is not null).OrderBy(c => c.Due).Select(c => c.Due).FirstOrDefault();
    }

    /// <summary>Stores the reporter's message verbatim and its files sealed; null when it is accepted, else errors keyed by field.</summary>
    public async Task<Dictionary<string, string[]>?> SendMessageAsync(Report report, PortalMessage message, CancellationToken ct)
    {
        var limits = options.Value;
        var errors = new Dictionary<string, string[]>();
        var text = message.Text.Replace("\0", "", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(text) && message.Attachments.Count == 0)
        {
            errors["message"] = [localizer["Required", localizer["PortalMessage"]]];
        }
        if (Encoding.UTF8.GetByteCount(text) > limits.MaxTextFieldBytes)
        {
            errors["message"] = [localizer["TooLong", localizer["PortalMessage"], limits.MaxTextFieldBytes / 1024]];
        }
        if (message.Attachments.Count > limits.MaxAttachments)
        {
            errors["attachments"] = [localizer["TooManyAttachments", limits.MaxAttachments]];
        }
        foreach (var a in message.Attachments.Where(a => a.Content.LongLength > limits.MaxAttachmentBytes))
        {
            errors["attachments"] = [localizer["AttachmentTooLarge", ReportValidation.SafeName(a.FileName), limits.MaxAttachmentBytes / (1024 * 1024)]];
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        var now = clock.GetUtcNow();
        db.Timeline.Add(new TimelineEntry { CaseId = report.CaseId, ReportId = report.Id, At = now, Actor = "reporter", Action = "reporter.message", Detail = text, Shared = true });
        foreach (var a in message.Attachments)
        {
            report.Attachments.Add(new ReportAttachment
            {
                FileName = a.FileName,
                ContentType = a.ContentType,
                Length = a.Content.LongLength,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(a.Content)),
                Sealed = cipher.Seal(a.Content),
            });
            db.Timeline.Add(new TimelineEntry { CaseId = report.CaseId, ReportId = report.Id, At = now, Actor = "reporter", Action = "reporter.attachment", Detail = $"{ReportValidation.SafeName(a.FileName)} ({a.Content.LongLength} bytes)" });
        }
        await db.SaveChangesAsync(ct);
        inbox.Bump();
        return null;
    }

    /// <summary>false for anything but name or anonymous.</summary>
    public async Task<bool> ChangeCreditAsync(Report report, string credit, CancellationToken ct)
    {
        if (credit is not ("name" or "anonymous"))
        {
            return false;
        }
        if (report.Credit != credit)
        {
            var before = report.Credit;
            report.Credit = credit;
            db.Timeline.Add(new TimelineEntry { CaseId = report.CaseId, ReportId = report.Id, At = clock.GetUtcNow(), Actor = "reporter", Action = "report.credit", Detail = $"{before} → {credit}" });
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    /// <summary>
    /// Replaces the tracking token: the old link stops working at once and the new one is mailed to the reporter
    /// (it is shown nowhere else). Returns the new token.
    /// </summary>
    public async Task<string> RotateTokenAsync(Report report, string baseUrl, string actor, CancellationToken ct)
    {
        var token = NewToken();
        var now = clock.GetUtcNow();
        report.TrackingTokenHash = Tracking.Hash(token);
        var mail = PortalMail.NewLink(report, Tracking.Url(baseUrl, new Receipt(report.TrackingNumber, token, report.Language)));
        db.Outbox.Add(new OutboxMessage { Kind = "tracking-link", Recipient = report.ReporterEmail, Language = report.Language, Subject = mail.Subject, Body = mail.Body, CreatedAt = now, Team = report.Team, ReportId = report.Id });
        db.Timeline.Add(new TimelineEntry { CaseId = report.CaseId, ReportId = report.Id, At = now, Actor = actor, Action = TokenRotated });
        await db.SaveChangesAsync(ct);
        delivery.Nudge();
        return token;
    }
}

/// <summary>The portal's mail to reporters. No content of the case goes by mail: the reporter reads it on the tracking page.</summary>
public static class PortalMail
{
    public static MailText Update(Report report) => report.Language == "ja"
        ? new MailText(
            $"[{report.TrackingNumber}] ご報告の件でお知らせがあります",
            $"""
            受付番号 {report.TrackingNumber} のご報告について、新しいお知らせを掲載しました。
            お手元の追跡リンクからご確認ください。

            本メールは自動送信です。
            """)
        : new MailText(
            $"[{report.TrackingNumber}] There is news about your report",
            $"""
            We have posted an update about your report {report.TrackingNumber}.
            Please read it through your tracking link.

            This message was sent automatically.
            """);

    public static MailText NewLink(Report report, string url) => report.Language == "ja"
        ? new MailText(
            $"[{report.TrackingNumber}] 追跡リンクを更新しました",
            $"""
            受付番号 {report.TrackingNumber} のご報告の追跡リンクを新しくしました。これまでのリンクは使えなくなりました。
            このリンクはご報告者様専用です。第三者に共有しないでください。
            {url}

            本メールは自動送信です。
            """)
        : new MailText(
            $"[{report.TrackingNumber}] Your tracking link has changed",
            $"""
            We have replaced the tracking link of your report {report.TrackingNumber}. The previous link no longer works.
            The link is yours alone; please do not share it.
            {url}

            This message was sent automatically.
            """);
}
