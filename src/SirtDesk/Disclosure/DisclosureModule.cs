using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Sla;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Disclosure;

public sealed record EmbargoZoneResource(string Name, string Zone, DateTimeOffset Local);

public sealed record EmbargoResource(DateTimeOffset At, IReadOnlyList<EmbargoZoneResource> Zones)
{
    public static EmbargoResource? From(DisclosureView d) => d.EmbargoAt is { } at
        ? new(at.ToUniversalTime(), [.. d.EmbargoTimes.Select(z => new EmbargoZoneResource(z.Name, z.Zone, z.Local))])
        : null;
}

/// <summary>The disclosure due time and where it comes from: "embargo" or "team-default".</summary>
public sealed record DisclosureDueResource(DateTimeOffset At, string Source);

public sealed record CoordinationResource(IReadOnlyList<string> References, DateOnly? ReportedOn, DateOnly? PublishedOn, string? VendorStatusJa, string? VendorStatusEn)
{
    public static CoordinationResource From(DisclosureView d) => new(d.References, d.ReportedOn, d.PublishedOn, d.VendorStatusJa, d.VendorStatusEn);
}

public sealed record NewCaseRequest(string? ReportTrackingNumber);

public static class DisclosureModule
{
    public static void AddDisclosure(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DisclosureOperations>();
        builder.Services.AddScoped<EmbargoReminders>();
        builder.Services.AddHostedService<EmbargoReminderService>();
    }

    public static void MapDisclosure(this WebApplication app)
    {
        app.MapPost("/api/v1/cases", CreateCaseAsync).RequireAuthorization(Policies.ApiToken).WithTags("Cases").WithName("CreateCase");
    }

    /// <summary>POST /api/v1/cases {"reportTrackingNumber": …}: opens a case (TLP:AMBER) from a report that is in no case yet.</summary>
    private static async Task<Results<Created<CaseResource>, ProblemHttpResult, ValidationProblem, NotFound, ForbidHttpResult>> CreateCaseAsync(
        NewCaseRequest? request, HttpContext http, SirtDb db, StaffAccess access, CaseOperations cases, SlaBoard board, DisclosureOperations disclosure,
        TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (!StaffAccess.CanAct(http.User))
        {
            return TypedResults.Forbid();
        }
        var number = request?.ReportTrackingNumber?.Trim();
        if (string.IsNullOrEmpty(number))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reportTrackingNumber"] = [l["Disc_ApiReportRequired"]] }, title: l["Coord_ValidationTitle"]);
        }
        var report = await db.Reports.FirstOrDefaultAsync(r => r.TrackingNumber == number, ct);
        if (report is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reportTrackingNumber"] = [l["Disc_ApiReportUnknown"]] }, title: l["Coord_ValidationTitle"]);
        }
        if (!await access.CanSeeTeamAsync(http.User, report.Team, ct))
        {
            return TypedResults.NotFound();
        }
        if (report.CaseId is not null)
        {
            var existing = await db.Cases.Where(c => c.Id == report.CaseId).Select(c => c.Number).FirstOrDefaultAsync(ct);
            // The case number stays machine-readable in "case"; title and detail are in the request's language.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: l["Disc_ApiReportInCase"], detail: l["Disc_ApiReportInCaseDetail", existing ?? ""],
                extensions: new Dictionary<string, object?> { ["case"] = existing });
        }
        var opened = await cases.OpenCaseAsync(report, StaffAccess.Actor(http.User), ct);
        var loaded = await db.Cases.AsNoTracking().Include(c => c.Reports).FirstAsync(c => c.Id == opened.Id, ct);
        return TypedResults.Created($"/api/v1/cases/{loaded.Number}", await CasesApi.ResourceAsync(loaded, db, board, disclosure, clock, ct));
    }
}

internal sealed class CaseDisclosureConfiguration : IEntityTypeConfiguration<CaseDisclosure>
{
    public void Configure(EntityTypeBuilder<CaseDisclosure> b)
    {
        b.ToTable("CaseDisclosures");
        b.HasIndex(d => d.CaseId).IsUnique();
        b.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(d => d.EmbargoZones).HasMaxLength(1024);
        b.Property(d => d.CoordinatorReferences).HasMaxLength(1024);
        b.Property(d => d.CveIds).HasMaxLength(4096);
        b.Property(d => d.VendorStatusJa).HasMaxLength(DisclosureOperations.MaxVendorStatusLength);
        b.Property(d => d.VendorStatusEn).HasMaxLength(DisclosureOperations.MaxVendorStatusLength);
    }
}

internal sealed class EmbargoReminderConfiguration : IEntityTypeConfiguration<EmbargoReminder>
{
    public void Configure(EntityTypeBuilder<EmbargoReminder> b)
    {
        b.ToTable("EmbargoReminders");
        b.HasIndex(r => new { r.CaseId, r.DaysBefore, r.EmbargoAt }).IsUnique();
    }
}
