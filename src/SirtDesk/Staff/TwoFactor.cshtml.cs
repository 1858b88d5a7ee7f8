using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SirtDesk.PublicSite;
using SirtDesk.Web;

namespace SirtDesk.Staff;

/// <summary>
/// Step two: a TOTP code (RFC 6238). A user who has not confirmed an authenticator yet sees the key here
/// first (enrolment), so an account made on the command line enrols at its first sign-in.
/// </summary>
[AllowAnonymous]
public sealed class TwoFactorModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, IStringLocalizer<SharedResource> l, TimeProvider clock, ProfileStore profiles)
    : PageModel
{
    public string? EnrolmentKey { get; private set; }
    public string? EnrolmentUri { get; private set; }
    public string? Error { get; private set; }
    public string? ReturnUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Staff/Login");
        }
        await PrepareEnrolmentAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, string? returnUrl)
    {
        ReturnUrl = returnUrl;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Staff/Login");
        }
        var normalized = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(normalized, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            if (user.TotpConfirmedAt is null)
            {
                user.TotpConfirmedAt = clock.GetUtcNow();
                await users.UpdateAsync(user);
            }
            return LocalRedirect(returnUrl is { Length: > 1 } && returnUrl.StartsWith("/staff", StringComparison.Ordinal) ? returnUrl : "/staff");
        }
        Error = result.IsLockedOut ? l["LockedOut"] : l["TotpInvalid"];
        await PrepareEnrolmentAsync(user);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private async Task PrepareEnrolmentAsync(StaffUser user)
    {
        if (user.TotpConfirmedAt is not null)
        {
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        EnrolmentKey = key;
        var issuer = (await profiles.GetAsync(HttpContext.RequestAborted)).Organization.ShortName.En;
        EnrolmentUri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";
    }
}
