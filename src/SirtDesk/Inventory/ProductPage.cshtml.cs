using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SirtDesk.PublicSite;
using SirtDesk.Staff;
using SirtDesk.Triage;
using SirtDesk.Web;

namespace SirtDesk.Inventory;

/// <summary>One product or service: its facts, edit form and versions. Another team's product answers 404.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ProductPageModel(InventoryOperations ops, ProfileStore profiles, SeverityPolicyStore policies, IStringLocalizer<SharedResource> l) : PageModel
{
    public Product? Product { get; private set; }
    public IReadOnlyList<SubTeam> EditableTeams { get; private set; } = [];
    public SeverityPolicy Policy { get; private set; } = SeverityPolicy.Default;
    public bool CanEdit { get; private set; }
    public List<string> Errors { get; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        return await LoadAsync(key, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string key, string? kind, string? nameJa, string? nameEn, string? team, string? lifecycle, string? endOfLife, string? exposure, string? deployment, CancellationToken ct)
    {
        if (!await LoadAsync(key, ct))
        {
            return NotFound();
        }
        if (!CanEdit)
        {
            return Forbid();
        }
        var input = new ProductInput(key, kind, nameJa, nameEn, team, lifecycle, endOfLife, exposure, deployment);
        var problems = await ops.ValidateAsync(input, ct);
        if (problems.Count == 0 && !InventoryOperations.MayEdit(await ops.EditableTeamsAsync(User, ct), input.Team!))
        {
            problems = [new("team", "Inv_NotYourTeam")];
        }
        if (problems.Count > 0)
        {
            return Fail(problems);
        }
        InventoryOperations.Apply(Product!, input);
        await ops.SaveAsync(ct);
        TempData["Message"] = l["Saved"].Value;
        return RedirectToPage(new { key });
    }

    public async Task<IActionResult> OnPostVersionAsync(string key, string? version, string? releasedOn, string? lifecycle, string? endOfLife, CancellationToken ct)
    {
        if (!await LoadAsync(key, ct))
        {
            return NotFound();
        }
        if (!CanEdit)
        {
            return Forbid();
        }
        var input = new VersionInput(version, releasedOn, lifecycle, endOfLife);
        var problems = InventoryOperations.Validate(input);
        if (problems.Count > 0)
        {
            return Fail(problems);
        }
        var saved = await ops.PutVersionAsync(Product!, input, ct);
        TempData["Message"] = l["Inv_VersionSaved", saved.Version].Value;
        return RedirectToPage(new { key });
    }

    private PageResult Fail(IReadOnlyList<InventoryProblem> problems)
    {
        Errors.AddRange(problems.Select(p => l["Inv_FieldError", p.Field, l[p.Error]].Value));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string key, CancellationToken ct)
    {
        Product = await ops.FindAsync(User, key, ct);
        if (Product is null)
        {
            return false;
        }
        Policy = await policies.GetAsync(ct);
        var editable = await ops.EditableTeamsAsync(User, ct);
        CanEdit = InventoryOperations.MayEdit(editable, Product.Team);
        EditableTeams = [.. (await profiles.GetAsync(ct)).Teams.Where(t => InventoryOperations.MayEdit(editable, t.Key))];
        return true;
    }
}
