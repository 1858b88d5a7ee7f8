using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.Inventory;
using SirtDesk.PublicSite;
using SirtDesk.Staff;

namespace SirtDesk.Components;

/// <summary>Components options: the advisory severity at or above which a finding that becomes exploitable opens a PSIRT case.</summary>
public sealed class ComponentsOptions
{
    public string CaseSeverity { get; set; } = "high";
}

/// <summary>A decision as typed into a form: state, justification (not_affected only) and detail; untrusted text.</summary>
public sealed record Decision(string? State, string? Justification, string? Detail);

public sealed record BulkResult(int Changed, int Unchanged, int NotAllowed);

public sealed record FindingRow(Finding Finding, string ProductKey, string ProductVersion, string Severity, string? Summary, string Aliases, bool Withdrawn, string? CaseNumber);

public sealed record FindingFilter(string? State = null, string? Severity = null, string? Product = null, string? Component = null, string? Advisory = null, long? Id = null);

/// <summary>
/// Findings: listing, decisions (CycloneDX VEX analysis), comments, bulk decisions across product versions and the VEX
/// export. Every change is checked against the user's rights on the product's team and leaves a <see cref="FindingEvent"/>.
/// </summary>
public sealed class FindingOperations(SirtDb db, StaffAccess access, TimeProvider clock, ProfileStore profiles, IOptions<ComponentsOptions> options)
{
    public static readonly IReadOnlyList<string> Severities = ["critical", "high", "medium", "low", "none", "unknown"];

    public static int Rank(string severity) => severity switch
    {
        "critical" => 4,
        "high" => 3,
        "medium" => 2,
        "low" => 1,
        _ => 0,
    };

    /// <summary>Null when the decision is valid, else the resource key of the problem.</summary>
    public static string? Validate(Decision d) =>
        d.State is null || !AnalysisStates.All.Contains(d.State) ? "Comp_StateInvalid"
        : d.State == AnalysisStates.NotAffected && (d.Justification is null || !AnalysisStates.Justifications.Contains(d.Justification)) ? "Comp_JustificationRequired"
        : d.Detail is { Length: > 4000 } ? "Comp_DetailTooLong"
        : null;

    public async Task<bool> MayDecideAsync(ClaimsPrincipal user, string team, CancellationToken ct) =>
        StaffAccess.CanAct(user) && await access.CanSeeTeamAsync(user, team, ct);

    public async Task<List<FindingRow>> ListAsync(ClaimsPrincipal user, FindingFilter filter, long? productVersionId, CancellationToken ct)
    {
        var visible = await access.VisibleTeamsAsync(user, ct);
        var query = from f in db.Set<Finding>().AsNoTracking()
                    join a in db.Set<OsvAdvisory>() on f.AdvisoryId equals a.Id
                    join v in db.Set<ProductVersion>() on f.ProductVersionId equals v.Id
                    join p in db.Set<Product>() on v.ProductId equals p.Id
                    select new { f, a.Severity, a.Summary, a.Aliases, a.WithdrawnTicks, p.Key, v.Version, Case = db.Cases.Where(c => c.Id == f.CaseId).Select(c => c.Number).FirstOrDefault() };
        if (visible is not null)
        {
            query = query.Where(x => visible.Contains(x.f.Team));
        }
        if (filter.Id is { } id)
        {
            query = query.Where(x => x.f.Id == id);
        }
        if (productVersionId is { } pv)
        {
            query = query.Where(x => x.f.ProductVersionId == pv);
        }
        if (!string.IsNullOrWhiteSpace(filter.State))
        {
            query = query.Where(x => x.f.State == filter.State);
        }
        if (!string.IsNullOrWhiteSpace(filter.Severity))
        {
            query = query.Where(x => x.Severity == filter.Severity);
        }
        if (!string.IsNullOrWhiteSpace(filter.Product))
        {
            query = query.Where(x => x.Key == filter.Product.Trim());
        }
        if (!string.IsNullOrWhiteSpace(filter.Component))
        {
            var c = filter.Component.Trim();
            query = query.Where(x => x.f.Package == c || x.f.ComponentName == c || x.f.Purl == c);
        }
        if (!string.IsNullOrWhiteSpace(filter.Advisory))
        {
            var a = filter.Advisory.Trim();
            query = query.Where(x => x.f.OsvId == a || x.Aliases.Contains(a));
        }
        var rows = await query.OrderBy(x => x.f.Id).Take(2000).ToListAsync(ct);
        return [.. rows.Select(x => new FindingRow(x.f, x.Key, x.Version, x.Severity, x.Summary, x.Aliases, x.WithdrawnTicks != null, x.Case))];
    }

