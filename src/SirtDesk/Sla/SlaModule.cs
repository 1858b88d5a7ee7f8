using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SirtDesk.Sla;

public static class SlaModule
{
    public static void AddSla(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SlaSettings>();
        builder.Services.AddScoped<SlaBoard>();
        builder.Services.AddScoped<SlaMonitor>();
        builder.Services.AddHostedService<SlaMonitorService>();
    }

    public static void MapSla(this WebApplication app)
    {
        app.MapGet("/staff/sla.csv", async (HttpContext http, Data.SirtDb db, Staff.StaffAccess access, SlaBoard board, TimeProvider clock, PublicSite.ProfileStore profiles, CancellationToken ct) =>
        {
            var rows = await Attainment.ComputeAsync(db, board, await access.VisibleTeamsAsync(http.User, ct), (await profiles.GetAsync(ct)).Zone, clock.GetUtcNow(), ct);
            return Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(Attainment.ToCsv(rows))).ToArray(), "text/csv; charset=utf-8", "sla-attainment.csv");
        }).RequireAuthorization(Staff.Policies.Staff).ExcludeFromDescription();
    }
}

internal sealed class SlaAlertConfiguration : IEntityTypeConfiguration<SlaAlert>
{
    public void Configure(EntityTypeBuilder<SlaAlert> b)
    {
        b.ToTable("SlaAlerts");
        b.HasIndex(a => new { a.CaseId, a.Clock, a.Level }).IsUnique();
        b.Property(a => a.Clock).HasMaxLength(32);
        b.Property(a => a.Level).HasMaxLength(16);
    }
}

internal sealed class SlaDigestConfiguration : IEntityTypeConfiguration<SlaDigest>
{
    public void Configure(EntityTypeBuilder<SlaDigest> b)
    {
        b.ToTable("SlaDigests");
        b.HasIndex(d => d.Recipient);
    }
}
