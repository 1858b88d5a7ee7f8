using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.Staff;

namespace SirtDesk.Advisories;

/// <summary>/staff/advisories: the advisories of the teams the user sees, and a form to open one from cases.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class StaffAdvisoryListModel(SirtDb db, StaffAccess access, AdvisoryOperations advisories) : PageModel
{
    public IReadOnlyList<Advisory> Advisories { get; private set; } = [];
    public IReadOnlyList<AdvisoryProblem> Problems { get; private set; } = [];
    public string? CaseNumbers { get; private set; }
    public bool CanAct => StaffAccess.CanAct(User);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? caseNumbers, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }
        var numbers = (caseNumbers ?? "").Split([' ', ',', '\n', '\r', '\t', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var visible = await access.VisibleTeamsAsync(User, ct);
        var teams = await db.Cases.Where(c => numbers.Contains(c.Number)).Select(c => c.Team).Distinct().ToListAsync(ct);
        IReadOnlyList<AdvisoryProblem> problems;
        if (visible is not null && teams.Any(t => !visible.Contains(t)))
        {
            problems = [new("AdvisoryUnknownCase")];
        }
        else
        {
            var (created, refused) = await advisories.CreateAsync(numbers, StaffAccess.Actor(User), ct);
            if (created is not null)
            {
                return Redirect($"/staff/advisories/{Uri.EscapeDataString(created.Number)}");
            }
            problems = refused;
        }
        Problems = problems;
        CaseNumbers = caseNumbers;
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var visible = await access.VisibleTeamsAsync(User, ct);
        var query = db.Set<Advisory>().AsNoTracking();
        if (visible is not null)
        {
            query = query.Where(a => visible.Contains(a.Team));
        }
        Advisories = [.. (await query.ToListAsync(ct)).OrderByDescending(a => a.Number, StringComparer.Ordinal)];
    }
}
