using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SirtDesk.Cases;
using SirtDesk.Crypto;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.Web;

namespace SirtDesk.Staff;

[Authorize(Policy = Policies.Staff)]
public sealed class ReportDetailModel(SirtDb db, StaffAccess access, CaseOperations cases, ReporterPortal portal, SirtDesk.PublicSite.ProfileStore profiles, IConfiguration config, AtRestCipher cipher, IStringLocalizer<SharedResource> l) : PageModel
{
    public Report? Report { get; private set; }
    public string? ProofOfConcept { get; private set; }
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];
    public string? Message { get; private set; }

    /// <summary>The out-of-scope answers to choose from: the profile's "we do not do" items, then a generic one.</summary>
    public IReadOnlyList<(string Key, string Label)> ScopeTemplates { get; private set; } = [];

    public bool CanAct => StaffAccess.CanAct(User);

    public async Task<IActionResult> OnGetAsync(string trackingNumber, CancellationToken ct) =>
        await LoadAsync(trackingNumber, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostOpenCaseAsync(string trackingNumber, CancellationToken ct) =>
        ActAsync(trackingNumber, async r => Redirect("/staff/cases/" + (await cases.OpenCaseAsync(r, StaffAccess.Actor(User), ct)).Number), ct);

    public Task<IActionResult> OnPostSpamAsync(string trackingNumber, CancellationToken ct) =>
        ActAsync(trackingNumber, async r =>
        {
            await cases.MarkSpamAsync(r, StaffAccess.Actor(User), ct);
            return RedirectToPage(new { trackingNumber });
        }, ct);

    public Task<IActionResult> OnPostOutOfScopeAsync(string trackingNumber, string? template, CancellationToken ct) =>
        ActAsync(trackingNumber, async r =>
        {
            if (!await cases.MarkOutOfScopeAsync(r, template, StaffAccess.Actor(User), ct))
            {
                return BadRequest();
            }
            return RedirectToPage(new { trackingNumber });
        }, ct);

    /// <summary>A new tracking link for the reporter, by mail; the old one stops working.</summary>
    public async Task<IActionResult> OnPostRotateTokenAsync(string trackingNumber, CancellationToken ct)
    {
        if (!await LoadAsync(trackingNumber, ct))
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        await portal.RotateTokenAsync(Report!, SirtDesk.PublicSite.PublicSiteModule.BaseUrl(HttpContext, config), StaffAccess.Actor(User), ct);
        return RedirectToPage(new { trackingNumber });
    }

    public Task<IActionResult> OnPostAddToCaseAsync(string trackingNumber, string? caseNumber, CancellationToken ct) =>
        ActAsync(trackingNumber, async r =>
        {
            var joined = string.IsNullOrWhiteSpace(caseNumber) ? null : await cases.AddToCaseAsync(r, caseNumber, StaffAccess.Actor(User), ct);
            if (joined is null)
            {
                Message = l["CaseNotFoundForTeam"];
                await LoadAsync(trackingNumber, ct);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            return Redirect("/staff/cases/" + joined.Number);
        }, ct);

    private async Task<IActionResult> ActAsync(string trackingNumber, Func<Report, Task<IActionResult>> action, CancellationToken ct)
    {
        if (!await LoadAsync(trackingNumber, ct))
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        if (!Report!.IsOpen)
        {
            Message = l["ReportAlreadyHandled"];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return await action(Report);
    }

    private async Task<bool> LoadAsync(string trackingNumber, CancellationToken ct)
    {
        Report = await db.Reports.Include(r => r.Case).Include(r => r.Attachments).FirstOrDefaultAsync(r => r.TrackingNumber == trackingNumber, ct);
        // A report of another team is "not found", not "forbidden": its existence is not disclosed.
        if (Report is null || !await access.CanSeeTeamAsync(User, Report.Team, ct))
        {
            Report = null;
            return false;
        }
        var profile = await profiles.GetAsync(ct);
        ScopeTemplates = [.. OutOfScopeMail.Templates(profile).Select(t => (t.Key, t.Ja is null ? l["ScopeTemplateGeneric"].Value : Web.Lang.Current == "ja" ? t.Ja : t.En!))];
        ProofOfConcept = Report.ProofOfConceptSealed is null ? null : cipher.OpenText(Report.ProofOfConceptSealed);
        var id = Report.Id;
        Timeline = await db.Timeline.AsNoTracking().Where(t => t.ReportId == id).OrderBy(t => t.Id).ToListAsync(ct);
        return true;
    }
}
