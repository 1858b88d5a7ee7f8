using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;

namespace SirtDesk.Staff;

/// <summary>A staff member's own settings: the time zone due times are shown in.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class AccountModel(SirtDb db, Prevention.CalendarTokens calendarTokens) : PageModel
{
    public IReadOnlyList<string> Zones { get; } = [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal)).Order()];
    public string? TimeZone { get; private set; }
    public bool Saved { get; private set; }

    /// <summary>Whether the person has a calendar-feed address; the address itself is shown only once, when made.</summary>
    public bool HasFeed { get; private set; }
    public string? NewFeedUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        TimeZone = await db.Users.Where(u => u.Id == User.FindFirstValue(ClaimTypes.NameIdentifier)).Select(u => u.TimeZone).SingleOrDefaultAsync(ct);
        HasFeed = await calendarTokens.HasTokenAsync(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", ct);
    }

    /// <summary>Makes a new calendar-feed address; the old one stops working at once.</summary>
    public async Task<IActionResult> OnPostCalendarTokenAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        var token = await calendarTokens.RotateAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        NewFeedUrl = $"{Request.Scheme}://{Request.Host}/staff/calendar.ics?token={Uri.EscapeDataString(token)}";
        HasFeed = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? timeZone, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(timeZone) && !Zones.Contains(timeZone))
        {
            return BadRequest();
        }
        var id = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = await db.Users.SingleAsync(u => u.Id == id, ct);
        user.TimeZone = string.IsNullOrEmpty(timeZone) ? null : timeZone;
        await db.SaveChangesAsync(ct);
        (TimeZone, Saved) = (user.TimeZone, true);
        HasFeed = await calendarTokens.HasTokenAsync(id ?? "", ct);
        return Page();
    }
}

/// <summary>Due times in the viewer's own zone (when set) beside JST.</summary>
public static class ViewerZone
{
    private static readonly TimeZoneInfo Jst = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static async Task<TimeZoneInfo?> ForAsync(SirtDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var zone = await db.Users.Where(u => u.Id == id).Select(u => u.TimeZone).SingleOrDefaultAsync(ct);
        return zone is not null && zone != "Asia/Tokyo" && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var z) ? z : null;
    }

    public static string Format(DateTimeOffset instant, TimeZoneInfo? viewer)
    {
        var jst = TimeZoneInfo.ConvertTime(instant, Jst).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " JST";
        return viewer is null ? jst
            : TimeZoneInfo.ConvertTime(instant, viewer).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + $" ({viewer.Id}) · " + jst;
    }
}
