using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SirtDesk.Coordination;

/// <summary>A contact taking part in a case, with one mail thread of its own.</summary>
public sealed class CaseParticipant
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public long ContactId { get; set; }
    public Contact? Contact { get; set; }

    /// <summary>reporter, coordinator, vendor, customer or internal.</summary>
    public required string Role { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public required string AddedBy { get; set; }

    /// <summary>The Message-ID of the last mail the team sent this participant: the next one answers it, so each participant has one thread.</summary>
    public string? LastMessageId { get; set; }

    public static readonly IReadOnlyList<string> Roles = ["reporter", "coordinator", "vendor", "customer", "internal"];
}

/// <summary>One vulnerability of a case, with the CVE id once one is assigned (entered by hand).</summary>
public sealed class CaseVulnerability
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public required string Title { get; set; }
    public string? CveId { get; set; }
}

/// <summary>
/// A vendor's answer about one vulnerability. Rows are only added: the latest is the current status, the rest its
/// history. No row at all means the vendor has not answered (unknown), which is not the same as not affected.
/// </summary>
public sealed class VendorStatus
{
    public long Id { get; set; }
    public long VulnerabilityId { get; set; }
    public long ParticipantId { get; set; }

    /// <summary>unknown, under-investigation, affected, not-affected or fixed.</summary>
    public required string Status { get; set; }
    public string? Statement { get; set; }
    public required string SetBy { get; set; }
    public DateTimeOffset SetAt { get; set; }

    public static readonly IReadOnlyList<string> Values = ["unknown", "under-investigation", "affected", "not-affected", "fixed"];
}

public enum ApprovalState
{
    Pending,
    Approved,
    Declined,
}

/// <summary>A draft to a law-enforcement, regulator or press contact, waiting for Legal or PR.</summary>
public sealed class ApprovalRequest
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public long ContactId { get; set; }
    public Contact? Contact { get; set; }

    /// <summary>Legal or PR: the only role that may decide.</summary>
    public required string ApproverRole { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public required string Reason { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public ApprovalState State { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
}

internal sealed class CaseParticipantConfiguration : IEntityTypeConfiguration<CaseParticipant>
{
    public void Configure(EntityTypeBuilder<CaseParticipant> b)
    {
        b.ToTable("CaseParticipants");
        b.HasIndex(p => new { p.CaseId, p.ContactId }).IsUnique();
        b.HasOne<Cases.Case>().WithMany().HasForeignKey(p => p.CaseId);
        b.HasOne(p => p.Contact).WithMany().HasForeignKey(p => p.ContactId);
        b.Property(p => p.Role).HasMaxLength(16);
    }
}

internal sealed class CaseVulnerabilityConfiguration : IEntityTypeConfiguration<CaseVulnerability>
{
    public void Configure(EntityTypeBuilder<CaseVulnerability> b)
    {
        b.ToTable("CaseVulnerabilities");
        b.HasIndex(v => v.CaseId);
        b.HasOne<Cases.Case>().WithMany().HasForeignKey(v => v.CaseId);
        b.Property(v => v.Title).HasMaxLength(200);
        b.Property(v => v.CveId).HasMaxLength(32);
    }
}

internal sealed class VendorStatusConfiguration : IEntityTypeConfiguration<VendorStatus>
{
    public void Configure(EntityTypeBuilder<VendorStatus> b)
    {
        b.ToTable("VendorStatuses");
        b.HasIndex(s => new { s.VulnerabilityId, s.ParticipantId });
        b.HasOne<CaseVulnerability>().WithMany().HasForeignKey(s => s.VulnerabilityId);
        b.HasOne<CaseParticipant>().WithMany().HasForeignKey(s => s.ParticipantId);
        b.Property(s => s.Status).HasMaxLength(32);
    }
}

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> b)
    {
        b.ToTable("ApprovalRequests");
        b.HasIndex(a => new { a.State, a.ApproverRole });
        b.HasOne<Cases.Case>().WithMany().HasForeignKey(a => a.CaseId);
        b.HasOne(a => a.Contact).WithMany().HasForeignKey(a => a.ContactId);
        b.Property(a => a.ApproverRole).HasMaxLength(32);
        b.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
    }
}
