using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using SirtDesk.Crypto;
using SirtDesk.Data;
using SirtDesk.Intake;

namespace SirtDesk.Staff;

public static class AttachmentDownload
{
    /// <summary>
    /// Always a download, never rendered: octet-stream, nosniff, a sandboxing CSP and a cleaned file name,
    /// whatever type and name the reporter claimed.
    /// </summary>
    public static void MapAttachmentDownload(this WebApplication app)
    {
        app.MapGet("/staff/reports/{trackingNumber}/attachments/{id:long}", async (string trackingNumber, long id, HttpContext http, SirtDb db, StaffAccess access, AtRestCipher cipher, CancellationToken ct) =>
        {
            var found = await (from a in db.ReportAttachments
                               join r in db.Reports on a.ReportId equals r.Id
                               where a.Id == id && r.TrackingNumber == trackingNumber
                               select new { a.FileName, a.Sealed, r.Team }).FirstOrDefaultAsync(ct);
            if (found is null || !await access.CanSeeTeamAsync(http.User, found.Team, ct))
            {
                return Results.NotFound();
            }
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(ReportValidation.SafeName(found.FileName));
            http.Response.Headers.ContentDisposition = disposition.ToString();
            http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
            http.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(cipher.Open(found.Sealed), "application/octet-stream");
        }).RequireAuthorization(Policies.Staff).ExcludeFromDescription();
    }
}
