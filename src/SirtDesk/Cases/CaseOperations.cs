using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.Mail;
using SirtDesk.PublicSite;

namespace SirtDesk.Cases;

/// <summary>What staff do with reports and cases. Every change writes its timeline entry in the same transaction.</summary>
public sealed class CaseOperations(SirtDb db, TimeProvider clock, ProfileStore profiles, InboxVersion inbox, TeamKeys keys, OutboxDelivery delivery)
{
    public async Task<Case> OpenCaseAsync(Report report, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // A case from a report keeps the report's kind, and its clocks run from when the report came in.
        var @case = await AddOpenCaseAsync(db, profiles, new NewCase(report.Team, report.Title, report.Kind.ToApi(), report.ReceivedAt, report.TrackingNumber, report.Id), actor, now, ct);
        report.Accept(@case);
        db.Timeline.Add(new TimelineEntry { ReportId = report.Id, At = now, Actor = actor, Action = "report.accepted", Detail = @case.Number });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        inbox.Bump();
        return @case;
    }

    /// <summary>
    /// Opens a case that no report started (a finding of the team's own assessment): its clocks start now and the
    /// timeline's first entry names where it came from.
    /// </summary>
    public async Task<Case> OpenInternalCaseAsync(string team, string title, string source, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var @case = await AddOpenCaseAsync(db, profiles, new NewCase(team, title, "vulnerability", now, source), actor, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        inbox.Bump();
        return @case;
    }

    /// <summary>
    /// The part every way of opening a case shares (from a report, internally, from a finding): the next number of the
    /// team's sequence for the year in the organisation's zone, an open case, saved so it has its id, and the
    /// <c>case.opened</c> timeline entry (saved by the caller). Runs in the caller's transaction.
    /// </summary>
    internal static async Task<Case> AddOpenCaseAsync(SirtDb db, ProfileStore profiles, NewCase opening, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var profile = await profiles.GetAsync(ct);
        var year = TimeZoneInfo.ConvertTime(now, profile.Zone).Year;
        var prefix = opening.Team.ToUpperInvariant();
        var seq = await Numbering.NextAsync(db, $"{prefix}-{year}", ct);
        var @case = new Case
        {
            Number = $"{prefix}-{year}-{seq:D4}",
            Team = opening.Team,
            Title = opening.Title.Length > 200 ? opening.Title[..200] : opening.Title,
            Status = CaseStatus.Open,
            OpenedAt = now,
            Kind = opening.Kind,
            ClockStartedAt = opening.ClockStartedAt,
        };
        db.Cases.Add(@case);
        await db.SaveChangesAsync(ct);
        db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, ReportId = opening.ReportId, At = now, Actor = actor, Action = "case.opened", Detail = opening.Source });
        return @case;
    }

    /// <summary>Joins a report to an existing case of the same team; null when there is no such case.</summary>
    public async Task<Case?> AddToCaseAsync(Report report, string caseNumber, string actor, CancellationToken ct)
    {
        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Number == caseNumber.Trim(), ct);
        if (@case is null || @case.Team != report.Team)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        report.Accept(@case);
        if (report.ReceivedAt < @case.ClockStartedAt)
        {
            @case.ClockStartedAt = report.ReceivedAt;
        }
        db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, ReportId = report.Id, At = now, Actor = actor, Action = "report.linked", Detail = report.TrackingNumber });
        db.Timeline.Add(new TimelineEntry { ReportId = report.Id, At = now, Actor = actor, Action = "report.accepted", Detail = @case.Number });
        await db.SaveChangesAsync(ct);
        inbox.Bump();
        return @case;
    }

    public async Task MarkSpamAsync(Report report, string actor, CancellationToken ct)
    {
        report.MarkSpam();
        db.Timeline.Add(new TimelineEntry { ReportId = report.Id, At = clock.GetUtcNow(), Actor = actor, Action = "report.spam" });
        await db.SaveChangesAsync(ct);
        inbox.Bump();
    }

    /// <summary>
    /// Answers with the bilingual out-of-scope text through the outbox: the chosen template (one of the team's "we do
    /// not do" items, or the generic answer), or without one the whole list. False for an unknown template.
    /// </summary>
    public async Task<bool> MarkOutOfScopeAsync(Report report, string? template, string actor, CancellationToken ct)
    {
        var profile = await profiles.GetAsync(ct);
        var mail = OutOfScopeMail.Render(profile, report, template);
        if (mail is null)
        {
            return false;
        }
        var now = clock.GetUtcNow();
        report.MarkOutOfScope();
        db.Outbox.Add(new OutboxMessage { Kind = "report-out-of-scope", Recipient = report.ReporterEmail, Language = report.Language, Subject = mail.Subject, Body = mail.Body, CreatedAt = now, Team = report.Team, ReportId = report.Id, InReplyTo = report.MessageId });
        db.Timeline.Add(new TimelineEntry { ReportId = report.Id, At = now, Actor = actor, Action = "report.out-of-scope", Detail = template });
        await db.SaveChangesAsync(ct);
        inbox.Bump();
        return true;
    }

    public async Task AssignAsync(Case @case, string userId, string displayName, string actor, CancellationToken ct)
    {
        var previous = @case.AssigneeName;
        @case.AssignTo(userId, displayName);
        db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = clock.GetUtcNow(), Actor = actor, Action = "case.assigned", Detail = $"{previous ?? "-"} → {displayName}" });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records a (re-)scoring: new vector, factors and the severity they give, with who, when, old → new and why.</summary>
    public async Task RescoreAsync(Case @case, Standards.Cvss.CvssVector vector, IReadOnlyDictionary<string, string> factors, Triage.SeverityPolicy policy, string? reason, string actor, CancellationToken ct)
    {
        var scores = vector.Score();
        var assessment = policy.Assess(scores, factors);
        var before = @case.CvssVector is null ? "-" : $"{@case.CvssVector} ({(@case.CvssScoreTenths ?? 0) / 10m:0.0}) {@case.Severity}";
        @case.Assess(vector.ToString(), scores.Overall.Tenths, System.Text.Json.JsonSerializer.Serialize(factors), assessment);
        var after = $"{@case.CvssVector} ({scores.Overall}) {@case.Severity}";
        var now = clock.GetUtcNow();
        @case.TriagedAt ??= now;
        db.Timeline.Add(new TimelineEntry
        {
            CaseId = @case.Id,
            At = now,
            Actor = actor,
            Action = "case.rescored",
            Detail = $"{before} → {after}" + (string.IsNullOrWhiteSpace(reason) ? "" : $" — {reason.Trim()}"),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records that a person answered the reporter some other way (telephone, their own mail): stops the acknowledgement clock.</summary>
    public async Task RecordReplyAsync(Case @case, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        @case.AcknowledgedAt ??= now;
        db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = now, Actor = actor, Action = "case.replied" });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Queues a reply to one of the case's reporters (it leaves signed from the team's address, encrypted when their
    /// key is known) and stops the acknowledgement clock. A TLP:AMBER or RED case refuses a recipient without a key.
    /// <paramref name="case"/> must have its reports loaded.
    /// </summary>
    public async Task<ReplyResult> ReplyAsync(Case @case, CaseReply reply, string actor, CancellationToken ct)
    {
        var report = @case.Reports.Where(r => string.Equals(r.ReporterEmail, reply.Recipient.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.ReceivedAt).FirstOrDefault();
        if (report is null || OutboundMail.Recipient(report.ReporterEmail) is null)
        {
            return new ReplyResult(ReplyOutcome.NotAReporter);
        }
        if (string.IsNullOrWhiteSpace(reply.Subject) || string.IsNullOrWhiteSpace(reply.Body) || reply.Body.Length > CaseReplyMail.MaxBodyLength)
        {
            return new ReplyResult(ReplyOutcome.Incomplete);
        }
        var now = clock.GetUtcNow();
        var encrypted = (await keys.KeyringAsync(ct)).EncryptionKeyFor(report.ReporterEmail, now) is not null;
        if (!encrypted && @case.MailMustBeEncrypted)
        {
            return new ReplyResult(ReplyOutcome.NeedsKey);
        }
        var language = reply.Language is "ja" or "en" ? reply.Language : report.Language;
        var mail = CaseReplyMail.Render(@case.Number, language, reply.Subject, reply.Body);
        // Thread under the reporter's latest mail, if they wrote by mail.
        var parent = @case.Reports.Where(r => r.MessageId is not null && string.Equals(r.ReporterEmail, report.ReporterEmail, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.ReceivedAt).Select(r => r.MessageId).FirstOrDefault();
        db.Outbox.Add(new OutboxMessage
        {
            Kind = "case-reply",
            Recipient = report.ReporterEmail,
            Language = language,
            Subject = mail.Subject,
            Body = mail.Body,
            CreatedAt = now,
            Team = @case.Team,
            CaseId = @case.Id,
            ReportId = report.Id,
            InReplyTo = parent,
        });
        @case.AcknowledgedAt ??= now;
        db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = now, Actor = actor, Action = "case.replied", Detail = report.ReporterEmail });
        await db.SaveChangesAsync(ct);
        delivery.Nudge();
        return new ReplyResult(ReplyOutcome.Queued, encrypted);
    }

    public async Task<bool> ChangeTlpAsync(Case @case, string tlp, string actor, CancellationToken ct)
    {
        var previous = @case.Tlp;
        if (!@case.ChangeTlp(tlp))
        {
            return false;
        }
        if (previous != tlp)
        {
            db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = clock.GetUtcNow(), Actor = actor, Action = "case.tlp", Detail = $"TLP:{previous} → TLP:{tlp}" });
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    /// <summary>
    /// Takes the OpenPGP key a reporter pasted into the form as their partner key, so that replies are encrypted.
    /// Only a key whose user id names the reporter's own address is taken: a key for someone else's address would
    /// otherwise capture mail meant for them.
    /// </summary>
    public async Task<KeyImportOutcome> ImportReporterKeyAsync(Case @case, string trackingNumber, string actor, CancellationToken ct)
    {
        var report = @case.Reports.FirstOrDefault(r => r.TrackingNumber == trackingNumber);
        if (report?.ReporterPgpKey is not { } armored)
        {
            return KeyImportOutcome.NoKey;
        }
        var data = System.Text.Encoding.UTF8.GetBytes(armored);
        IReadOnlyList<Org.BouncyCastle.Bcpg.OpenPgp.PgpPublicKeyRing> rings;
        try
        {
            rings = OpenPgp.ReadPublic(data);
        }
        catch (InvalidDataException)
        {
            return KeyImportOutcome.Unusable;
        }
        var facts = rings.Select(OpenPgp.Facts).ToList();
        if (facts.Any(f => !string.Equals(f.Email, report.ReporterEmail, StringComparison.OrdinalIgnoreCase)))
        {
            return KeyImportOutcome.OtherAddress;
        }
        db.Timeline.Add(new TimelineEntry
        {
            CaseId = @case.Id,
            ReportId = report.Id,
            At = clock.GetUtcNow(),
            Actor = actor,
            Action = "case.key-imported",
            Detail = $"{report.ReporterEmail} {string.Join(", ", facts.Select(f => f.Spaced))}",
        });
        await keys.ImportPartnerAsync(data, "report-form", ct); // saves the timeline entry with the key
        return KeyImportOutcome.Imported;
    }

    public async Task ChangeStatusAsync(Case @case, CaseStatus status, string actor, CancellationToken ct)
    {
        var previous = @case.Status;
        if (previous == status)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var wasWaiting = @case.IsWaiting;
        @case.MoveTo(status, now);
        db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = now, Actor = actor, Action = "case.status", Detail = $"{previous} → {status}" });
        // The SLA clocks read these: waiting on the reporter or a vendor pauses them, closing stops remediation.
        // The case's pauses and RemediatedAt follow the timeline (SlaBoard reads them, not the timeline).
        if (!wasWaiting && @case.IsWaiting)
        {
            db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = now, Actor = actor, Action = "case.paused", Detail = status.ToString() });
            if (await OpenPauseAsync(@case, ct) is null)
            {
                db.CasePauses.Add(new CasePause { CaseId = @case.Id, PausedAt = now });
            }
        }
        else if (wasWaiting && !@case.IsWaiting)
        {
            db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = now, Actor = actor, Action = "case.resumed", Detail = status.ToString() });
            if (await OpenPauseAsync(@case, ct) is { } open)
            {
                open.ResumedAt = now;
            }
        }
        if (status == CaseStatus.Closed)
        {
            db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = now, Actor = actor, Action = "case.closed" });
            @case.RemediatedAt ??= now;
        }
        await db.SaveChangesAsync(ct);
    }

    private Task<CasePause?> OpenPauseAsync(Case @case, CancellationToken ct) =>
        db.CasePauses.Where(p => p.CaseId == @case.Id && p.ResumedAt == null).OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
}

