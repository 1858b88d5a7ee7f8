using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SirtDesk.Inventory;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Prevention;

/// <summary>Assessment plans of the teams the user sees; administrators and the product team's coordinators create them.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class AssessmentsPageModel(AssessmentOperations ops, InventoryOperations inventory, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<AssessmentPlan> Plans { get; private set; } = [];
    public IReadOnlyList<Product> Products { get; private set; } = [];
    public List<string> Errors { get; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? product, string? kind, string? recurrence, string? firstDate, string? performerKind, string? performer, string? scope, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Products.Count == 0)
        {
            return Forbid();
        }
        var target = Products.FirstOrDefault(p => p.Key == product);
        var input = new PlanInput(kind, recurrence, firstDate, performerKind, performer, scope);
        var problems = AssessmentOperations.Validate(input).ToList();
        if (target is null)
        {
            problems.Add(new("product", "Inv_NotYourTeam"));
        }
        if (problems.Count > 0)
        {
            Errors.AddRange(problems.Select(p => l["Inv_FieldError", p.Field, l[p.Error]].Value));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var plan = await ops.CreatePlanAsync(target!, input, StaffAccess.Actor(User), ct);
        return Redirect($"/staff/assessments/{plan.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Plans = await ops.ListPlansAsync(User, ct);
        Products = await PreventionModule.EditableProductsAsync(inventory, User, ct);
    }
}
