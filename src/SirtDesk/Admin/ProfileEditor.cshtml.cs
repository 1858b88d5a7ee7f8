using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SirtDesk.PublicSite;
using SirtDesk.Staff;

namespace SirtDesk.Admin;

/// <summary>Administrators edit the team profile (the same JSON as `sirtdesk profile import/export`).</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class ProfileEditorModel(ProfileStore profiles, TimeProvider clock) : PageModel
{
    public string Json { get; private set; } = "";
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public bool Saved { get; private set; }
    public bool ExpiresSoon { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var profile = await profiles.GetAsync(ct);
        Json = profile.ToJson();
        ExpiresSoon = PublicSiteModule.ExpiresSoon(profile, clock.GetUtcNow());
    }

    public async Task<IActionResult> OnPostAsync(string? json, CancellationToken ct)
    {
        Json = json ?? "";
        Problems = await profiles.SaveAsync(Json, ct);
        Saved = Problems.Count == 0;
        if (!Saved)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        ExpiresSoon = PublicSiteModule.ExpiresSoon(await profiles.GetAsync(ct), clock.GetUtcNow());
        return Page();
    }
}