    /// <summary>A finding the user may see, or null (one row, whatever the length of the list).</summary>
    public async Task<FindingRow?> FindAsync(ClaimsPrincipal user, long id, CancellationToken ct) =>
        (await ListAsync(user, new FindingFilter(Id: id), null, ct)).SingleOrDefault();

    /// <summary>Applies a decision to one finding. False when the user may not decide on the finding's team.</summary>
    public async Task<bool> DecideAsync(long findingId, Decision decision, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await ApplyAsync(db.Set<Finding>().Where(f => f.Id == findingId), decision, user, ct);
        return result.NotAllowed == 0;
    }

    /// <summary>
    /// One decision for the same component across product versions: every finding whose package (purl without version)
    /// or component name is <paramref name="component"/>, optionally only for one advisory. Findings of teams the user may
    /// not act for are left as they are and counted.
    /// </summary>
    public Task<BulkResult> BulkDecideAsync(string component, string? advisory, Decision decision, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = component.Trim();
        var query = db.Set<Finding>().Where(f => f.Package == c || f.ComponentName == c);
        if (!string.IsNullOrWhiteSpace(advisory))
        {
            var a = advisory.Trim();
            query = query.Where(f => f.OsvId == a);
        }
        return ApplyAsync(query, decision, user, ct);
    }

    private async Task<BulkResult> ApplyAsync(IQueryable<Finding> query, Decision d, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = StaffAccess.Actor(user);
        var now = clock.GetUtcNow();
        var visible = await access.VisibleTeamsAsync(user, ct);
        var acts = StaffAccess.CanAct(user);
        var threshold = Rank(options.Value.CaseSeverity);
        int changed = 0, unchanged = 0, notAllowed = 0;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            changed = unchanged = notAllowed = 0;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var f in await query.OrderBy(f => f.Id).ToListAsync(ct))
            {
                if (!acts || (visible is not null && !visible.Contains(f.Team)))
                {
                    notAllowed++;
                    continue;
                }
                var justification = d.State == AnalysisStates.NotAffected ? d.Justification : null;
                var detail = string.IsNullOrWhiteSpace(d.Detail) ? null : d.Detail.Trim();
                if (f.State == d.State && f.Justification == justification && f.Detail == detail)
                {
                    unchanged++;
                    continue;
                }
                var old = f.State;
                f.State = d.State!;
                f.Justification = justification;
                f.Detail = detail;
                f.UpdatedAt = now;
                f.UpdatedBy = actor;
                db.Add(new FindingEvent { FindingId = f.Id, At = now, Actor = actor, Action = "decided", OldState = old, NewState = f.State, Justification = justification, Text = detail });
                changed++;
                if (f.State == AnalysisStates.Exploitable && old != AnalysisStates.Exploitable && f.CaseId is null)
                {
                    var severity = await db.Set<OsvAdvisory>().Where(a => a.Id == f.AdvisoryId).Select(a => a.Severity).FirstAsync(ct);
                    if (Rank(severity) >= threshold && threshold > 0)
                    {
                        await OpenCaseAsync(f, severity, actor, now, ct);
                    }
                }
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
        return new BulkResult(changed, unchanged, notAllowed);
    }

    /// <summary>Opens a PSIRT case for an exploitable finding (same numbering as cases from reports) and links it both ways.</summary>
    private async Task OpenCaseAsync(Finding f, string severity, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var product = await (from v in db.Set<ProductVersion>() join p in db.Set<Product>() on v.ProductId equals p.Id where v.Id == f.ProductVersionId select new { p.Key, v.Version }).FirstAsync(ct);
        var detail = $"finding {f.Id}: product {product.Key} {product.Version}; component {f.Purl}; advisory {f.OsvId} ({severity})";
        var @case = await CaseOperations.AddOpenCaseAsync(db, profiles, new NewCase(f.Team, $"{f.OsvId}: {f.ComponentName} in {product.Key} {product.Version}", "vulnerability", now, detail), actor, now, ct);
        f.CaseId = @case.Id;
        db.Add(new FindingEvent { FindingId = f.Id, At = now, Actor = actor, Action = "case-opened", Text = @case.Number });
    }

