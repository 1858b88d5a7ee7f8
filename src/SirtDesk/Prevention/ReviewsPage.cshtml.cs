using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SirtDesk.Inventory;
using SirtDesk.PublicSite;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Prevention;

/// <summary>Verification-plan and incident-response-plan reviews of the teams the user sees; create (administrators, the team's coordinators).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ReviewsPageModel(PlanReviewOperations ops, InventoryOperations inventory, ProfileStore profiles, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<PlanReview> Reviews { get; private set; } = [];
    public IReadOnlyList<Product> Products { get; private set; } = [];
    public IReadOnlyList<SubTeam> Teams { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name, string Email)> Reviewers { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public List<string> Errors { get; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? kind, string? team, long? productVersion, string? title, string? reviewer, string? dueOn, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Teams.Count == 0)
        {
            return Forbid();
        }
        var (review, problems) = await ops.CreateAsync(User, new ReviewInput(kind, team, productVersion, title, reviewer, dueOn), ct);
        if (review is null)
        {
            Errors.AddRange(problems.Select(p => l["Inv_FieldError", p.Field, l[p.Error]].Value));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Redirect($"/staff/reviews/{review.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var profile = await profiles.GetAsync(ct);
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), profile.Zone).DateTime);
        Reviews = await ops.ListAsync(User, ct);
        var editable = await inventory.EditableTeamsAsync(User, ct);
        Teams = [.. profile.Teams.Where(t => InventoryOperations.MayEdit(editable, t.Key))];
        Products = await PreventionModule.EditableProductsAsync(inventory, User, ct);
        Reviewers = Teams.Count == 0 ? [] : await ops.ReviewersAsync([.. Teams.Select(t => t.Key)], ct);
    }
}
