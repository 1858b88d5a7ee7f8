using System.Globalization;
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
/// Both public report forms. Fields are named as in the API's JSON (<c>reporter.email</c>) so that one
/// validator and one set of messages serve both. Works without JavaScript.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(IntakeModule.RateLimitPolicy)]
[RequestSizeLimit(FormBodyLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = FormBodyLimit, ValueLengthLimit = 4 * 1024 * 1024)]
public abstract class ReportFormModel(IntakeWriter writer, IOptionsSnapshot<IntakeOptions> options, IStringLocalizer<SharedResource> localizer, IConfiguration config, ProfileStore profiles)
    : PageModel
{
    /// <summary>Ten attachments of 20 MB plus the text fields, with room for multipart framing.</summary>
    public const long FormBodyLimit = 11L * 20 * 1024 * 1024 + 2 * 1024 * 1024;

    public abstract ReportKind Kind { get; }
    public string Lang { get; private set; } = "ja";
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public Receipt? Receipt { get; private set; }
    public string? TrackingUrl { get; private set; }
    public TeamProfile Profile { get; private set; } = ProfileStore.Default;
    public IntakeOptions Limits => options.Value;

    public string Value(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var v) ? v.ToString() : "";

    public string? Error(string name) => Errors.TryGetValue(name, out var e) ? string.Join(" ", e) : null;

    public async Task OnGetAsync(string lang, CancellationToken ct)
    {
        Lang = lang;
        Profile = await profiles.GetAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(string lang, CancellationToken ct)
    {
        Lang = lang;
        Profile = await profiles.GetAsync(ct);
        var form = Request.Form;
        string? F(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;

        var submission = new ReportSubmission
        {
            Kind = Kind.ToApi(),
            Language = lang,
            Title = F("title"),
            Description = F("description"),
            Product = F("product"),
            ProductVersion = F("productVersion"),
            VulnerabilityType = F("vulnerabilityType"),
            StepsToReproduce = F("stepsToReproduce"),
            Impact = F("impact"),
            ProofOfConcept = F("proofOfConcept"),
            DisclosurePlans = F("disclosurePlans"),
            OtherPartiesInformed = F("otherPartiesInformed"),
            AffectedService = F("affectedService"),
            DetectedTimeZone = F("detectedTimeZone"),
            Scope = F("scope"),
            Indicators = F("indicators"),
            Reporter = new ReporterSubmission
            {
                Name = F("reporter.name"),
                Email = F("reporter.email"),
                Organization = F("reporter.organization"),
                PgpKey = F("reporter.pgpKey"),
                Credit = F("reporter.credit"),
            },
        };
        var localErrors = new Dictionary<string, string[]>();
        var detected = F("detectedAt");
        if (!string.IsNullOrWhiteSpace(detected))
        {
            // The browser sends a local date-time; the reporter names its zone beside it.
            var zoneId = string.IsNullOrWhiteSpace(submission.DetectedTimeZone) ? Profile.Organization.TimeZone : submission.DetectedTimeZone;
            if (DateTime.TryParse(detected, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
            {
                var offset = zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
                submission.DetectedAt = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
            }
            else
            {
                localErrors["detectedAt"] = [localizer["DetectedAtInvalid"]];
            }
        }

        var files = new List<IncomingAttachment>();
        foreach (var file in form.Files.Where(f => f.Name == "attachments" && f.Length > 0))
        {
            if (file.Length > options.Value.MaxAttachmentBytes)
            {
                localErrors["attachments"] = [localizer["AttachmentTooLarge", ReportValidation.SafeName(file.FileName), options.Value.MaxAttachmentBytes / (1024 * 1024)]];
                continue;
            }
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            files.Add(new IncomingAttachment(file.FileName, string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType, buffer.ToArray()));
        }

        var report = ReportValidation.Validate(submission, "web", files, options.Value, localizer, out var errors);
        foreach (var (k, v) in localErrors)
        {
            errors[k] = errors.TryGetValue(k, out var existing) ? [.. existing, .. v] : v;
        }
        if (report is null || errors.Count > 0)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var baseUrl = PublicSiteModule.BaseUrl(HttpContext, config);
        Receipt = await writer.SubmitAsync(report, baseUrl, ct);
        TrackingUrl = Tracking.Url(baseUrl, Receipt);
        // The receipt carries the secret link: keep it out of caches.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
