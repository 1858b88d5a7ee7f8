using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SirtDesk.PublicSite;
using SirtDesk.Staff;

namespace SirtDesk.Sla;

/// <summary>Administrators edit the SLA targets and each team's business calendar (JSON, validated).</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class SlaSettingsEditorModel(SlaSettings settings, ProfileStore profiles) : PageModel
{
    public string PolicyJson { get; private set; } = "";
    public string CalendarsJson { get; private set; } = "";
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public bool Saved { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostPolicyAsync(string? json, CancellationToken ct) => SaveAsync(() => settings.SavePolicyAsync(json ?? "", ct), ct);

    public Task<IActionResult> OnPostCalendarsAsync(string? json, CancellationToken ct) => SaveAsync(() => settings.SaveCalendarsAsync(json ?? "", ct), ct);

    private async Task<IActionResult> SaveAsync(Func<Task<IReadOnlyList<string>>> save, CancellationToken ct)
    {
        Problems = await save();
        Saved = Problems.Count == 0;
        await LoadAsync(ct);
        if (!Saved)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        PolicyJson = JsonSerializer.Serialize(await settings.PolicyAsync(ct), TeamProfile.Json);
        var calendars = new Dictionary<string, TeamCalendarSettings>(await settings.CalendarSettingsAsync(ct));
        foreach (var team in (await profiles.GetAsync(ct)).Teams)
        {
            calendars.TryAdd(team.Key, TeamCalendarSettings.Default);
        }
        CalendarsJson = JsonSerializer.Serialize(calendars, TeamProfile.Json);
    }
}
