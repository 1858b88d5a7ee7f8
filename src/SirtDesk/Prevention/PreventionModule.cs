using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using SirtDesk.Data;
using SirtDesk.Inventory;
using SirtDesk.Intake;
using SirtDesk.PublicSite;
using SirtDesk.Staff;

namespace SirtDesk.Prevention;

public static class PreventionModule
{
    public static void AddPrevention(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AssessmentOperations>();
        builder.Services.AddScoped<PlanReviewOperations>();
        builder.Services.AddScoped<ReviewTemplates>();
        builder.Services.AddScoped<PreventionRound>();
        builder.Services.AddScoped<CalendarEntries>();
        builder.Services.AddScoped<CalendarTokens>();
    }

    public static void MapPrevention(this WebApplication app)
    {
        // A calendar app has no session: the token in the address is the credential. Anything wrong is 404.
        app.MapGet("/staff/calendar.ics", async (string? token, string? lang, HttpContext http, CalendarTokens tokens, SirtDb db, CalendarEntries entries, TimeProvider clock, IConfiguration config, CancellationToken ct) =>
        {
            var userId = await tokens.ResolveAsync(token, ct);
            var now = clock.GetUtcNow();
            var user = userId is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
            if (user is null || user.LockoutEnd > now)
            {
                return Results.NotFound();
            }
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToListAsync(ct);
            if (!roles.Any(r => Roles.All.Contains(r)))
            {
                return Results.NotFound();
            }
            IReadOnlyList<string>? teams = roles.Contains(Roles.Administrator) ? null : await db.TeamMemberships.Where(m => m.UserId == user.Id).Select(m => m.Team).ToListAsync(ct);
            var list = await entries.BetweenAsync(teams, now.AddDays(-30), now.AddDays(400), now, ct);
            var baseUrl = PublicSiteModule.BaseUrl(http, config);
            var host = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.Host : "sirtdesk";
            http.Response.Headers.CacheControl = "no-store";
            var language = lang == "en" ? "en" : "ja";
            var text = ICalendar.Write(list, language, host, baseUrl, now, language == "en" ? "SirtDesk calendar" : "SirtDesk カレンダー");
            return Results.Text(text, "text/calendar; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();

        // Reports are always downloads, never rendered, whatever name and type were uploaded.
        app.MapGet("/staff/assessments/{planId:long}/occurrences/{id:long}/report", async (long planId, long id, HttpContext http, AssessmentOperations ops, CancellationToken ct) =>
        {
            var plan = await ops.FindPlanAsync(http.User, planId, ct);
            var occurrence = plan?.Occurrences.FirstOrDefault(o => o.Id == id);
            if (occurrence is null || await ops.OpenReportAsync(occurrence, ct) is not { } content)
            {
                return Results.NotFound();
            }
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(ReportValidation.SafeName(occurrence.ReportFileName ?? "report"));
            http.Response.Headers.ContentDisposition = disposition.ToString();
            http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
            http.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(content, "application/octet-stream");
        }).RequireAuthorization(Policies.Staff).ExcludeFromDescription();
    }

    /// <summary>The products the user may plan for (those they may edit), for the plan and review forms.</summary>
    public static async Task<List<Product>> EditableProductsAsync(InventoryOperations inventory, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var editable = await inventory.EditableTeamsAsync(user, ct);
        return [.. (await inventory.ListAsync(user, ct)).Where(p => InventoryOperations.MayEdit(editable, p.Team))];
    }
}
