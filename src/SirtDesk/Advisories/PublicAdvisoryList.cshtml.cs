using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SirtDesk.PublicSite;

namespace SirtDesk.Advisories;

/// <summary>/{lang}/advisories: published TLP:CLEAR advisories, filtered by product, severity and year; the e-mail subscription form.</summary>
[AllowAnonymous]
public sealed class PublicAdvisoryListModel(PublishedAdvisories published, AdvisoryNotifications notifications, SubscribeLimiter limiter, IConfiguration config) : PageModel
{
    public static readonly string[] Severities = ["critical", "high", "medium", "low", "none"];

    public string Lang { get; private set; } = "ja";
    public IReadOnlyList<PublishedAdvisory> Items { get; private set; } = [];
    public IReadOnlyList<string> Products { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public string? Product { get; private set; }
    public string? Severity { get; private set; }
    public int? Year { get; private set; }
    public bool? Subscribed { get; private set; }
    public bool Limited { get; private set; }

    public async Task OnGetAsync(string lang, string? product, string? severity, int? year, CancellationToken ct)
    {
        Lang = lang;
        var all = (await published.AllAsync(ct)).Where(a => a.IsPublic).ToList();
        Products = [.. all.SelectMany(a => a.Content.Products.Select(p => p.Name.Trim())).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Years = [.. all.Select(a => a.InitialReleaseAt.Year).Distinct().OrderDescending()];
        Product = string.IsNullOrWhiteSpace(product) ? null : product.Trim();
        Severity = Severities.Contains(severity) ? severity : null;
        Year = year;
        Items = [.. all.Where(a => (Product is null || a.Content.Products.Any(p => p.Name.Trim() == Product))
            && (Severity is null || a.SeverityWord == Severity) && (Year is null || a.InitialReleaseAt.Year == Year))];
    }

    public async Task<IActionResult> OnPostSubscribeAsync(string lang, string? email, CancellationToken ct)
    {
        if (limiter.TryAcquire(HttpContext) is { } retryAfter)
        {
            // Refused before anything is stored or queued.
            Limited = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await OnGetAsync(lang, null, null, null, ct);
            return Page();
        }
        Subscribed = await notifications.SubscribeAsync(email, lang, PublicSiteModule.BaseUrl(HttpContext, config), ct);
        await OnGetAsync(lang, null, null, null, ct);
        if (Subscribed == false)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
