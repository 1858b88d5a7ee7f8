using Microsoft.AspNetCore.Localization;

namespace SirtDesk.PublicSite;

public static class LanguageSwitch
{
    /// <summary>Remembers the choice in the culture cookie and returns to the same page in the chosen language.</summary>
    public static void MapLanguageSwitch(this WebApplication app)
    {
        app.MapGet("/language/{lang:regex(^(ja|en)$)}", (HttpContext http, string lang, string? returnUrl) =>
        {
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(lang)),
                new CookieOptions { Expires = DateTimeOffset.UnixEpoch.AddYears(100), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var target = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
                ? returnUrl : "/";
            if (target.StartsWith("/ja/", StringComparison.Ordinal) || target.StartsWith("/en/", StringComparison.Ordinal))
            {
                target = "/" + lang + target[3..];
            }
            return Results.LocalRedirect(target);
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
