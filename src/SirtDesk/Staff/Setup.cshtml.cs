using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SirtDesk.PublicSite;
using SirtDesk.Web;

namespace SirtDesk.Staff;

/// <summary>The one-time link printed at start-up: creates the first administrator, then stops working.</summary>
[AllowAnonymous]
public sealed class SetupModel(StaffAccounts accounts, ProfileStore profiles, IStringLocalizer<SharedResource> l) : PageModel
{
    public bool Valid { get; private set; }
    public List<string> Errors { get; } = [];
    public string? Email { get; private set; }
    public string? DisplayName { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken ct)
    {
        Valid = await accounts.IsValidSetupTokenAsync(token, ct);
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public async Task<IActionResult> OnPostAsync(string token, string? email, string? displayName, string? password, CancellationToken ct)
    {
        Valid = await accounts.IsValidSetupTokenAsync(token, ct);
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Email = email;
        DisplayName = displayName;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            Errors.Add(l["SetupFieldsRequired"]);
            return Page();
        }
        var teams = (await profiles.GetAsync(ct)).Teams.Select(t => t.Key);
        var result = await accounts.CreateAsync(email.Trim(), password, Roles.Administrator, teams, displayName);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => IdentityMessages.Localize(e, l)));
            return Page();
        }
        await accounts.ConsumeSetupTokenAsync(ct);
        return RedirectToPage("/Staff/Login");
    }
}

public static class IdentityMessages
{
    /// <summary>Identity's own messages are English only; the ones a user can meet here are translated.</summary>
    public static string Localize(Microsoft.AspNetCore.Identity.IdentityError e, IStringLocalizer l)
    {
        var text = l["Identity_" + e.Code];
        return text.ResourceNotFound ? e.Description : text.Value;
    }
}
