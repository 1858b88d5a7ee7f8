using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.Staff;

namespace SirtDesk.Resolution;

/// <summary>The library of reusable recommendations: every staff member reads it, those who act on cases add and edit.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class LibraryModel(SirtDb db, ResolutionOperations resolution) : PageModel
{
    public IReadOnlyList<Recommendation> Entries { get; private set; } = [];

    public bool CanAct => StaffAccess.CanAct(User);

    public async Task OnGetAsync(CancellationToken ct) => Entries = await db.Recommendations.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(string? titleJa, string? titleEn, string? textJa, string? textEn, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }
        return await resolution.AddToLibraryAsync(new RecommendationText(titleJa ?? "", titleEn ?? "", textJa ?? "", textEn ?? ""), ct) is null ? BadRequest() : RedirectToPage();
    }

    public async Task<IActionResult> OnPostEditAsync(long id, string? titleJa, string? titleEn, string? textJa, string? textEn, bool retired, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }
        return await resolution.EditLibraryAsync(id, new RecommendationText(titleJa ?? "", titleEn ?? "", textJa ?? "", textEn ?? ""), retired, ct) ? RedirectToPage() : BadRequest();
    }
}
