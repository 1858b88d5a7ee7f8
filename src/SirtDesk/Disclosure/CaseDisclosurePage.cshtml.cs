using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Staff;

namespace SirtDesk.Disclosure;

/// <summary>The forms of the case page's disclosure section post here; a refused change is shown here with its problems.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CaseDisclosurePageModel(SirtDb db, StaffAccess access, DisclosureOperations disclosure) : PageModel
{
    public Case? Case { get; private set; }
    public DisclosurePanel? Panel { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct) => await LoadAsync(number, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostEmbargoAsync(string number, string? local, string? zone, string? extraZones, string? reason, bool clear, CancellationToken ct) =>
        ChangeAsync(number, (c, actor) => disclosure.ChangeEmbargoAsync(c, new EmbargoChange(local, zone, extraZones, reason, clear), actor, ct),
            p => p with { EmbargoLocal = local, EmbargoZone = zone, ExtraZones = extraZones, Reason = reason }, ct);

    public Task<IActionResult> OnPostCoordinationAsync(string number, string? references, string? reportedOn, string? publishedOn, string? vendorStatusJa, string? vendorStatusEn, CancellationToken ct) =>
        ChangeAsync(number, (c, actor) => disclosure.ChangeCoordinationAsync(c, new CoordinationChange(references, reportedOn, publishedOn, vendorStatusJa, vendorStatusEn), actor, ct),
            p => p with { References = references, ReportedOn = reportedOn, PublishedOn = publishedOn, VendorStatusJa = vendorStatusJa, VendorStatusEn = vendorStatusEn }, ct);

    public Task<IActionResult> OnPostCveAsync(string number, string? cveIds, CancellationToken ct) =>
        ChangeAsync(number, async (c, actor) => (await disclosure.ChangeCveIdsAsync(c, cveIds, actor, ct)).Problems, p => p with { CveIds = cveIds }, ct);

    private async Task<IActionResult> ChangeAsync(string number, Func<Case, string, Task<IReadOnlyList<string>>> change, Func<DisclosurePanel, DisclosurePanel> keep, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        if (!StaffAccess.CanAct(User))
        {
            return Forbid();
        }
        var problems = await change(Case!, StaffAccess.Actor(User));
        if (problems.Count == 0)
        {
            return Redirect($"/staff/cases/{Uri.EscapeDataString(number)}#disclosure");
        }
        await LoadAsync(number, ct);
        Panel = keep(Panel!) with { Problems = problems };
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string number, CancellationToken ct)
    {
        Case = await db.Cases.FirstOrDefaultAsync(c => c.Number == number, ct);
        if (Case is null || !await access.CanSeeTeamAsync(User, Case.Team, ct))
        {
            return false;
        }
        Panel = await DisclosurePanel.LoadAsync(db, disclosure, User, Case, ct);
        return true;
    }
}

/// <summary>The disclosure section of the case page: the view plus the form values (the stored ones, or what was refused).</summary>
public sealed record DisclosurePanel(
    string Number, DisclosureView View, bool CanAct, string? EmbargoLocal, string? EmbargoZone, string? ExtraZones, string? Reason,
    string? References, string? ReportedOn, string? PublishedOn, string? VendorStatusJa, string? VendorStatusEn, string? CveIds, IReadOnlyList<string> Problems)
{
    public static async Task<DisclosurePanel> LoadAsync(SirtDb db, DisclosureOperations disclosure, System.Security.Claims.ClaimsPrincipal user, Case @case, CancellationToken ct)
    {
        var viewer = await ViewerZone.ForAsync(db, user, ct);
        var v = await disclosure.ViewAsync(@case, viewer is null ? [] : [new EmbargoAudience(StaffAccess.Actor(user), viewer.Id)], ct);
        var local = v.EmbargoAt is { } at ? TimeZoneInfo.ConvertTime(at, DisclosureFormats.Jst).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) : null;
        return new DisclosurePanel(@case.Number, v, StaffAccess.CanAct(user), local, DisclosureFormats.Jst.Id, string.Join(' ', v.ExtraZones), null,
            string.Join(' ', v.References), v.ReportedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            v.PublishedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), v.VendorStatusJa, v.VendorStatusEn, string.Join(' ', v.CveIds), []);
    }
}
