using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.PublicSite;

namespace SirtDesk.Cases;

/// <summary>What staff do with reports and cases. Every change writes its timeline entry in the same transaction.</summary>
public sealed class CaseOperations(SirtDb db, TimeProvider clock, ProfileStore profiles, InboxVersion inbox)
{
    public async Task<Case> OpenCaseAsync(Report report, string actor, CancellationToken ct)
    {
        var profile = await profiles.GetAsync(ct);
        var now = clock.GetUtcNow();
        var year = TimeZoneInfo.ConvertTime(now, profile.Zone).Year;
        var prefix = report.Team.ToUpperInvariant();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var seq = await Numbering.NextAsync(db, $"{prefix}-{year}", ct);
        var @case = new Case
        {
            Number = $"{prefix}-{year}-{seq:D4}",
            Team = report.Team,
            Title = report.Title.Length > 200 ? report.Title[..200] : report.Title,
            Status = CaseStatus.Open,
            OpenedAt = now,
            Kind = report.Kind.ToApi(),
            ClockStartedAt = report.ReceivedAt,
        };
        db.Cases.Add(@case);
        report.Accept(@case);
        await db.SaveChangesAsync(ct);
        db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, ReportId = report.Id, At = now, Actor = actor, Action = "case.opened", Detail = report.TrackingNumber });
        db.Timeline.Add(new TimelineEntry { ReportId = report.Id, At = now, Actor = actor, Action = "report.accepted", Detail = @case.Number });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        inbox.Bump();
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

    /// <summary>Answers with the templated bilingual out-of-scope text (the team's "we do not do" list) through the outbox.</summary>
    public async Task MarkOutOfScopeAsync(Report report, string actor, CancellationToken ct)
    {
        var profile = await profiles.GetAsync(ct);
        var now = clock.GetUtcNow();
        report.MarkOutOfScope();
        var mail = OutOfScopeMail.Render(profile, report);
        db.Outbox.Add(new OutboxMessage { Kind = "report-out-of-scope", Recipient = report.ReporterEmail, Language = report.Language, Subject = mail.Subject, Body = mail.Body, CreatedAt = now });
        db.Timeline.Add(new TimelineEntry { ReportId = report.Id, At = now, Actor = actor, Action = "report.out-of-scope" });
        await db.SaveChangesAsync(ct);
        inbox.Bump();
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

    /// <summary>Records that a person answered the reporter (until replies are sent from the console): stops the acknowledgement clock.</summary>
    public async Task RecordReplyAsync(Case @case, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        @case.AcknowledgedAt ??= now;
        db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = now, Actor = actor, Action = "case.replied" });
        await db.SaveChangesAsync(ct);
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

public static class OutOfScopeMail
{
    public static MailText Render(TeamProfile profile, Report report)
    {
        var ja = string.Join("\n", profile.Charter.NotDone.Select(n => "・" + n.Ja));
        var en = string.Join("\n", profile.Charter.NotDone.Select(n => "- " + n.En));
        return new MailText(
            $"[{report.TrackingNumber}] ご報告について / About your report",
            $"""
            ご報告ありがとうございます。誠に恐れ入りますが、本件は {profile.Organization.ShortName.Ja} の対応範囲外のため、対応いたしかねます。
            {profile.Organization.ShortName.Ja} は以下を実施いたしません。
            {ja}

            Thank you for your report. We are sorry, but this matter is outside the scope of {profile.Organization.ShortName.En}.
            {profile.Organization.ShortName.En} does not do the following:
            {en}
            """);
    }
}

public static class CasesModule
{
    public static void AddCases(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CaseOperations>();
        builder.Services.AddScoped<Triage.SeverityPolicyStore>();
    }
}