/// <summary>
/// What differs between the ways a case is opened: its team, title and kind, when its clocks start, what its
/// <c>case.opened</c> entry names as the source (a tracking number, an assessment, a finding) and the report, if any.
/// </summary>
public sealed record NewCase(string Team, string Title, string Kind, DateTimeOffset ClockStartedAt, string Source, long? ReportId = null);

public sealed record CaseReply(string Recipient, string Language, string Subject, string Body);

public enum ReplyOutcome
{
    Queued,
    NotAReporter,
    Incomplete,
    NeedsKey,
}

public sealed record ReplyResult(ReplyOutcome Outcome, bool Encrypted = false);

public enum KeyImportOutcome
{
    Imported,
    NoKey,
    Unusable,
    OtherAddress,
}

/// <summary>One out-of-scope answer: a "we do not do" item of the profile (Ja/En set), or the generic answer (both null).</summary>
public sealed record ScopeTemplate(string Key, string? Ja, string? En);

/// <summary>The out-of-scope answer, in the reporter's language first and then the other one.</summary>
public static class OutOfScopeMail
{
    public const string Generic = "generic";

    public static IReadOnlyList<ScopeTemplate> Templates(TeamProfile profile) =>
        [.. profile.Charter.NotDone.Select((n, i) => new ScopeTemplate($"not-done-{i + 1}", n.Ja, n.En)), new ScopeTemplate(Generic, null, null)];

