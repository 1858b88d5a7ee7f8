using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SirtDesk.Data;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Coordination;

/// <summary>The directory: organisations and their contacts; create, edit, CSV export and all-or-nothing import.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DirectoryPageModel(SirtDb db, CoordinationOperations ops, DirectoryCsv csv, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public string? Message { get; private set; }
    public bool CanAct => StaffAccess.CanAct(User);

    public Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        return LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostOrganizationAsync(string? name, string? kind, string? unit, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }
        var input = new NewOrganization(name, kind, kind == "internal" ? unit : null);
        var errors = CoordinationOperations.Validate(input);
        if (errors.Count > 0)
        {
            Errors.AddRange(errors.Values.Select(e => l[e].Value));
            return await FailAsync(ct);
        }
        var org = await ops.CreateOrganizationAsync(input, ct);
        TempData["Message"] = l["Coord_OrganizationCreated", org.Name].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostContactAsync(long organizationId, string? name, string? email, string? language, string? timeZone, string? pgpKey, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }
        var org = await db.Set<Organization>().FirstOrDefaultAsync(o => o.Id == organizationId, ct);
        if (org is null)
        {
            return NotFound();
        }
        var input = new NewContact(name, email, language, timeZone, pgpKey);
        var errors = CoordinationOperations.Validate(input);
        if (errors.Count > 0)
        {
            Errors.AddRange(errors.Values.Select(e => l[e].Value));
            return await FailAsync(ct);
        }
        var (contact, keyError) = await ops.AddContactAsync(org, input, ct);
        if (contact is null)
        {
            Errors.Add(l[keyError!]);
            return await FailAsync(ct);
        }
        TempData["Message"] = l["Coord_ContactAdded", contact.Email].Value;
        return RedirectToPage();
    }

    /// <summary>Edits a contact's name, language and time zone (the address and key stay: a new address is a new contact).</summary>
    public async Task<IActionResult> OnPostEditContactAsync(long id, string? name, string? language, string? timeZone, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }
        var contact = await db.Set<Contact>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null)
        {
            return NotFound();
        }
        var errors = CoordinationOperations.Validate(new NewContact(name, contact.Email, language, timeZone, null));
        if (errors.Count > 0)
        {
            Errors.AddRange(errors.Values.Select(e => l[e].Value));
            return await FailAsync(ct);
        }
        contact.Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        contact.Language = language is "en" ? "en" : "ja";
        contact.TimeZone = string.IsNullOrEmpty(timeZone) ? "Asia/Tokyo" : timeZone;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = l["Coord_ContactSaved", contact.Email].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, string? text, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }
        var (content, error) = await CsvUpload.ReadAsync(file, text, l, ct);
        if (content is null)
        {
            Errors.Add(error!);
            return await FailAsync(ct);
        }
        var result = await csv.ImportAsync(content, ct);
        if (result.Problems.Count > 0)
        {
            Errors.AddRange(result.Problems.Select(p => l["Coord_CsvLine", p.Line, p.Field, l[p.Error]].Value));
            return await FailAsync(ct);
        }
        TempData["Message"] = l["Coord_CsvImported", result.Organizations, result.Contacts].Value;
        return RedirectToPage();
    }

    private async Task<IActionResult> FailAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Organizations = await db.Set<Organization>().AsNoTracking().Include(o => o.Contacts).OrderBy(o => o.Name).ThenBy(o => o.Id).ToListAsync(ct);
    }
}
