using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SirtDesk.Data;
using SirtDesk.PublicSite;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Mail;

/// <summary>Administrators generate, import and rotate the sub-teams' OpenPGP keys.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class KeysPageModel(SirtDb db, TeamKeys keys, ProfileStore profiles, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<TeamKey> Keys { get; private set; } = [];
    public IReadOnlyList<PublicSite.SubTeam> Teams { get; private set; } = [];
    public HashSet<string> Published { get; private set; } = [];
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostGenerateAsync(string? team, string? algorithm, int? validDays, CancellationToken ct)
    {
        var profile = await profiles.GetAsync(ct);
        if (team is null || profile.Team(team) is not { } t || algorithm is not (OpenPgp.Rsa4096 or OpenPgp.Ed25519) || validDays is < 0 or > 3650)
        {
            Errors.Add(l["KeyFormInvalid"]);
            return await FailAsync(ct);
        }
        var uid = $"{t.Name.En} <{t.Email}>";
        var key = await keys.GenerateAsync(team, uid, algorithm, validDays is > 0 ? TimeSpan.FromDays(validDays.Value) : null, ct);
        TempData["Message"] = l["KeyGenerated", key.Fingerprint].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostImportAsync(string? team, IFormFile? file, string? passphrase, CancellationToken ct)
    {
        if (team is null || (await profiles.GetAsync(ct)).Team(team) is null || file is null || file.Length is 0 or > 1024 * 1024)
        {
            Errors.Add(l["KeyFormInvalid"]);
            return await FailAsync(ct);
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        try
        {
            var key = await keys.ImportSecretAsync(team, buffer.ToArray(), passphrase, ct);
            TempData["Message"] = l["KeyImported", key.Fingerprint].Value;
            return RedirectToPage();
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            Errors.Add(l["KeyImportFailed"]);
            return await FailAsync(ct);
        }
    }

    private async Task<IActionResult> FailAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        Teams = (await profiles.GetAsync(ct)).Teams;
        Keys = await db.TeamKeys.AsNoTracking().OrderBy(k => k.Team).ThenByDescending(k => k.Id).ToListAsync(ct);
        Published = (await keys.PublishedAsync(ct)).Select(k => k.Fingerprint).ToHashSet();
    }
}
