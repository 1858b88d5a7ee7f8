using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.Inventory;
using SirtDesk.PublicSite;
using SirtDesk.Staff;

namespace SirtDesk.Prevention;

public sealed record ReviewInput(string? Kind, string? Team, long? ProductVersionId, string? Title, string? ReviewerId, string? DueOn);

/// <summary>One line of a digest: who gets it and what it says.</summary>
public sealed record DigestLine(long AlertId, string Recipient, string Text);

/// <summary>
/// Plan reviews: created by administrators and the team's coordinators, answered by the team, signed off by the
/// reviewer alone. Overdue reviews raise one alert per recipient (reviewer and the team's coordinators), mailed in the
/// SLA digest so a person still gets at most one message an hour.
/// </summary>
public sealed class PlanReviewOperations(SirtDb db, StaffAccess access, InventoryOperations inventory, ReviewTemplates templates, ProfileStore profiles, TimeProvider clock)
{
    public async Task<List<PlanReview>> ListAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var visible = await access.VisibleTeamsAsync(user, ct);
        var query = db.Set<PlanReview>().AsNoTracking().Include(r => r.Items).Include(r => r.Actions).Include(r => r.ProductVersion).ThenInclude(v => v!.Product).AsSplitQuery();
        if (visible is not null)
        {
            query = query.Where(r => visible.Contains(r.Team));
        }
        return await query.OrderBy(r => r.Id).ToListAsync(ct);
    }

    public async Task<PlanReview?> FindAsync(ClaimsPrincipal user, long id, CancellationToken ct)
    {
        var review = await db.Set<PlanReview>().Include(r => r.Items).Include(r => r.Actions).Include(r => r.ProductVersion).ThenInclude(v => v!.Product)
            .AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, ct);
        return review is not null && await access.CanSeeTeamAsync(user, review.Team, ct) ? review : null;
    }

    /// <summary>Staff who may review for a team: its members and administrators, by display name.</summary>
    public async Task<List<(string Id, string Name, string Email)>> ReviewersAsync(IReadOnlyList<string> teams, CancellationToken ct)
    {
        var adminIds = from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == Roles.Administrator select ur.UserId;
        var rows = await db.Users.Where(u => adminIds.Contains(u.Id) || db.TeamMemberships.Any(m => m.UserId == u.Id && teams.Contains(m.Team)))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, r.DisplayName ?? r.Email ?? r.Id, r.Email ?? "")).OrderBy(r => r.Item2, StringComparer.Ordinal)];
    }

    public async Task<(PlanReview? Review, IReadOnlyList<InventoryProblem> Problems)> CreateAsync(ClaimsPrincipal user, ReviewInput input, CancellationToken ct)
    {
        var problems = new List<InventoryProblem>();
        var teams = (await profiles.GetAsync(ct)).Teams.Select(t => t.Key).ToList();
        if (input.Kind is null || !ReviewKinds.All.Contains(input.Kind))
        {
            problems.Add(new("kind", "Prev_ReviewKindInvalid"));
        }
        ProductVersion? version = null;
        var team = input.Team;
        if (input.Kind == ReviewKinds.VerificationPlan)
        {
            version = input.ProductVersionId is { } vid ? await db.Set<ProductVersion>().Include(v => v.Product).FirstOrDefaultAsync(v => v.Id == vid, ct) : null;
            if (version is null || !await access.CanSeeTeamAsync(user, version.Product!.Team, ct))
            {
                problems.Add(new("product_version", "Prev_ReleaseRequired"));
            }
            else
            {
                team = version.Product!.Team;
            }
        }
        if (team is null || !teams.Contains(team))
        {
            problems.Add(new("team", "Inv_TeamUnknown"));
        }
        else if (!InventoryOperations.MayEdit(await inventory.EditableTeamsAsync(user, ct), team))
        {
            problems.Add(new("team", "Inv_NotYourTeam"));
        }
        var title = string.IsNullOrWhiteSpace(input.Title) && version is not null ? $"{version.Product!.NameEn} {version.Version}" : input.Title?.Trim();
        if (string.IsNullOrWhiteSpace(title) || title.Length > 200)
        {
            problems.Add(new("title", "Prev_TitleRequired"));
        }
        var due = InventoryOperations.ParseDate(input.DueOn);
        if (due is null)
        {
            problems.Add(new("due_on", "Inv_DateInvalid"));
        }
        (string Id, string Name, string Email)? reviewer = team is null ? null : (await ReviewersAsync([team], ct)).Where(r => r.Id == input.ReviewerId).Select(r => ((string, string, string)?)r).FirstOrDefault();
        if (reviewer is null)
        {
            problems.Add(new("reviewer", "Prev_ReviewerInvalid"));
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        var items = await templates.GetAsync(input.Kind!, ct);
        var review = new PlanReview
        {
            Kind = input.Kind!,
            Team = team!,
            ProductVersionId = version?.Id,
            Title = title!,
            ReviewerId = reviewer!.Value.Id,
            ReviewerName = reviewer.Value.Name,
            DueOn = due!.Value,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = StaffAccess.Actor(user),
            Items = [.. items.Select((t, i) => new PlanReviewItem { Position = i + 1, TextJa = t.Ja, TextEn = t.En })],
        };
        db.Add(review);
        await db.SaveChangesAsync(ct);
        return (review, []);
    }

    public static bool MayWork(ClaimsPrincipal user, PlanReview review) =>
        StaffAccess.CanAct(user) || user.FindFirstValue(ClaimTypes.NameIdentifier) == review.ReviewerId;

    public async Task<string?> AnswerAsync(PlanReview review, long itemId, string? answer, string? evidence, string? link, string actor, CancellationToken ct)
    {
        var item = review.Items.FirstOrDefault(i => i.Id == itemId);
        if (item is null || review.SignedOff)
        {
            return "Prev_ReviewClosed";
        }
        if (answer is null || !ReviewAnswers.All.Contains(answer))
        {
            return "Prev_AnswerInvalid";
        }
        if (!string.IsNullOrWhiteSpace(link) && (!Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || link.Length > 2000))
        {
            return "Prev_LinkInvalid";
        }
        if (evidence is { Length: > 4000 })
        {
            return "Prev_EvidenceTooLong";
        }
        item.Answer = answer;
        item.Evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
        item.EvidenceLink = string.IsNullOrWhiteSpace(link) ? null : link.Trim();
        item.AnsweredBy = actor;
        item.AnsweredAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<bool> SignOffAsync(PlanReview review, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!review.SignOff(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", StaffAccess.Actor(user), clock.GetUtcNow()))
        {
            return false;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<string?> AddActionAsync(PlanReview review, string? text, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > 2000)
        {
            return "Prev_ActionRequired";
        }
        review.Actions.Add(new PlanReviewAction { Text = text.Trim(), CreatedAt = clock.GetUtcNow(), CreatedBy = actor });
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<bool> CompleteActionAsync(PlanReview review, long actionId, string actor, CancellationToken ct)
    {
        var action = review.Actions.FirstOrDefault(a => a.Id == actionId);
        if (action is null || action.Done)
        {
            return false;
        }
        action.Done = true;
        action.DoneAt = clock.GetUtcNow();
        action.DoneBy = actor;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Raises an alert for each review past its due date (in the organisation's zone) that is not signed off, once per
    /// review and recipient: the reviewer and the team's coordinators. The SLA monitor runs this and mails the alerts.
    /// </summary>
    public async Task RaiseOverdueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var zone = (await profiles.GetAsync(ct)).Zone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var overdue = await db.Set<PlanReview>().Where(r => r.SignedOffAt == null && r.DueOn < today)
            .Select(r => new { r.Id, r.Team, r.ReviewerId }).ToListAsync(ct);
        if (overdue.Count == 0)
        {
            return;
        }
        var ids = overdue.Select(r => r.Id).ToList();
        var existing = (await db.Set<PlanReviewAlert>().Where(a => ids.Contains(a.ReviewId)).Select(a => new { a.ReviewId, a.Recipient }).ToListAsync(ct))
            .Select(a => (a.ReviewId, a.Recipient)).ToHashSet();
        var recipients = await MonitorRecipients.ForAsync(db, [.. overdue.Select(r => (r.Team, (string?)r.ReviewerId))], ct);
        for (var i = 0; i < overdue.Count; i++)
        {
            var r = overdue[i];
            foreach (var recipient in recipients[i])
            {
                if (existing.Add((r.Id, recipient)))
                {
                    db.Add(new PlanReviewAlert { ReviewId = r.Id, Recipient = recipient, RaisedAt = now.ToUniversalTime() });
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The alerts not mailed yet, as digest lines.</summary>
    public async Task<IReadOnlyList<DigestLine>> PendingDigestLinesAsync(CancellationToken ct)
    {
        var rows = await (from a in db.Set<PlanReviewAlert>()
                          join r in db.Set<PlanReview>() on a.ReviewId equals r.Id
                          where a.DigestedAt == null
                          orderby a.Id
                          select new { a.Id, a.Recipient, r.Kind, r.Title, r.DueOn, r.ReviewerName }).ToListAsync(ct);
        return [.. rows.Select(r => new DigestLine(r.Id, r.Recipient,
            $"{(r.Kind == ReviewKinds.VerificationPlan ? "検証計画レビュー / verification-plan review" : "対応計画レビュー / incident-response-plan review")}  期限超過 / OVERDUE  {r.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}  {r.Title} ({r.ReviewerName})"))];
    }

    /// <summary>Marks lines as mailed; the caller saves with the digest it wrote them into.</summary>
    public async Task MarkDigestedAsync(IEnumerable<long> alertIds, DateTimeOffset at, CancellationToken ct)
    {
        var ids = alertIds.ToList();
        foreach (var alert in await db.Set<PlanReviewAlert>().Where(a => ids.Contains(a.Id)).ToListAsync(ct))
        {
            alert.DigestedAt = at.ToUniversalTime();
        }
    }
}
