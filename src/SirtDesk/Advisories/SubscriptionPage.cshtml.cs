using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SirtDesk.Advisories;

/// <summary>
/// /{lang}/advisories/subscription/{token}: the link of the confirmation mail. Opening it changes nothing (mail
/// scanners open links); pressing the button confirms (double opt-in). The page also offers to unsubscribe.
/// </summary>
[AllowAnonymous]
public sealed class SubscriptionPageModel(AdvisoryNotifications notifications) : PageModel
{
    public AdvisorySubscription? Subscription { get; private set; }
    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Token = token;
        Subscription = await notifications.FindAsync(token, ct);
        return Subscription is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string lang, string token, CancellationToken ct) =>
        await notifications.ConfirmAsync(token, ct) ? Redirect($"/{lang}/advisories/subscription/{Uri.EscapeDataString(token)}") : NotFound();

    public async Task<IActionResult> OnPostUnsubscribeAsync(string lang, string token, CancellationToken ct) =>
        await notifications.UnsubscribeAsync(token, ct) ? Redirect($"/{lang}/advisories/subscription/{Uri.EscapeDataString(token)}") : NotFound();
}
