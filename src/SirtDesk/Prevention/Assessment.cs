using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SirtDesk.Inventory;

namespace SirtDesk.Prevention;

/// <summary>
/// A recurring assessment of one product or service: a penetration test or a web-application assessment, every
/// year, half-year, quarter or month from its first date, each occurrence moved to the owning team's next business day.
/// </summary>
public sealed class AssessmentPlan
{
    public long Id { get; set; }
    public long ProductId { get; set; }
    public Product? Product { get; set; }
    public required string Kind { get; set; }
    public required string Recurrence { get; set; }

    /// <summary>The nominal date of the first occurrence; later ones are this date plus whole months.</summary>
    public DateOnly FirstDate { get; set; }
    public required string PerformerKind { get; set; }
    public required string Performer { get; set; }
    public string Scope { get; set; } = "";
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public List<Assessment> Occurrences { get; set; } = [];
}

/// <summary>
/// One occurrence of a plan: its business-day date, status, report (its name, type, length and hash here; the sealed
/// bytes in <see cref="Report"/>, loaded only for the download) and findings.
/// </summary>
public sealed class Assessment
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public AssessmentPlan? Plan { get; set; }

    /// <summary>0 for the first occurrence: the nominal date is the plan's first date plus Sequence × the recurrence's months.</summary>
    public int Sequence { get; set; }
    public DateOnly ScheduledOn { get; set; }
    public string Status { get; set; } = AssessmentStatuses.Planned;
    public string? ReportFileName { get; set; }
    public string? ReportContentType { get; set; }
    public long? ReportLength { get; set; }
    public string? ReportSha256 { get; set; }

    /// <summary>
    /// The report sealed at rest (up to 20 MB), in the same row (table splitting) but its own entity, so that pages
    /// listing occurrences never read it; null unless loaded explicitly (the download handler does).
    /// </summary>
    public AssessmentReport? Report { get; set; }
    public List<AssessmentFinding> Findings { get; set; } = [];

    /// <summary>planned → in-progress → done; planned or in-progress → cancelled. False (and no change) otherwise.</summary>
    public bool MoveTo(string status)
    {
        var allowed = (Status, status) switch
        {
            (AssessmentStatuses.Planned, AssessmentStatuses.InProgress) => true,
            (AssessmentStatuses.Planned or AssessmentStatuses.InProgress, AssessmentStatuses.Done) => true,
            (AssessmentStatuses.Planned or AssessmentStatuses.InProgress, AssessmentStatuses.Cancelled) => true,
            _ => false,
        };
        if (allowed)
        {
            Status = status;
        }
        return allowed;
    }
}

/// <summary>The sealed (AES-256-GCM) bytes of an occurrence's report: the <c>ReportSealed</c> column of its row.</summary>
public sealed class AssessmentReport
{
    /// <summary>The occurrence's id (same row).</summary>
    public long Id { get; set; }
    public required byte[] Sealed { get; set; }
}

/// <summary>A finding of an assessment; it became the linked case.</summary>
public sealed class AssessmentFinding
{
    public long Id { get; set; }
    public long AssessmentId { get; set; }
    public long CaseId { get; set; }
    public required string CaseNumber { get; set; }
    public required string Title { get; set; }
    public required string CvssVector { get; set; }
}

public static class AssessmentKinds
{
    public const string PenetrationTest = "penetration-test";
    public const string WebAssessment = "web-assessment";
    public static readonly IReadOnlyList<string> All = [PenetrationTest, WebAssessment];
}

public static class Recurrences
{
    public static readonly IReadOnlyDictionary<string, int> Months = new Dictionary<string, int>
    {
        ["yearly"] = 12,
        ["half-yearly"] = 6,
        ["quarterly"] = 3,
        ["monthly"] = 1,
    };

    public static IReadOnlyList<string> All => ["yearly", "half-yearly", "quarterly", "monthly"];
}

public static class PerformerKinds
{
    public static readonly IReadOnlyList<string> All = ["internal", "vendor"];
}

public static class AssessmentStatuses
{
    public const string Planned = "planned";
    public const string InProgress = "in-progress";
    public const string Done = "done";
    public const string Cancelled = "cancelled";
    public static readonly IReadOnlyList<string> All = [Planned, InProgress, Done, Cancelled];
}

internal sealed class AssessmentPlanConfiguration : IEntityTypeConfiguration<AssessmentPlan>
{
    public void Configure(EntityTypeBuilder<AssessmentPlan> b)
    {
        b.ToTable("AssessmentPlans");
        b.Property(p => p.Kind).HasMaxLength(32);
        b.Property(p => p.Recurrence).HasMaxLength(16);
        b.Property(p => p.PerformerKind).HasMaxLength(16);
        b.Property(p => p.Performer).HasMaxLength(200);
        b.Property(p => p.Scope).HasMaxLength(4000);
        b.Property(p => p.CreatedBy).HasMaxLength(320);
        b.HasOne(p => p.Product).WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Occurrences).WithOne(o => o.Plan).HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.ToTable("Assessments");
        b.HasIndex(a => new { a.PlanId, a.Sequence }).IsUnique();
        b.HasIndex(a => a.ScheduledOn);
        b.Property(a => a.Status).HasMaxLength(16);
        b.Property(a => a.ReportFileName).HasMaxLength(255);
        b.Property(a => a.ReportContentType).HasMaxLength(127);
        b.Property(a => a.ReportSha256).HasMaxLength(64);
        b.HasMany(a => a.Findings).WithOne().HasForeignKey(f => f.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.Report).WithOne().HasForeignKey<AssessmentReport>(r => r.Id);
    }
}

internal sealed class AssessmentReportConfiguration : IEntityTypeConfiguration<AssessmentReport>
{
    public void Configure(EntityTypeBuilder<AssessmentReport> b)
    {
        // Table splitting: same table and key as the occurrence, so the schema is unchanged.
        b.ToTable("Assessments");
        b.HasKey(r => r.Id);
        b.Property(r => r.Sealed).HasColumnName("ReportSealed");
    }
}

internal sealed class AssessmentFindingConfiguration : IEntityTypeConfiguration<AssessmentFinding>
{
    public void Configure(EntityTypeBuilder<AssessmentFinding> b)
    {
        b.ToTable("AssessmentFindings");
        b.Property(f => f.CaseNumber).HasMaxLength(64);
        b.Property(f => f.Title).HasMaxLength(200);
        b.Property(f => f.CvssVector).HasMaxLength(256);
        b.HasIndex(f => f.CaseId);
    }
}
