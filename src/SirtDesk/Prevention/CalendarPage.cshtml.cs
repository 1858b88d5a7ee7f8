using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SirtDesk.PublicSite;
using SirtDesk.Staff;

namespace SirtDesk.Prevention;

/// <summary>A month of assessments, review due dates and SLA due times of the teams the user sees, in the organisation's zone.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CalendarPageModel(CalendarEntries entries, StaffAccess access, ProfileStore profiles, TimeProvider clock) : PageModel
{
    public DateOnly Month { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public IReadOnlyList<CalendarEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(string? month, CancellationToken ct)
    {
        Zone = (await profiles.GetAsync(ct)).Zone;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        Month = DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) ? m : new DateOnly(today.Year, today.Month, 1);
        var from = Start(Month);
        var to = Start(Month.AddMonths(1));
        Entries = await entries.BetweenAsync(await access.VisibleTeamsAsync(User, ct), from, to, now, ct);
    }

    private DateTimeOffset Start(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public string LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).ToString("HH:mm", CultureInfo.InvariantCulture);
}
