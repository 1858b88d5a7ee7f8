using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SirtDesk.Data;
using SirtDesk.Inventory;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Components;

/// <summary>One product version: its SBOM's components (nested ones indented), its findings with their history and
/// comments, and the CycloneDX VEX download. Another team's product answers 404.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class VersionComponentsPageModel(SirtDb db, StaffAccess access, FindingOperations findings, IStringLocalizer<SharedResource> l) : PageModel
{
    public Product? Product { get; private set; }
    public ProductVersion? Version { get; private set; }
    public Sbom? Sbom { get; private set; }
    public IReadOnlyList<SbomComponent> Components { get; private set; } = [];
    public IReadOnlyList<FindingRow> Rows { get; private set; } = [];
    public ILookup<long, FindingEvent> History { get; private set; } = Array.Empty<FindingEvent>().ToLookup(e => e.FindingId);
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, string version, CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        return await LoadAsync(key, version, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetVexAsync(string key, string version, CancellationToken ct)
    {
        if (!await LoadAsync(key, version, ct))
        {
            return NotFound();
        }
        var json = FindingOperations.Serialize(await findings.VexAsync(Product!, Version!, ct));
        return File(System.Text.Encoding.UTF8.GetBytes(json), "application/vnd.cyclonedx+json", $"{Product!.Key}-{Version!.Version}.vex.json");
    }

    public async Task<IActionResult> OnPostCommentAsync(string key, string version, long id, string? text, CancellationToken ct)
    {
        if (!await LoadAsync(key, version, ct) || Rows.All(r => r.Finding.Id != id))
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4000)
        {
            TempData["Message"] = l["Comp_CommentRequired"].Value;
        }
        else if (!await findings.CommentAsync(id, text, User, ct))
        {
            return Forbid();
        }
        return RedirectToPage(new { key, version });
    }

    private async Task<bool> LoadAsync(string key, string version, CancellationToken ct)
    {
        Product = await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, ct);
        if (Product is null || !await access.CanSeeTeamAsync(User, Product.Team, ct))
        {
            return false;
        }
        Version = await db.Set<ProductVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.ProductId == Product.Id && v.Version == version, ct);
        if (Version is null)
        {
            return false;
        }
        Sbom = await db.Set<Sbom>().AsNoTracking().FirstOrDefaultAsync(s => s.ProductVersionId == Version.Id, ct);
        Components = await db.Set<SbomComponent>().AsNoTracking().Where(c => c.ProductVersionId == Version.Id).OrderBy(c => c.Id).ToListAsync(ct);
        Rows = await findings.ListAsync(User, new FindingFilter(), Version.Id, ct);
        var ids = Rows.Select(r => r.Finding.Id).ToList();
        History = (await db.Set<FindingEvent>().AsNoTracking().Where(e => ids.Contains(e.FindingId)).OrderBy(e => e.Id).ToListAsync(ct)).ToLookup(e => e.FindingId);
        return true;
    }
}
