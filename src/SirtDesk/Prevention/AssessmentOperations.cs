using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Crypto;
using SirtDesk.Data;
using SirtDesk.Inventory;
using SirtDesk.Sla;
using SirtDesk.Staff;
using SirtDesk.Standards.Cvss;
using SirtDesk.Triage;

namespace SirtDesk.Prevention;

public sealed record PlanInput(string? Kind, string? Recurrence, string? FirstDate, string? PerformerKind, string? Performer, string? Scope);

/// <summary>
/// Assessment plans and their occurrences. Plans are edited by those who edit the product (administrators, the team's
/// coordinators); occurrences are worked on by anyone of the team who acts on cases.
/// </summary>
public sealed class AssessmentOperations(SirtDb db, StaffAccess access, SlaSettings sla, AtRestCipher cipher, CaseOperations cases, SeverityPolicyStore policies, TimeProvider clock)
{
    public const long MaxReportBytes = 20 * 1024 * 1024;

    /// <summary>Occurrences are kept scheduled this far ahead (the calendar and the feed show them).</summary>
    public static readonly int MonthsAhead = 13;

    public static IReadOnlyList<InventoryProblem> Validate(PlanInput input)
    {
        var problems = new List<InventoryProblem>();
        if (input.Kind is null || !AssessmentKinds.All.Contains(input.Kind))
        {
            problems.Add(new("kind", "Prev_KindInvalid"));
        }
        if (input.Recurrence is null || !Recurrences.Months.ContainsKey(input.Recurrence))
        {
            problems.Add(new("recurrence", "Prev_RecurrenceInvalid"));
        }
        if (InventoryOperations.ParseDate(input.FirstDate) is null)
        {
            problems.Add(new("first_date", "Inv_DateInvalid"));
        }
        if (input.PerformerKind is null || !PerformerKinds.All.Contains(input.PerformerKind))
        {
            problems.Add(new("performer_kind", "Prev_PerformerKindInvalid"));
        }
        if (string.IsNullOrWhiteSpace(input.Performer) || input.Performer.Trim().Length > 200)
        {
            problems.Add(new("performer", "Prev_PerformerRequired"));
        }
        if (input.Scope is { Length: > 4000 })
        {
            problems.Add(new("scope", "Prev_ScopeTooLong"));
        }
        return problems;
    }

    public async Task<AssessmentPlan> CreatePlanAsync(Product product, PlanInput input, string actor, CancellationToken ct)
    {
        var plan = new AssessmentPlan
        {
            ProductId = product.Id,
            Kind = input.Kind!,
            Recurrence = input.Recurrence!,
            FirstDate = InventoryOperations.ParseDate(input.FirstDate)!.Value,
            PerformerKind = input.PerformerKind!,
            Performer = input.Performer!.Trim(),
            Scope = input.Scope?.Trim() ?? "",
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor,
        };
        db.Add(plan);
        await db.SaveChangesAsync(ct);
        try
        {
            await ScheduleAsync([plan.Id], ct);
        }
        catch (DbUpdateException)
        {
            // A monitor round scheduled the new plan at the same moment (unique plan + sequence): its rows stand.
            db.ChangeTracker.Clear();
        }
        return plan;
    }

