using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SirtDesk.PublicSite;

[AllowAnonymous]
public sealed class DescriptionModel(ProfileStore profiles, IConfiguration config, Sla.SlaSettings sla) : PageModel
{
    public Sla.SlaPolicy Targets { get; private set; } = Sla.SlaPolicy.Default;

    public TeamProfile Profile { get; private set; } = ProfileStore.Default;
    public string Lang { get; private set; } = "ja";
    public string BaseUrl { get; private set; } = "";

    public async Task OnGetAsync(string lang, CancellationToken ct)
    {
        Lang = lang;
        Profile = await profiles.GetAsync(ct);
        BaseUrl = PublicSiteModule.BaseUrl(HttpContext, config);
        Targets = await sla.PolicyAsync(ct);
    }
}
