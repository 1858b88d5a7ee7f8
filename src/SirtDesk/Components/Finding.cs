using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SirtDesk.Components;

/// <summary>The SBOM of one product version: the last one imported replaces the one before.</summary>
public sealed class Sbom
{
    public long Id { get; set; }
    public long ProductVersionId { get; set; }
    public required string SpecVersion { get; set; }
    public string? SerialNumber { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public required string ImportedBy { get; set; }
    public int ComponentCount { get; set; }
}

/// <summary>One component of an SBOM, nested ones included (<see cref="Depth"/> 0 is top level).</summary>
public sealed class SbomComponent
{
    public long Id { get; set; }
    public long SbomId { get; set; }
    public long ProductVersionId { get; set; }

    /// <summary>The Package URL as written in the SBOM (null when the component has none, or an invalid one).</summary>
    public string? Purl { get; set; }

    /// <summary>The purl without version, qualifiers and subpath: the "same component" across versions.</summary>
    public string? Package { get; set; }

    /// <summary>The OSV (ecosystem, name) key the advisories are indexed by; null when the purl type has no OSV ecosystem.</summary>
    public string? PackageKey { get; set; }
    public required string Name { get; set; }
    public string? Group { get; set; }
    public string? Version { get; set; }
    public required string Type { get; set; }
    public string? BomRef { get; set; }
    public int Depth { get; set; }
}

/// <summary>The CycloneDX VEX analysis states (<c>vulnerabilities[].analysis.state</c>) a finding can be in.</summary>
public static class AnalysisStates
{
    public const string InTriage = "in_triage";
    public const string Exploitable = "exploitable";
    public const string NotAffected = "not_affected";
    public const string Resolved = "resolved";
    public const string FalsePositive = "false_positive";
    public static readonly IReadOnlyList<string> All = [InTriage, Exploitable, NotAffected, Resolved, FalsePositive];

    /// <summary>CycloneDX <c>analysis.justification</c> values; one is required for not_affected.</summary>
    public static readonly IReadOnlyList<string> Justifications =
    [
        "code_not_present", "code_not_reachable", "requires_configuration", "requires_dependency", "requires_environment",
        "protected_by_compiler", "protected_at_runtime", "protected_at_perimeter", "protected_by_mitigating_control",
    ];
}

/// <summary>One advisory affecting one component of one product version, and what the team decided about it.</summary>
public sealed class Finding
{
    public long Id { get; set; }
    public long ProductVersionId { get; set; }

    /// <summary>The owning team of the product: who may see and decide.</summary>
    public required string Team { get; set; }
    public required string Purl { get; set; }
    public required string Package { get; set; }
    public required string ComponentName { get; set; }
    public long AdvisoryId { get; set; }
    public required string OsvId { get; set; }
    public string State { get; set; } = AnalysisStates.InTriage;
    public string? Justification { get; set; }
    public string? Detail { get; set; }
    public DateTimeOffset FoundAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "sirtdesk";

    /// <summary>The PSIRT case opened when the finding became exploitable at or above the configured severity.</summary>
    public long? CaseId { get; set; }
}

/// <summary>The history of a finding (append-only): a decision (old → new state) or a comment, who and when.</summary>
public sealed class FindingEvent
{
    public long Id { get; set; }
    public long FindingId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }

    /// <summary>found, decided, commented, case-opened.</summary>
    public required string Action { get; set; }
    public string? OldState { get; set; }
    public string? NewState { get; set; }
    public string? Justification { get; set; }
    public string? Text { get; set; }
}

internal sealed class SbomConfiguration : IEntityTypeConfiguration<Sbom>
{
    public void Configure(EntityTypeBuilder<Sbom> b)
    {
        b.ToTable("Sboms");
        b.HasIndex(s => s.ProductVersionId).IsUnique();
        b.HasOne<Inventory.ProductVersion>().WithMany().HasForeignKey(s => s.ProductVersionId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.SpecVersion).HasMaxLength(8);
        b.Property(s => s.SerialNumber).HasMaxLength(128);
        b.Property(s => s.ImportedBy).HasMaxLength(256);
    }
}

internal sealed class SbomComponentConfiguration : IEntityTypeConfiguration<SbomComponent>
{
    public void Configure(EntityTypeBuilder<SbomComponent> b)
    {
        b.ToTable("SbomComponents");
        b.HasOne<Sbom>().WithMany().HasForeignKey(c => c.SbomId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.SbomId);
        b.HasIndex(c => c.PackageKey);
        b.HasIndex(c => c.ProductVersionId);
    }
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> b)
    {
        b.ToTable("Findings");
        b.HasIndex(f => new { f.ProductVersionId, f.Purl, f.AdvisoryId }).IsUnique();
        b.HasIndex(f => f.Package);
        b.HasIndex(f => f.State);
        b.HasOne<Inventory.ProductVersion>().WithMany().HasForeignKey(f => f.ProductVersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OsvAdvisory>().WithMany().HasForeignKey(f => f.AdvisoryId).OnDelete(DeleteBehavior.Cascade);
        b.Property(f => f.Team).HasMaxLength(64);
        b.Property(f => f.OsvId).HasMaxLength(255);
        b.Property(f => f.State).HasMaxLength(32);
        b.Property(f => f.Justification).HasMaxLength(64);
        b.Property(f => f.UpdatedBy).HasMaxLength(256);
    }
}

internal sealed class FindingEventConfiguration : IEntityTypeConfiguration<FindingEvent>
{
    public void Configure(EntityTypeBuilder<FindingEvent> b)
    {
        b.ToTable("FindingEvents");
        b.HasOne<Finding>().WithMany().HasForeignKey(e => e.FindingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => e.FindingId);
        b.Property(e => e.Action).HasMaxLength(32);
        b.Property(e => e.OldState).HasMaxLength(32);
        b.Property(e => e.NewState).HasMaxLength(32);
    }
}
