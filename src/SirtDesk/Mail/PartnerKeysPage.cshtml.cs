using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SirtDesk.Data;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Mail;

/// <summary>Partners' and reporters' public keys: where each came from, its expiry, and whether someone verified it out of band.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class PartnerKeysPageModel(SirtDb db, TeamKeys keys, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<PartnerKey> Keys { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];
    public const long MaxKeyBytes = UploadSize.MiB;
    public bool CanAct => StaffAccess.CanAct(User);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, string? armored, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }
        // A file over the limit is refused as such, and never falls back to the pasted text: the user chose that file.
        var tooLarge = file is { Length: > 0 }
            ? UploadSize.TooLarge(file.Length, MaxKeyBytes, l)
            : UploadSize.TooLarge(armored?.Length, MaxKeyBytes, l, "Upload_TextTooLarge");
        if (tooLarge is not null)
        {
            Errors.Add(tooLarge);
            return await FailAsync(ct);
        }
        byte[]? data = null;
        if (file is { Length: > 0 })
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            data = buffer.ToArray();
        }
        else if (!string.IsNullOrWhiteSpace(armored))
        {
            data = System.Text.Encoding.ASCII.GetBytes(armored);
        }
        if (data is null)
        {
            Errors.Add(l["KeyFormInvalid"]);
            return await FailAsync(ct);
        }
        try
        {
            var imported = await keys.ImportPartnerAsync(data, "upload", ct);
            TempData["Message"] = l["PartnerKeyImported", string.Join(", ", imported.Select(k => k.Fingerprint))].Value;
            return RedirectToPage();
        }
        catch (InvalidDataException)
        {
            Errors.Add(l["PartnerKeyInvalid"]);
            return await FailAsync(ct);
        }
    }

    public async Task<IActionResult> OnPostVerifyAsync(long id, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }
        var key = await db.PartnerKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return NotFound();
        }
        key.VerifiedAt = clock.GetUtcNow();
        key.VerifiedBy = User.Identity?.Name;
        await db.SaveChangesAsync(ct);
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
        Message = TempData["Message"] as string;
        Now = clock.GetUtcNow();
        Keys = await db.PartnerKeys.AsNoTracking().OrderBy(k => k.Email).ThenByDescending(k => k.Id).ToListAsync(ct);
    }
}
