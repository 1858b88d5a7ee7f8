using SirtDesk.Standards.Calendar;

namespace SirtDesk.Sla;

/// <summary>
/// Business-time arithmetic for many clocks at once: a prefix sum of each local day's business time lets
/// Between and Add cost one day's work instead of a walk over every day in between. Every part is computed by
/// the <see cref="BusinessCalendar"/> itself (business time is additive over days), so results are identical;
/// instants outside the indexed days go to the calendar directly.
/// </summary>
public sealed class BusinessTime
{
    private readonly BusinessCalendar calendar;
    private readonly DateOnly first;
    private readonly DateTimeOffset[] dayStarts;
    private readonly TimeSpan[] before; // business time from the first indexed day's start to each day's start

    public BusinessTime(BusinessCalendar calendar, DateOnly from, DateOnly to)
    {
        this.calendar = calendar;
        first = from;
        var days = Math.Max(1, to.DayNumber - from.DayNumber + 1);
        dayStarts = new DateTimeOffset[days + 1];
        before = new TimeSpan[days + 1];
        for (var i = 0; i <= days; i++)
        {
            dayStarts[i] = StartOf(from.AddDays(i));
            if (i > 0)
            {
                before[i] = before[i - 1] + calendar.Between(dayStarts[i - 1], dayStarts[i]);
            }
        }
    }

    /// <summary>An index covering the instants the caller will ask about, with a year's margin for due times.</summary>
    public static BusinessTime Around(BusinessCalendar calendar, DateTimeOffset earliest, DateTimeOffset latest)
    {
        var from = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(earliest, calendar.TimeZone).DateTime).AddDays(-1);
        var to = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(latest, calendar.TimeZone).DateTime).AddDays(400);
        return new BusinessTime(calendar, from, to);
    }

    /// <summary>No index: every call goes to the calendar (one-off computations).</summary>
    public static BusinessTime Unindexed(BusinessCalendar calendar) => new(calendar);

    private BusinessTime(BusinessCalendar calendar)
    {
        this.calendar = calendar;
        dayStarts = [];
        before = [];
    }

    public TimeSpan Between(DateTimeOffset a, DateTimeOffset b)
    {
        if (b <= a)
        {
            return TimeSpan.Zero;
        }
        return Position(a) is { } pa && Position(b) is { } pb ? pb - pa : calendar.Between(a, b);
    }

    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || Position(start) is not { } p)
        {
            return calendar.Add(start, duration);
        }
        var target = p + duration;
        // The day whose business time reaches the target: the first j with before[j] >= target, day i = j - 1
        // (closed days repeat the same prefix, so the first of a run is the open day that ends there).
        int lo = 0, hi = before.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (before[mid] < target)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        var i = lo - 1;
        if (i < 0 || i >= before.Length - 1)
        {
            return calendar.Add(start, duration);
        }
        var dayStart = dayStarts[i] > start ? dayStarts[i] : start;
        var already = dayStarts[i] > start ? before[i] : p;
        return calendar.Add(dayStart, target - already);
    }

    /// <summary>Business time from the first indexed day's start to the instant; null outside the index.</summary>
    private TimeSpan? Position(DateTimeOffset t)
    {
        var local = TimeZoneInfo.ConvertTime(t, calendar.TimeZone);
        var i = DateOnly.FromDateTime(local.DateTime).DayNumber - first.DayNumber;
        if (i < 0 || i >= dayStarts.Length - 1)
        {
            return null;
        }
        return before[i] + calendar.Between(dayStarts[i], t);
    }

    private DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        // Midnight may not exist on a DST day; the first valid instant after it will do.
        while (calendar.TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local));
    }
}
