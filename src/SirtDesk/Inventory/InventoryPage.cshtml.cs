using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SirtDesk.PublicSite;
using SirtDesk.Staff;
using SirtDesk.Triage;
using SirtDesk.Web;

namespace SirtDesk.Inventory;

/// <summary>The products and services of the teams the user sees; create, CSV export and all-or-nothing import.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class InventoryPageModel(InventoryOperations ops, InventoryCsv csv, ProfileStore profiles, SeverityPolicyStore policies, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<Product> Products { get; private set; } = [];
    public IReadOnlyList<SubTeam> EditableTeams { get; private set; } = [];
    public SeverityPolicy Policy { get; private set; } = SeverityPolicy.Default;
    public List<string> Errors { get; } = [];
    public string? Message { get; private set; }
    public bool CanEdit => EditableTeams.Count > 0;

    public Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        return LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(string? key, string? kind, string? nameJa, string? nameEn, string? team, string? lifecycle, string? endOfLife, string? exposure, string? deployment, CancellationToken ct)
    {
        var input = new ProductInput(key?.Trim(), kind, nameJa, nameEn, team, lifecycle, endOfLife, exposure, deployment);
        var editable = await ops.EditableTeamsAsync(User, ct);
        if (editable is { Count: 0 })
        {
            return Forbid();
        }
        var problems = await ops.ValidateAsync(input, ct);
        if (problems.Count == 0 && !InventoryOperations.MayEdit(editable, input.Team!))
        {
            problems = [new("team", "Inv_NotYourTeam")];
        }
        if (problems.Count == 0)
        {
            var (product, problem) = await ops.CreateAsync(input, ct);
            if (product is not null)
            {
                TempData["Message"] = l["Inv_Created", product.Key].Value;
                return RedirectToPage();
            }
            problems = [problem!];
        }
        Errors.AddRange(problems.Select(p => l["Inv_FieldError", p.Field, l[p.Error]].Value));
        return await FailAsync(ct);
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, string? text, CancellationToken ct)
    {
        if (await ops.EditableTeamsAsync(User, ct) is { Count: 0 })
        {
            return Forbid();
        }
        var (content, error) = await CsvUpload.ReadAsync(file, text, l, ct);
        if (content is null)
        {
            Errors.Add(error!);
            return await FailAsync(ct);
        }
        var result = await csv.ImportAsync(User, content, ct);
        if (result.Problems.Count > 0)
        {
            Errors.AddRange(result.Problems.Select(p => l["Coord_CsvLine", p.Line, p.Field, l[p.Error]].Value));
            return await FailAsync(ct);
        }
        TempData["Message"] = l["Inv_CsvImported", result.Products, result.Versions].Value;
        return RedirectToPage();
    }

    private async Task<IActionResult> FailAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Products = await ops.ListAsync(User, ct);
        Policy = await policies.GetAsync(ct);
        var editable = await ops.EditableTeamsAsync(User, ct);
        EditableTeams = [.. (await profiles.GetAsync(ct)).Teams.Where(t => InventoryOperations.MayEdit(editable, t.Key))];
    }
}
