using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SirtDesk.Data;
using SirtDesk.PublicSite;
using SirtDesk.Staff;

namespace SirtDesk.Disclosure;

/// <summary>Administrators set each team's default disclosure deadline and the embargo reminder days (JSON, validated).</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class DisclosureSettingsPageModel(SirtDb db, TimeProvider clock) : PageModel
{
    public string Json { get; private set; } = "";
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Json = JsonSerializer.Serialize(await DisclosureDefaults.LoadAsync(db, ct), TeamProfile.Json);

    public async Task<IActionResult> OnPostAsync(string? json, CancellationToken ct)
    {
        Problems = await DisclosureDefaults.SaveAsync(db, json ?? "", clock.GetUtcNow(), ct);
        Saved = Problems.Count == 0;
        if (Saved)
        {
            await OnGetAsync(ct);
        }
        else
        {
            Json = json ?? "";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
