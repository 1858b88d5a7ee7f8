using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Intake;
using SirtDesk.Staff;

namespace SirtDesk.Data;

/// <summary>
/// The one model. Each provider has a subclass only so that each keeps its own generated migrations.
/// </summary>
public abstract class SirtDb(DbContextOptions options) : IdentityDbContext<StaffUser, IdentityRole, string>(options)
{
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<ReportAttachment> ReportAttachments => Set<ReportAttachment>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<CasePause> CasePauses => Set<CasePause>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Counter> Counters => Set<Counter>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Mail.TeamKey> TeamKeys => Set<Mail.TeamKey>();
    public DbSet<Mail.PartnerKey> PartnerKeys => Set<Mail.PartnerKey>();
    public DbSet<Mail.QuarantinedMail> QuarantinedMail => Set<Mail.QuarantinedMail>();
    public DbSet<Resolution.Recommendation> Recommendations => Set<Resolution.Recommendation>();
    public DbSet<Resolution.CaseRecommendation> CaseRecommendations => Set<Resolution.CaseRecommendation>();
    public DbSet<Resolution.RootCauseAnalysis> RootCauses => Set<Resolution.RootCauseAnalysis>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>Adds or replaces a setting; the caller saves (often with other changes in the same transaction).</summary>
    public async Task PutSettingAsync(string key, string value, DateTimeOffset at, CancellationToken ct)
    {
        var stored = await Settings.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (stored is null)
        {
            Settings.Add(new Setting { Key = key, Value = value, UpdatedAt = at });
        }
        else
        {
            stored.Value = value;
            stored.UpdatedAt = at;
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SirtDb).Assembly, t => t.Namespace != null && !t.IsAbstract);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAppendOnly();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAppendOnly();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // The timeline is the audit trail: entries are added, never changed or removed.
    private void GuardAppendOnly()
    {
        if (ChangeTracker.Entries<TimelineEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Timeline entries are append-only.");
        }
    }
}

public sealed class SqliteSirtDb(DbContextOptions<SqliteSirtDb> options) : SirtDb(options);

public sealed class PostgresSirtDb(DbContextOptions<PostgresSirtDb> options) : SirtDb(options);

/// <summary>A named sequence (tracking numbers, case numbers): one row per prefix and year.</summary>
public sealed class Counter
{
    public required string Key { get; set; }
    public long Value { get; set; }
}

/// <summary>Small pieces of state that are one per installation (team profile, setup token).</summary>
public sealed class Setting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
