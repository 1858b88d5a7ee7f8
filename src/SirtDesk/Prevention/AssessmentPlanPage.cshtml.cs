using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Prevention;

/// <summary>One plan: its occurrences with status, report and findings. Another team's plan answers 404.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class AssessmentPlanPageModel(AssessmentOperations ops, Inventory.InventoryOperations inventory, IStringLocalizer<SharedResource> l) : PageModel
{
    public AssessmentPlan? Plan { get; private set; }
    public List<string> Errors { get; } = [];
    public string? Message { get; private set; }
    public bool CanAct => StaffAccess.CanAct(User);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        Plan = await ops.FindPlanAsync(User, id, ct);
        if (Plan is null)
        {
            return NotFound();
        }
        CanEditPlan = Inventory.InventoryOperations.MayEdit(await inventory.EditableTeamsAsync(User, ct), Plan.Product!.Team);
        return Page();
    }

    public bool CanEditPlan { get; private set; }

    /// <summary>Stops the plan; only those who edit the product (administrators, the team's coordinators).</summary>
    public async Task<IActionResult> OnPostStopAsync(long id, CancellationToken ct)
    {
        Plan = await ops.FindPlanAsync(User, id, ct);
        if (Plan is null)
        {
            return NotFound();
        }
        if (!Inventory.InventoryOperations.MayEdit(await inventory.EditableTeamsAsync(User, ct), Plan.Product!.Team))
        {
            return Forbid();
        }
        await ops.StopPlanAsync(Plan, ct);
        TempData["Message"] = l["Prev_PlanStopped"].Value;
        return Redirect($"/staff/assessments/{id}");
    }

    public Task<IActionResult> OnPostStatusAsync(long id, long occurrence, string? status, CancellationToken ct) =>
        WithOccurrenceAsync(id, occurrence, async o => await ops.ChangeStatusAsync(o, status ?? "", ct) ? null : "Prev_StatusInvalid", ct);

    public Task<IActionResult> OnPostReportAsync(long id, long occurrence, IFormFile? file, CancellationToken ct) =>
        WithOccurrenceAsync(id, occurrence, async o =>
        {
            if (file is null || file.Length == 0)
            {
                return "Prev_ReportMissing";
            }
            if (file.Length > AssessmentOperations.MaxReportBytes)
            {
                return "Prev_ReportTooLarge";
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            await ops.AttachReportAsync(o, file.FileName, file.ContentType, buffer.ToArray(), ct);
            return null;
        }, ct);

    public Task<IActionResult> OnPostFindingAsync(long id, long occurrence, string? title, string? vector, CancellationToken ct) =>
        WithOccurrenceAsync(id, occurrence, async o =>
        {
            var (finding, error) = await ops.AddFindingAsync(Plan!, o, title, vector, StaffAccess.Actor(User), ct);
            if (finding is not null)
            {
                TempData["Message"] = l["Prev_FindingOpened", finding.CaseNumber].Value;
            }
            return error;
        }, ct);

    private async Task<IActionResult> WithOccurrenceAsync(long id, long occurrence, Func<Assessment, Task<string?>> action, CancellationToken ct)
    {
        Plan = await ops.FindPlanAsync(User, id, ct);
        var target = Plan?.Occurrences.FirstOrDefault(o => o.Id == occurrence);
        if (target is null)
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        var error = await action(target);
        if (error is not null)
        {
            Errors.Add(l[error]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Redirect($"/staff/assessments/{id}");
    }
}
