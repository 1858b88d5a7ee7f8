using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SirtDesk.PublicSite;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Prevention;

/// <summary>Administrators edit the bilingual checklist of each review kind; new reviews copy it.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class ReviewTemplatesPageModel(ReviewTemplates templates, IStringLocalizer<SharedResource> l) : PageModel
{
    public Dictionary<string, IReadOnlyList<LocalizedText>> Templates { get; } = [];
    public List<string> Errors { get; } = [];
    public bool Saved { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? kind, string[]? ja, string[]? en, CancellationToken ct)
    {
        if (kind is null || !ReviewKinds.All.Contains(kind))
        {
            return BadRequest();
        }
        ja ??= [];
        en ??= [];
        var items = Enumerable.Range(0, Math.Max(ja.Length, en.Length)).Select(i => (i < ja.Length ? ja[i] : null, i < en.Length ? en[i] : null)).ToList();
        var error = await templates.SaveAsync(kind, items, ct);
        await LoadAsync(ct);
        if (error is not null)
        {
            Errors.Add(l[error]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Saved = true;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        foreach (var kind in ReviewKinds.All)
        {
            Templates[kind] = await templates.GetAsync(kind, ct);
        }
    }
}
