using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SirtDesk.Cases;
using SirtDesk.Intake;
using SirtDesk.Staff;

namespace SirtDesk.Data;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> b)
    {
        b.HasIndex(r => r.TrackingNumber).IsUnique();
        b.HasIndex(r => r.TrackingTokenHash).IsUnique();
        b.HasIndex(r => new { r.Team, r.Status });
        b.HasIndex(r => r.Status);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.TrackingNumber).HasMaxLength(32);
        b.Property(r => r.Team).HasMaxLength(64);
        b.Property(r => r.Encryption).HasMaxLength(16);
        b.Property(r => r.SignatureStatus).HasMaxLength(16);
        b.HasIndex(r => r.MessageId);
        b.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Case).WithMany(c => c.Reports).HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.HasIndex(c => c.Number).IsUnique();
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.Number).HasMaxLength(64);
        b.Property(c => c.Severity).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.CvssVector).HasMaxLength(256);
        b.Property(c => c.Tlp).HasMaxLength(8);
    }
}

internal sealed class TimelineConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> b)
    {
        b.ToTable("Timeline");
        b.HasOne(t => t.Report).WithMany().HasForeignKey(t => t.ReportId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => t.CaseId);
        b.HasIndex(t => t.ReportId);
    }
}

internal sealed class CasePauseConfiguration : IEntityTypeConfiguration<CasePause>
{
    public void Configure(EntityTypeBuilder<CasePause> b)
    {
        b.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.CaseId);
    }
}

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.HasIndex(o => o.SentAt);
        b.HasIndex(o => new { o.Recipient, o.Kind });
    }
}

internal sealed class CounterConfiguration : IEntityTypeConfiguration<Counter>
{
    public void Configure(EntityTypeBuilder<Counter> b) => b.HasKey(c => c.Key);
}

internal sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> b) => b.HasKey(s => s.Key);
}

internal sealed class TeamMembershipConfiguration : IEntityTypeConfiguration<TeamMembership>
{
    public void Configure(EntityTypeBuilder<TeamMembership> b) => b.HasKey(m => new { m.UserId, m.Team });
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b) => b.HasIndex(t => t.TokenHash).IsUnique();
}
