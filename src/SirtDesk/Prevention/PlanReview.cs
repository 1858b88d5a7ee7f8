using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SirtDesk.Inventory;
using SirtDesk.PublicSite;

namespace SirtDesk.Prevention;

/// <summary>
/// A review of a verification plan (of one product release: a product version) or of the team's incident-response
/// plan, against a copy of the checklist template taken when the review was created.
/// </summary>
public sealed class PlanReview
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string Team { get; set; }
    public long? ProductVersionId { get; set; }
    public ProductVersion? ProductVersion { get; set; }
    public required string Title { get; set; }
    public required string ReviewerId { get; set; }
    public required string ReviewerName { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? SignedOffAt { get; set; }
    public string? SignedOffBy { get; set; }
    public List<PlanReviewItem> Items { get; set; } = [];
    public List<PlanReviewAction> Actions { get; set; } = [];

    public bool SignedOff => SignedOffAt is not null;

    /// <summary>Only the reviewer signs off, once, and only when every item has an answer.</summary>
    public bool SignOff(string userId, string actor, DateTimeOffset at)
    {
        if (SignedOff || userId != ReviewerId || Items.Any(i => i.Answer is null))
        {
            return false;
        }
        SignedOffAt = at;
        SignedOffBy = actor;
        return true;
    }
}

public sealed class PlanReviewItem
{
    public long Id { get; set; }
    public long ReviewId { get; set; }
    public int Position { get; set; }
    public required string TextJa { get; set; }
    public required string TextEn { get; set; }

    /// <summary>yes, no or n/a; null while unanswered.</summary>
    public string? Answer { get; set; }
    public string? Evidence { get; set; }
    public string? EvidenceLink { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    public LocalizedText Text => new(TextJa, TextEn);
}

/// <summary>Something the review found to do; open until someone marks it done.</summary>
public sealed class PlanReviewAction
{
    public long Id { get; set; }
    public long ReviewId { get; set; }
    public required string Text { get; set; }
    public bool Done { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
}

/// <summary>An overdue review raised for one recipient, mailed in that person's next SLA digest.</summary>
public sealed class PlanReviewAlert
{
    public long Id { get; set; }
    public long ReviewId { get; set; }
    public required string Recipient { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? DigestedAt { get; set; }
}

public static class ReviewKinds
{
    public const string VerificationPlan = "verification-plan";
    public const string IncidentResponsePlan = "incident-response-plan";
    public static readonly IReadOnlyList<string> All = [VerificationPlan, IncidentResponsePlan];
}

public static class ReviewAnswers
{
    public static readonly IReadOnlyList<string> All = ["yes", "no", "n/a"];
}

internal sealed class PlanReviewConfiguration : IEntityTypeConfiguration<PlanReview>
{
    public void Configure(EntityTypeBuilder<PlanReview> b)
    {
        b.ToTable("PlanReviews");
        b.Property(r => r.Kind).HasMaxLength(32);
        b.Property(r => r.Team).HasMaxLength(64);
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.ReviewerId).HasMaxLength(450);
        b.Property(r => r.ReviewerName).HasMaxLength(256);
        b.Property(r => r.CreatedBy).HasMaxLength(320);
        b.Property(r => r.SignedOffBy).HasMaxLength(320);
        b.HasIndex(r => r.Team);
        b.HasOne(r => r.ProductVersion).WithMany().HasForeignKey(r => r.ProductVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.ReviewId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Actions).WithOne().HasForeignKey(a => a.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanReviewItemConfiguration : IEntityTypeConfiguration<PlanReviewItem>
{
    public void Configure(EntityTypeBuilder<PlanReviewItem> b)
    {
        b.ToTable("PlanReviewItems");
        b.Property(i => i.TextJa).HasMaxLength(1000);
        b.Property(i => i.TextEn).HasMaxLength(1000);
        b.Property(i => i.Answer).HasMaxLength(8);
        b.Property(i => i.Evidence).HasMaxLength(4000);
        b.Property(i => i.EvidenceLink).HasMaxLength(2000);
        b.Property(i => i.AnsweredBy).HasMaxLength(320);
        b.Ignore(i => i.Text);
    }
}

internal sealed class PlanReviewActionConfiguration : IEntityTypeConfiguration<PlanReviewAction>
{
    public void Configure(EntityTypeBuilder<PlanReviewAction> b)
    {
        b.ToTable("PlanReviewActions");
        b.Property(a => a.Text).HasMaxLength(2000);
        b.Property(a => a.CreatedBy).HasMaxLength(320);
        b.Property(a => a.DoneBy).HasMaxLength(320);
    }
}

internal sealed class PlanReviewAlertConfiguration : IEntityTypeConfiguration<PlanReviewAlert>
{
    public void Configure(EntityTypeBuilder<PlanReviewAlert> b)
    {
        b.ToTable("PlanReviewAlerts");
        b.HasIndex(a => new { a.ReviewId, a.Recipient }).IsUnique();
        b.HasIndex(a => a.DigestedAt);
        b.Property(a => a.Recipient).HasMaxLength(320);
    }
}

/// <summary>A staff member's calendar-feed token: the id is in the URL beside the secret; only the secret's SHA-256 is kept.</summary>
public sealed class CalendarToken
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class CalendarTokenConfiguration : IEntityTypeConfiguration<CalendarToken>
{
    public void Configure(EntityTypeBuilder<CalendarToken> b)
    {
        b.ToTable("CalendarTokens");
        b.HasIndex(t => t.UserId).IsUnique();
        b.Property(t => t.UserId).HasMaxLength(450);
        b.Property(t => t.SecretHash).HasMaxLength(64);
    }
}