    /// <summary>
    /// Adds the missing occurrences of active plans up to <see cref="MonthsAhead"/> months from today, each on the
    /// owning team's next business day. Run when a plan is created and in every monitor round.
    /// </summary>
    public async Task<int> ScheduleAsync(IReadOnlyList<long>? planIds, CancellationToken ct)
    {
        var calendars = await sla.CalendarsAsync(ct);
        var query = db.Set<AssessmentPlan>().Include(p => p.Product).Where(p => p.Active);
        if (planIds is not null)
        {
            query = query.Where(p => planIds.Contains(p.Id));
        }
        var plans = await query.ToListAsync(ct);
        var ids = plans.Select(p => p.Id).ToList();
        var known = (await db.Set<Assessment>().Where(a => ids.Contains(a.PlanId)).Select(a => new { a.PlanId, a.Sequence }).ToListAsync(ct))
            .Select(a => (a.PlanId, a.Sequence)).ToHashSet();
        var added = 0;
        foreach (var plan in plans)
        {
            var calendar = calendars(plan.Product!.Team);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), calendar.TimeZone).DateTime);
            var until = (plan.FirstDate > today ? plan.FirstDate : today).AddMonths(MonthsAhead);
            foreach (var (sequence, date) in AssessmentSchedule.Occurrences(calendar, plan.FirstDate, plan.Recurrence, until))
            {
                if (known.Add((plan.Id, sequence)))
                {
                    db.Add(new Assessment { PlanId = plan.Id, Sequence = sequence, ScheduledOn = date });
                    added++;
                }
            }
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>A plan with its product and occurrences, when the user sees the product's team; else null.</summary>
    public async Task<AssessmentPlan?> FindPlanAsync(ClaimsPrincipal user, long id, CancellationToken ct)
    {
        var plan = await db.Set<AssessmentPlan>().Include(p => p.Product).Include(p => p.Occurrences).ThenInclude(o => o.Findings)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);
        return plan is not null && await access.CanSeeTeamAsync(user, plan.Product!.Team, ct) ? plan : null;
    }

    public async Task<List<AssessmentPlan>> ListPlansAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var visible = await access.VisibleTeamsAsync(user, ct);
        var query = db.Set<AssessmentPlan>().AsNoTracking().Include(p => p.Product).Include(p => p.Occurrences).AsSplitQuery();
        if (visible is not null)
        {
            query = query.Where(p => visible.Contains(p.Product!.Team));
        }
        return await query.OrderBy(p => p.Id).ToListAsync(ct);
    }

    /// <summary>Ends a plan (the service was retired, say): no new occurrences, and the planned ones from today on are cancelled.</summary>
    public async Task StopPlanAsync(AssessmentPlan plan, CancellationToken ct)
    {
        var calendar = (await sla.CalendarsAsync(ct))(plan.Product!.Team);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), calendar.TimeZone).DateTime);
        plan.Active = false;
        foreach (var o in plan.Occurrences.Where(o => o.Status == AssessmentStatuses.Planned && o.ScheduledOn >= today))
        {
            o.MoveTo(AssessmentStatuses.Cancelled);
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<bool> ChangeStatusAsync(Assessment assessment, string status, CancellationToken ct)
    {
        if (!assessment.MoveTo(status))
        {
            return false;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Stores the report sealed at rest (AES-256-GCM), replacing an earlier one. The name is kept as given and only ever shown encoded.</summary>
    public async Task AttachReportAsync(Assessment assessment, string fileName, string? contentType, byte[] content, CancellationToken ct)
    {
        assessment.ReportFileName = fileName.Length > 255 ? fileName[..255] : fileName;
        assessment.ReportContentType = string.IsNullOrWhiteSpace(contentType) || contentType.Length > 127 ? "application/octet-stream" : contentType;
        assessment.ReportLength = content.Length;
        assessment.ReportSha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var sealedBytes = cipher.Seal(content);
        if (assessment.Report is { } loaded)
        {
            loaded.Sealed = sealedBytes;
        }
        else
        {
            // The row exists (table splitting): update its ReportSealed column without reading the earlier report.
            var report = new AssessmentReport { Id = assessment.Id, Sealed = sealedBytes };
            db.Attach(report);
            db.Entry(report).Property(r => r.Sealed).IsModified = true;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The decrypted report of an occurrence, or null when it has none; the one place the sealed bytes are read.</summary>
    public async Task<byte[]?> OpenReportAsync(Assessment assessment, CancellationToken ct)
    {
        var sealedBytes = await db.Set<AssessmentReport>().AsNoTracking().Where(r => r.Id == assessment.Id).Select(r => r.Sealed).FirstOrDefaultAsync(ct);
        return sealedBytes is null ? null : cipher.Open(sealedBytes);
    }

    /// <summary>
    /// Turns a finding into a case of the product's team, scored with the vector and triaged with the product's
    /// exposure and deployment base; the finding keeps the link.
    /// </summary>
    public async Task<(AssessmentFinding? Finding, string? Error)> AddFindingAsync(AssessmentPlan plan, Assessment assessment, string? title, string? vector, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 200)
        {
            return (null, "Prev_FindingTitleRequired");
        }
        var parsed = CvssVector.Parse(vector?.Trim());
        if (!parsed.IsValid)
        {
            return (null, "Prev_FindingVectorInvalid");
        }
        var product = plan.Product!;
        var source = $"assessment {plan.Kind} {assessment.ScheduledOn:yyyy-MM-dd} ({product.Key})";
        var opened = await cases.OpenInternalCaseAsync(product.Team, title.Trim(), source, actor, ct);
        var tracked = await db.Cases.SingleAsync(c => c.Id == opened.Id, ct);
        var factors = InventoryFacts.TriageFactors(product);
        await cases.RescoreAsync(tracked, parsed.Vector, factors, await policies.GetAsync(ct), "assessment finding", actor, ct);
        var finding = new AssessmentFinding { AssessmentId = assessment.Id, CaseId = opened.Id, CaseNumber = opened.Number, Title = title.Trim(), CvssVector = parsed.Vector.ToString() };
        assessment.Findings.Add(finding);
        await db.SaveChangesAsync(ct);
        return (finding, null);
    }
}
