using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Prevention;

/// <summary>One review: answers with evidence, follow-up actions and the reviewer's sign-off. Another team's review answers 404.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ReviewPageModel(PlanReviewOperations ops, IStringLocalizer<SharedResource> l) : PageModel
{
    public PlanReview? Review { get; private set; }
    public List<string> Errors { get; } = [];
    public bool MayWork => Review is not null && PlanReviewOperations.MayWork(User, Review);
    public bool IsReviewer => Review is not null && User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value == Review.ReviewerId;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Review = await ops.FindAsync(User, id, ct);
        return Review is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostAnswerAsync(long id, long item, string? answer, string? evidence, string? link, CancellationToken ct) =>
        WorkAsync(id, r => ops.AnswerAsync(r, item, answer, evidence, link, StaffAccess.Actor(User), ct), ct);

    public Task<IActionResult> OnPostActionAsync(long id, string? text, CancellationToken ct) =>
        WorkAsync(id, r => ops.AddActionAsync(r, text, StaffAccess.Actor(User), ct), ct);

    public Task<IActionResult> OnPostDoneAsync(long id, long actionId, CancellationToken ct) =>
        WorkAsync(id, async r => await ops.CompleteActionAsync(r, actionId, StaffAccess.Actor(User), ct) ? null : "Prev_ActionInvalid", ct);

    public Task<IActionResult> OnPostSignOffAsync(long id, CancellationToken ct) =>
        WorkAsync(id, async r => await ops.SignOffAsync(r, User, ct) ? null : "Prev_SignOffRefused", ct);

    private async Task<IActionResult> WorkAsync(long id, Func<PlanReview, Task<string?>> action, CancellationToken ct)
    {
        Review = await ops.FindAsync(User, id, ct);
        if (Review is null)
        {
            return NotFound();
        }
        if (!MayWork)
        {
            return Forbid();
        }
        var error = await action(Review);
        if (error is not null)
        {
            Errors.Add(l[error]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Redirect($"/staff/reviews/{id}");
    }
}