    public async Task<bool> CommentAsync(long findingId, string text, ClaimsPrincipal user, CancellationToken ct)
    {
        var f = await db.Set<Finding>().FirstOrDefaultAsync(x => x.Id == findingId, ct);
        if (f is null || !await MayDecideAsync(user, f.Team, ct))
        {
            return false;
        }
        db.Add(new FindingEvent { FindingId = f.Id, At = clock.GetUtcNow(), Actor = StaffAccess.Actor(user), Action = "commented", Text = text.Trim() });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// The CycloneDX 1.6 VEX of one product version: the affected components and one <c>vulnerabilities</c> entry per
    /// finding with its <c>analysis</c>. Withdrawn advisories are left out.
    /// </summary>
    public async Task<JsonObject> VexAsync(Product product, ProductVersion version, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await (from f in db.Set<Finding>().AsNoTracking()
                          join a in db.Set<OsvAdvisory>() on f.AdvisoryId equals a.Id
                          where f.ProductVersionId == version.Id && a.WithdrawnTicks == null
                          orderby f.Id
                          select new { f, a.Severity, a.SeverityVector, a.Summary, a.Aliases }).ToListAsync(ct);
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        var components = new JsonArray();
        foreach (var purl in rows.Select(r => r.f.Purl).Distinct(StringComparer.Ordinal))
        {
            var bomRef = "component-" + (refs.Count + 1);
            refs[purl] = bomRef;
            var row = rows.First(r => r.f.Purl == purl).f;
            var component = new JsonObject { ["type"] = "library", ["bom-ref"] = bomRef, ["name"] = row.ComponentName, ["purl"] = purl };
            if (Standards.Purl.Purl.TryParse(purl, out var parsed) && parsed.Version is { } v)
            {
                component["version"] = v;
            }
            components.Add(component);
        }
        var vulnerabilities = new JsonArray();
        foreach (var r in rows)
        {
            var rating = new JsonObject { ["severity"] = Severities.Contains(r.Severity) ? r.Severity : "unknown" };
            if (r.SeverityVector is { } vector)
            {
                rating["method"] = vector.StartsWith("CVSS:4.0", StringComparison.Ordinal) ? "CVSSv4" : vector.StartsWith("CVSS:3.1", StringComparison.Ordinal) ? "CVSSv31" : vector.StartsWith("CVSS:3.0", StringComparison.Ordinal) ? "CVSSv3" : "CVSSv2";
                rating["vector"] = vector;
            }
            var analysis = new JsonObject { ["state"] = r.f.State };
            if (r.f.Justification is { } j)
            {
                analysis["justification"] = j;
            }
            if (r.f.Detail is { } d)
            {
                analysis["detail"] = d;
            }
            analysis["firstIssued"] = Timestamp(r.f.FoundAt);
            analysis["lastUpdated"] = Timestamp(r.f.UpdatedAt);
            var entry = new JsonObject
            {
                ["bom-ref"] = "finding-" + r.f.Id,
                ["id"] = r.f.OsvId,
                ["source"] = new JsonObject { ["name"] = "OSV", ["url"] = "https://osv.dev/vulnerability/" + Uri.EscapeDataString(r.f.OsvId) },
                ["ratings"] = new JsonArray(rating),
            };
            var aliases = r.Aliases.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (aliases.Length > 0)
            {
                entry["references"] = new JsonArray([.. aliases.Select(a => (JsonNode)new JsonObject { ["id"] = a, ["source"] = new JsonObject { ["name"] = a.StartsWith("CVE-", StringComparison.Ordinal) ? "NVD" : "OSV" } })]);
            }
            if (r.Summary is { } s)
            {
                entry["description"] = s;
            }
            entry["analysis"] = analysis;
            entry["affects"] = new JsonArray(new JsonObject { ["ref"] = refs[r.f.Purl] });
            vulnerabilities.Add(entry);
        }
        return new JsonObject
        {
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = "1.6",
            ["serialNumber"] = "urn:uuid:" + Guid.NewGuid().ToString("D"),
            ["version"] = 1,
            ["metadata"] = new JsonObject
            {
                ["timestamp"] = Timestamp(now),
                ["component"] = new JsonObject { ["type"] = "application", ["bom-ref"] = "product", ["name"] = product.Key, ["version"] = version.Version },
            },
            ["components"] = components,
            ["vulnerabilities"] = vulnerabilities,
        };
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Serialize(JsonObject vex) => vex.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
