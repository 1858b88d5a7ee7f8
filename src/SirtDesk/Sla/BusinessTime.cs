using System.Runtime.CompilerServices;
using SirtDesk.Standards.Calendar;

namespace SirtDesk.Sla;

/// <summary>
/// Business-time arithmetic for many clocks at once. The open intervals of the indexed days, taken from the
/// <see cref="BusinessCalendar"/> itself as UTC ticks, with a prefix sum of their lengths: Between is two binary
/// searches and a subtraction, Add one more search, and no call converts an instant into the calendar's zone
/// except to express a due time in it. Results are identical to the calendar's (tests compare them); instants
/// outside the indexed days, and calendars whose windows overlap after a DST gap, go to the calendar directly.
/// </summary>
public sealed class BusinessTime
{
    private readonly BusinessCalendar calendar;
    private readonly long first; // the indexed instants, UTC ticks: first <= t < end
    private readonly long end;
    private readonly long[] opens = [];
    private readonly long[] closes = [];
    private readonly long[] before = []; // business ticks before each interval; one more entry: the total

    public BusinessTime(BusinessCalendar calendar, DateOnly from, DateOnly to)
    {
        this.calendar = calendar;
        var days = Math.Max(1, to.DayNumber - from.DayNumber + 1);
        var opening = new List<long>(days * 2);
        var closing = new List<long>(days * 2);
        for (var day = from; day.DayNumber < from.DayNumber + days; day = day.AddDays(1))
        {
            foreach (var (o, c) in calendar.OpeningTimes(day))
            {
                if (c <= o)
                {
                    continue; // a window a DST change left empty
                }
                if (closing.Count > 0 && o.UtcTicks < closing[^1])
                {
                    return; // a window that ends in a spring-forward gap runs into the next one: no index
                }
                opening.Add(o.UtcTicks);
                closing.Add(c.UtcTicks);
            }
        }
        opens = [.. opening];
        closes = [.. closing];
        before = new long[opens.Length + 1];
        for (var i = 0; i < opens.Length; i++)
        {
            before[i + 1] = before[i] + (closes[i] - opens[i]);
        }
        first = StartOf(from).UtcTicks;
        end = StartOf(from.AddDays(days)).UtcTicks;
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

    private BusinessTime(BusinessCalendar calendar) => this.calendar = calendar;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TimeSpan Between(DateTimeOffset a, DateTimeOffset b)
    {
        if (b <= a)
        {
            return TimeSpan.Zero;
        }
        return Position(a.UtcTicks) is { } pa && Position(b.UtcTicks) is { } pb ? TimeSpan.FromTicks(pb - pa) : calendar.Between(a, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || Position(start.UtcTicks) is not { } p)
        {
            return calendar.Add(start, duration);
        }
        // The first interval at whose end the business time reaches the target; a due time on a closing time stays there.
        var target = p + duration.Ticks;
        var i = FirstAtLeast(before, target) - 1;
        if (i >= opens.Length)
        {
            return calendar.Add(start, duration);
        }
        return TimeZoneInfo.ConvertTime(new DateTimeOffset(opens[i] + (target - before[i]), TimeSpan.Zero), calendar.TimeZone);
    }

    /// <summary>Business ticks from the start of the index to the instant; null outside the index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long? Position(long t)
    {
        if (t < first || t >= end)
        {
            return null;
        }
        var i = FirstAtLeast(opens, t + 1) - 1; // the last interval opening at or before t
        return i < 0 ? 0 : before[i] + Math.Min(t - opens[i], closes[i] - opens[i]);
    }

    /// <summary>The index of the first element not less than the value (the length when there is none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FirstAtLeast(long[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
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
