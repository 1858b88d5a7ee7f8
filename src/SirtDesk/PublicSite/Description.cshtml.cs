using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SirtDesk.PublicSite;

[AllowAnonymous]
public sealed class DescriptionModel(ProfileStore profiles, IConfiguration config, Sla.SlaSettings sla, Mail.TeamKeys keys) : PageModel
{
    public Sla.SlaPolicy Targets { get; private set; } = Sla.SlaPolicy.Default;

    public TeamProfile Profile { get; private set; } = ProfileStore.Default;
    public string Lang { get; private set; } = "ja";
    public string BaseUrl { get; private set; } = "";

    /// <summary>The team keys SirtDesk holds and publishes (current ones and those in their rotation overlap).</summary>
    public IReadOnlyList<Mail.TeamKey> Keys { get; private set; } = [];

    public async Task OnGetAsync(string lang, CancellationToken ct)
    {
        Lang = lang;
        Profile = await profiles.GetAsync(ct);
        BaseUrl = PublicSiteModule.BaseUrl(HttpContext, config);
        Targets = await sla.PolicyAsync(ct);
        Keys = await keys.PublishedAsync(ct);
    }
}
