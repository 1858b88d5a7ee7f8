using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SirtDesk.Staff;

namespace SirtDesk.Triage;

/// <summary>Administrators edit the severity factors. Saving re-assesses open cases only, each with a timeline entry.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class SeverityPolicyEditorModel(SeverityPolicyStore store) : PageModel
{
    public string Json { get; private set; } = "";
    public int Version { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var policy = await store.GetAsync(ct);
        Version = policy.Version;
        Json = JsonSerializer.Serialize(policy, SeverityPolicy.Json);
    }

    public async Task<IActionResult> OnPostAsync(string? json, CancellationToken ct)
    {
        Json = json ?? "";
        Problems = await store.SaveAsync(Json, StaffAccess.Actor(User), ct);
        Saved = Problems.Count == 0;
        Version = (await store.GetAsync(ct)).Version;
        if (!Saved)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