    /// <summary>null for a template key that does not exist.</summary>
    public static MailText? Render(TeamProfile profile, Report report, string? template)
    {
        var teamJa = profile.Organization.ShortName.Ja;
        var teamEn = profile.Organization.ShortName.En;
        string ja, en;
        if (string.IsNullOrEmpty(template))
        {
            ja = $"{teamJa} は以下を実施いたしません。\n" + string.Join("\n", profile.Charter.NotDone.Select(n => "・" + n.Ja));
            en = $"{teamEn} does not do the following:\n" + string.Join("\n", profile.Charter.NotDone.Select(n => "- " + n.En));
        }
        else if (Templates(profile).FirstOrDefault(t => t.Key == template) is { } chosen)
        {
            ja = chosen.Ja is null
                ? $"{teamJa} の活動範囲に照らして検討いたしましたが、本件は対応の対象外と判断いたしました。"
                : $"{teamJa} は次の対応を実施しておりません: {chosen.Ja}";
            en = chosen.En is null
                ? $"Having considered it against the scope of {teamEn}, we have concluded that this matter is outside it."
                : $"{teamEn} does not provide the following: {chosen.En}";
        }
        else
        {
            return null;
        }
        var japanese = $"ご報告ありがとうございます。誠に恐れ入りますが、本件は {teamJa} の対応範囲外のため、対応いたしかねます。\n{ja}";
        var english = $"Thank you for your report. We are sorry, but this matter is outside the scope of {teamEn}.\n{en}";
        var body = report.Language == "en" ? english + "\n\n" + japanese : japanese + "\n\n" + english;
        var subject = report.Language == "en"
            ? $"[{report.TrackingNumber}] About your report / ご報告について"
            : $"[{report.TrackingNumber}] ご報告について / About your report";
        return new MailText(subject, body);
    }
}

public static class CasesModule
{
    public static void AddCases(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CaseOperations>();
        builder.Services.AddScoped<CaseNotes>();
        builder.Services.AddScoped<Triage.SeverityPolicyStore>();
    }
}
