using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.PublicSite;

namespace SirtDesk.Intake;

/// <summary>The reporter's view of their report, reached only through the secret link of the receipt.</summary>
[AllowAnonymous]
public sealed class TrackModel(SirtDb db, ProfileStore profiles) : PageModel
{
    public Report? Report { get; private set; }
    public string ReceivedLocal { get; private set; } = "";

    public async Task OnGetAsync(string lang, string token, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var hash = Tracking.Hash(token);
        Report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.TrackingTokenHash == hash, ct);
        if (Report is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var profile = await profiles.GetAsync(ct);
        ReceivedLocal = TimeZoneInfo.ConvertTime(Report.ReceivedAt, profile.Zone).ToString("yyyy-MM-dd HH:mm zzz") + $" ({profile.Organization.TimeZone})";
    }
}
