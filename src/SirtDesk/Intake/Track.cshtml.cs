using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SirtDesk.PublicSite;
using SirtDesk.Web;

namespace SirtDesk.Intake;

/// <summary>
/// The reporter's view of their report, reached only through the secret link: status, the next answer's due time,
/// what the team shared, messages and files back, the credit preference. A wrong, rotated or expired token all get
/// the same 404 page, byte for byte.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(IntakeModule.RateLimitPolicy)]
[RequestSizeLimit(ReportFormModel.FormBodyLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = ReportFormModel.FormBodyLimit, ValueLengthLimit = 4 * 1024 * 1024)]
public sealed class TrackModel(ReporterPortal portal, ProfileStore profiles, IOptionsSnapshot<IntakeOptions> options, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public static readonly TimeZoneInfo Jst = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public Report? Report { get; private set; }
    public string ReceivedLocal { get; private set; } = "";
    public string? NextAnswerDue { get; private set; }
    public IReadOnlyList<PortalItem> Items { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string? Done { get; private set; }
    public IntakeOptions Limits => options.Value;

    public static string InJst(DateTimeOffset at, string lang) => lang == "ja"
        ? TimeZoneInfo.ConvertTime(at, Jst).ToString("yyyy年M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture) + "（日本時間）"
        : TimeZoneInfo.ConvertTime(at, Jst).ToString("d MMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " JST";

    public async Task<IActionResult> OnGetAsync(string lang, string token, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(lang, token, ct))
        {
            return NotFoundPage(lang);
        }
        Done = done is "message" or "credit" ? done : null;
        return Page();
    }

    public async Task<IActionResult> OnPostMessageAsync(string lang, string token, CancellationToken ct)
    {
        if (!await LoadAsync(lang, token, ct))
        {
            return NotFoundPage(lang);
        }
        var form = Request.Form;
        var files = new List<IncomingAttachment>();
        foreach (var file in form.Files.Where(f => f.Name == "attachments" && f.Length > 0))
        {
            if (file.Length > options.Value.MaxAttachmentBytes)
            {
                // Refused before it is read into memory.
                Errors["attachments"] = [localizer["AttachmentTooLarge", ReportValidation.SafeName(file.FileName), options.Value.MaxAttachmentBytes / (1024 * 1024)]];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            files.Add(new IncomingAttachment(file.FileName, string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType, buffer.ToArray()));
        }
        var errors = await portal.SendMessageAsync(Report!, new PortalMessage(form["message"].ToString(), files), ct);
        if (errors is not null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return RedirectToPage(new { lang, token, done = "message" });
    }

    public async Task<IActionResult> OnPostCreditAsync(string lang, string token, string? credit, CancellationToken ct)
    {
        if (!await LoadAsync(lang, token, ct))
        {
            return NotFoundPage(lang);
        }
        if (!await portal.ChangeCreditAsync(Report!, credit ?? "", ct))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return RedirectToPage(new { lang, token, done = "credit" });
    }

    public string? Error(string name) => Errors.TryGetValue(name, out var e) ? string.Join(" ", e) : null;

    private async Task<bool> LoadAsync(string lang, string token, CancellationToken ct)
    {
        // The page carries the secret link: keep it out of caches and out of Referer headers (no-referrer is global).
        Response.Headers.CacheControl = "no-store";
        Report = await portal.FindAsync(token, ct);
        if (Report is null)
        {
            return false;
        }
        var profile = await profiles.GetAsync(ct);
        ReceivedLocal = TimeZoneInfo.ConvertTime(Report.ReceivedAt, profile.Zone).ToString("yyyy-MM-dd HH:mm zzz") + $" ({profile.Organization.TimeZone})";
        NextAnswerDue = await portal.NextAnswerDueAsync(Report, ct) is { } due ? InJst(due, lang) : null;
        Items = await portal.SharedItemsAsync(Report, ct);
        return true;
    }

    // Nothing of the request (not even the token in the language switch) goes into this page, so every unknown token gets the same bytes.
    private PageResult NotFoundPage(string lang)
    {
        Report = null;
        ViewData["LanguageSwitchPath"] = $"/{lang}/";
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
