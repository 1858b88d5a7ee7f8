using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SirtDesk.Web;

namespace SirtDesk.Staff;

/// <summary>Step one of the staff sign-in: the password. Every account has two-factor on, so step two always follows.</summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<StaffUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    public string? Error { get; private set; }
    public string? Email { get; private set; }
    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl)
    {
        Email = email;
        ReturnUrl = returnUrl;
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password))
        {
            Error = l["SignInFailed"];
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(email, password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Staff/TwoFactor", new { returnUrl });
        }
        Error = result.IsLockedOut ? l["LockedOut"] : l["SignInFailed"];
        if (result.Succeeded)
        {
            // An account without two-factor must not get in: the console requires TOTP for everyone.
            await signIn.SignOutAsync();
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
