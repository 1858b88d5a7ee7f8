using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SirtDesk.Advisories;

/// <summary>/{lang}/advisories/{id}: one published TLP:CLEAR advisory, its latest revision and the revision history.</summary>
[AllowAnonymous]
public sealed class PublicAdvisoryModel(PublishedAdvisories published) : PageModel
{
    public string Lang { get; private set; } = "ja";
    public PublishedAdvisory? Item { get; private set; }

    public async Task<IActionResult> OnGetAsync(string lang, string id, CancellationToken ct)
    {
        Lang = lang;
        Item = await published.FindAsync(id, ct);
        return Item is { IsPublic: true } ? Page() : NotFound();
    }
}
