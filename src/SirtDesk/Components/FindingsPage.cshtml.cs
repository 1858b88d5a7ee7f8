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

/// <summary>
/// Findings of the teams the user sees, with filters; a decision per finding, one bulk decision for a component across
/// product versions, and an SBOM upload for a product version. Each change is checked against the product's team.
/// </summary>
[Authorize(Policy = Policies.Staff)]
// The server's default body limit (30 MB) is below the SBOM limit: a file up to twice the limit is read so that it is
// refused with the page's "too large" message; a larger body is cut off by the server.
[RequestSizeLimit(2L * SbomImport.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2L * SbomImport.MaxBytes)]
public sealed class FindingsPageModel(FindingOperations findings, SbomImport sboms, SirtDb db, StaffAccess access, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<FindingRow> Rows { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Severity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Product { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Component { get; set; }

    public List<string> Errors { get; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Rows = await findings.ListAsync(User, new FindingFilter(State, Severity, Product, Component), null, ct);

    public async Task<IActionResult> OnPostDecideAsync(long id, string? state, string? justification, string? detail, CancellationToken ct)
    {
        var decision = new Decision(state, string.IsNullOrEmpty(justification) ? null : justification, detail);
        if (await findings.FindAsync(User, id, ct) is null)
        {
            return NotFound();
        }
        if (FindingOperations.Validate(decision) is { } problem)
        {
            return await FailAsync(l[problem], ct);
        }
        if (!await findings.DecideAsync(id, decision, User, ct))
        {
            return Forbid();
        }
        TempData["Message"] = l["Saved"].Value;
        return RedirectToPage(new { State, Severity, Product, Component });
    }

    public async Task<IActionResult> OnPostBulkAsync(string? component, string? advisory, string? state, string? justification, string? detail, CancellationToken ct)
    {
        var decision = new Decision(state, string.IsNullOrEmpty(justification) ? null : justification, detail);
        if (string.IsNullOrWhiteSpace(component))
        {
            return await FailAsync(l["Comp_ComponentRequired"], ct);
        }
        if (FindingOperations.Validate(decision) is { } problem)
        {
            return await FailAsync(l[problem], ct);
        }
        var result = await findings.BulkDecideAsync(component, advisory, decision, User, ct);
        TempData["Message"] = l["Comp_BulkDone", result.Changed, result.Unchanged, result.NotAllowed].Value;
        return RedirectToPage(new { Component = component.Trim() });
    }

    public async Task<IActionResult> OnPostSbomAsync(string? productKey, string? version, IFormFile? file, CancellationToken ct)
    {
        var product = await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Key == (productKey ?? "").Trim(), ct);
        if (product is null || !await access.CanSeeTeamAsync(User, product.Team, ct))
        {
            return await FailAsync(l["Comp_NoProduct"], ct);
        }
        if (!StaffAccess.CanAct(User))
        {
            return Forbid();
        }
        if (UploadSize.TooLarge(file?.Length, SbomImport.MaxBytes, l) is { } tooLarge)
        {
            return await FailAsync(tooLarge, ct);
        }
        if (file is not { Length: > 0 } || string.IsNullOrWhiteSpace(version))
        {
            return await FailAsync(l["Comp_SbomFileRequired"], ct);
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var result = await sboms.ImportAsync(product, version, buffer.ToArray(), StaffAccess.Actor(User), ct);
        if (!result.Succeeded)
        {
            return await FailAsync(l["Comp_SbomRejected", result.Error!], ct);
        }
        TempData["Message"] = l["Comp_SbomImported", product.Key, version.Trim(), result.Sbom!.ComponentCount, result.NewFindings].Value;
        return RedirectToPage(new { Product = product.Key });
    }

    private async Task<PageResult> FailAsync(string error, CancellationToken ct)
    {
        Errors.Add(error);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }
}
