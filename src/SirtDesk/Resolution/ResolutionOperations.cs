using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Data;

namespace SirtDesk.Resolution;

/// <summary>Library entry as entered on the staff page.</summary>
public sealed record RecommendationText(string TitleJa, string TitleEn, string TextJa, string TextEn)
{
    public const int MaxTitle = 200;
    public const int MaxText = 8192;

    public bool IsValid =>
        !string.IsNullOrWhiteSpace(TitleJa) && !string.IsNullOrWhiteSpace(TitleEn)
        && TitleJa.Length <= MaxTitle && TitleEn.Length <= MaxTitle && TextJa.Length <= MaxText && TextEn.Length <= MaxText;
}

/// <summary>The root-cause analysis as entered.</summary>
public sealed record RootCauseText(string WhatHappened, string Why, string ContributingFactors)
{
    public const int MaxLength = 65536;

    public bool IsValid => WhatHappened.Length <= MaxLength && Why.Length <= MaxLength && ContributingFactors.Length <= MaxLength;
}

/// <summary>An open recommendation on the follow-up list.</summary>
public sealed record FollowUpItem(long Id, string CaseNumber, string Team, string CaseTitle, string TitleJa, string TitleEn, RecommendationStatus Status, DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>Root-cause analysis, the recommendation library and each case's recommendations. Every change to a case goes to its timeline.</summary>
public sealed class ResolutionOperations(SirtDb db, TimeProvider clock)
{
    public async Task<Recommendation?> AddToLibraryAsync(RecommendationText text, CancellationToken ct)
    {
        if (!text.IsValid)
        {
            return null;
        }
        var entry = new Recommendation { TitleJa = text.TitleJa.Trim(), TitleEn = text.TitleEn.Trim(), TextJa = text.TextJa.Trim(), TextEn = text.TextEn.Trim(), UpdatedAt = clock.GetUtcNow() };
        db.Recommendations.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public async Task<bool> EditLibraryAsync(long id, RecommendationText text, bool retired, CancellationToken ct)
    {
        var entry = await db.Recommendations.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (entry is null || !text.IsValid)
        {
            return false;
        }
        entry.TitleJa = text.TitleJa.Trim();
        entry.TitleEn = text.TitleEn.Trim();
        entry.TextJa = text.TextJa.Trim();
        entry.TextEn = text.TextEn.Trim();
        entry.Retired = retired;
        entry.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<bool> SaveRootCauseAsync(Case @case, RootCauseText text, string actor, CancellationToken ct)
    {
        if (!text.IsValid)
        {
            return false;
        }
        var caseId = @case.Id;
        var now = clock.GetUtcNow();
        var rca = await db.RootCauses.FirstOrDefaultAsync(r => r.CaseId == caseId, ct);
        if (rca is null)
        {
            rca = new RootCauseAnalysis { CaseId = caseId, UpdatedBy = actor };
            db.RootCauses.Add(rca);
        }
        rca.WhatHappened = text.WhatHappened;
        rca.Why = text.Why;
        rca.ContributingFactors = text.ContributingFactors;
        rca.UpdatedAt = now;
        rca.UpdatedBy = actor;
        db.Timeline.Add(new TimelineEntry { CaseId = caseId, At = now, Actor = actor, Action = "case.root-cause" });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Proposes a library entry on the case; false when it does not exist, is retired, or is already on the case.</summary>
    public async Task<bool> ProposeAsync(Case @case, long recommendationId, string actor, CancellationToken ct)
    {
        var caseId = @case.Id;
        var entry = await db.Recommendations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recommendationId && !r.Retired, ct);
        if (entry is null || await db.CaseRecommendations.AnyAsync(r => r.CaseId == caseId && r.RecommendationId == recommendationId, ct))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        db.CaseRecommendations.Add(new CaseRecommendation { CaseId = caseId, RecommendationId = recommendationId, Status = RecommendationStatus.Proposed, ChangedAt = now, ChangedBy = actor });
        db.Timeline.Add(new TimelineEntry { CaseId = caseId, At = now, Actor = actor, Action = "case.recommendation", Detail = $"{entry.TitleJa} / {entry.TitleEn}: → {RecommendationStatus.Proposed}" });
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<bool> ChangeStatusAsync(Case @case, long caseRecommendationId, RecommendationStatus status, string actor, CancellationToken ct)
    {
        var caseId = @case.Id;
        var item = await db.CaseRecommendations.Include(r => r.Recommendation).FirstOrDefaultAsync(r => r.Id == caseRecommendationId && r.CaseId == caseId, ct);
        if (item is null || !Enum.IsDefined(status))
        {
            return false;
        }
        if (item.Status == status)
        {
            return true;
        }
        var now = clock.GetUtcNow();
        db.Timeline.Add(new TimelineEntry { CaseId = caseId, At = now, Actor = actor, Action = "case.recommendation", Detail = $"{item.Recommendation!.TitleJa} / {item.Recommendation.TitleEn}: {item.Status} → {status}" });
        item.Status = status;
        item.ChangedAt = now;
        item.ChangedBy = actor;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Proposed and accepted recommendations of the given teams (null: all), oldest change first.</summary>
    public async Task<IReadOnlyList<FollowUpItem>> FollowUpAsync(IReadOnlyList<string>? teams, CancellationToken ct)
    {
        var query = db.CaseRecommendations.AsNoTracking().Where(CaseRecommendation.Open);
        if (teams is not null)
        {
            query = query.Where(r => teams.Contains(r.Case!.Team));
        }
        var rows = await query
            .Select(r => new FollowUpItem(r.Id, r.Case!.Number, r.Case.Team, r.Case.Title, r.Recommendation!.TitleJa, r.Recommendation.TitleEn, r.Status, r.ChangedAt, r.ChangedBy))
            .ToListAsync(ct);
        // SQLite cannot order by DateTimeOffset in SQL.
        return [.. rows.OrderBy(r => r.ChangedAt).ThenBy(r => r.Id)];
    }
}
