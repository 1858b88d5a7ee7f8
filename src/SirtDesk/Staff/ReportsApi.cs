using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SirtDesk.Crypto;
using SirtDesk.Data;
using SirtDesk.Intake;

namespace SirtDesk.Staff;

/// <summary>The JSON shape of a report for automation, field names as in POST /api/v1/reports.</summary>
public sealed record ReportResource(
    string TrackingNumber, string Kind, string Status, string Team, string? CaseNumber, DateTimeOffset ReceivedAt, string Language,
    string Title, string Description, string? Product, string? ProductVersion, string? VulnerabilityType, string? StepsToReproduce,
    string? Impact, string? ProofOfConcept, string? DisclosurePlans, string? OtherPartiesInformed, string? AffectedService,
    DateTimeOffset? DetectedAt, string? DetectedTimeZone, string? Scope, string? Indicators, ReporterResource Reporter,
    IReadOnlyList<AttachmentResource> Attachments, string Channel, string Encryption, SignatureResource Signature);

/// <summary>The OpenPGP signature on a mailed report: none, valid, bad, unknown-key or expired, and who signed.</summary>
public sealed record SignatureResource(string Status, string? SignerFingerprint);

public sealed record ReporterResource(string? Name, string Email, string? Organization, string? PgpKey, string Credit);

public sealed record AttachmentResource(long Id, string FileName, string ContentType, long Length, string Sha256);

/// <summary>A report as the inbox lists it; the full text is in GET /api/v1/reports/{trackingNumber}.</summary>
public sealed record ReportSummary(string TrackingNumber, string Kind, string Status, string Team, string? CaseNumber, DateTimeOffset ReceivedAt, string Language, string Channel, string Title, string? Product);

public sealed record ReportPage(IReadOnlyList<ReportSummary> Items, int Total);

public static class ReportsApi
{
    public static void MapReportsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/reports").RequireAuthorization(Policies.ApiToken).WithTags("Reports");
        api.MapGet("/", ListAsync).WithName("ListReports").Produces<ReportPage>(contentType: "application/json");
        api.MapGet("/{trackingNumber}", GetAsync).WithName("GetReport");
    }

    /// <summary>The inbox as JSON, newest first: summaries (fetch a report for its text, attachments and proof of concept).</summary>
    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ListAsync(
        HttpContext http, SirtDb db, StaffAccess access, InboxVersion inbox, IMemoryCache cache, IOptions<JsonOptions> json,
        string? status, string? team, string? kind, string? q, CancellationToken ct, int page = 1, int pageSize = 50)
    {
        if (page < 1 || pageSize is < 1 or > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = ["page >= 1 and 1 <= pageSize <= 200"] });
        }
        if (status is not null && ReportStatusNames.FromApi(status) is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["new, in-triage, accepted, duplicate, spam or out-of-scope"] });
        }
        var visible = await access.VisibleTeamsAsync(http.User, ct);
        var key = $"inbox:{inbox.Current}:{(visible is null ? "*" : string.Join(',', visible.Order()))}:{team}:{kind}:{status}:{page}:{pageSize}:{q}";
        // Pages are cached as their JSON bytes per inbox version (a change here shows at once; one made on
        // another node within InboxVersion.CacheFor). The first request for a page builds it; requests for the
        // same page that arrive meanwhile await that build instead of querying again.
        var build = cache.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = InboxVersion.CacheFor;
            return new Lazy<Task<byte[]>>(async () => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
                await ComputePageAsync(db, visible, team, kind, status, q, page, pageSize, CancellationToken.None), json.Value.SerializerOptions));
        })!;
        try
        {
            return Json(await build.Value.WaitAsync(ct));
        }
        catch (Exception) when (build.Value.IsFaulted)
        {
            cache.Remove(key);
            throw;
        }
    }

    private static FileContentHttpResult Json(byte[] bytes) => TypedResults.Bytes(bytes, "application/json; charset=utf-8");

    private static async Task<ReportPage> ComputePageAsync(SirtDb db, IReadOnlyList<string>? visible, string? team, string? kind, string? status, string? q,
        int page, int pageSize, CancellationToken ct)
    {
        var query = ReportQueries.Filter(db, visible, team, kind, status, q);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new { r.TrackingNumber, r.Kind, r.Status, r.Team, CaseNumber = r.Case != null ? r.Case.Number : null, r.ReceivedAt, r.Language, r.Channel, r.Title, r.Product })
            .ToListAsync(ct);
        return new ReportPage(
            [.. rows.Select(r => new ReportSummary(r.TrackingNumber, r.Kind.ToApi(), r.Status.ToApi(), r.Team, r.CaseNumber, r.ReceivedAt.ToUniversalTime(), r.Language, r.Channel, r.Title, r.Product))],
            total);
    }

    private static async Task<Results<Ok<ReportResource>, NotFound>> GetAsync(
        string trackingNumber, HttpContext http, SirtDb db, StaffAccess access, AtRestCipher cipher, CancellationToken ct)
    {
        var r = await db.Reports.AsNoTracking().Include(x => x.Case).Include(x => x.Attachments).FirstOrDefaultAsync(x => x.TrackingNumber == trackingNumber, ct);
        if (r is null || !await access.CanSeeTeamAsync(http.User, r.Team, ct))
        {
            return TypedResults.NotFound();
        }
        var poc = r.ProofOfConceptSealed is null ? null : cipher.OpenText(r.ProofOfConceptSealed);
        return TypedResults.Ok(ToResource(r, r.Case?.Number, poc, r.Attachments));
    }

    private static ReportResource ToResource(Report r, string? caseNumber, string? poc, IEnumerable<ReportAttachment> attachments) => new(
        r.TrackingNumber, r.Kind.ToApi(), r.Status.ToApi(), r.Team, caseNumber, r.ReceivedAt.ToUniversalTime(), r.Language,
        r.Title, r.Description, r.Product, r.ProductVersion, r.VulnerabilityType, r.StepsToReproduce, r.Impact, poc,
        r.DisclosurePlans, r.OtherPartiesInformed, r.AffectedService, r.DetectedAt, r.DetectedTimeZone, r.Scope, r.Indicators,
        new ReporterResource(r.ReporterName, r.ReporterEmail, r.ReporterOrganization, r.ReporterPgpKey, r.Credit),
        [.. attachments.Select(a => new AttachmentResource(a.Id, a.FileName, a.ContentType, a.Length, a.Sha256))],
        r.Channel, r.Encryption, new SignatureResource(r.SignatureStatus, r.SignerFingerprint));
}
