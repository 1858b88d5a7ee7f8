using SirtDesk.Standards.Holidays;

namespace SirtDesk.Standards.Calendar;

/// <summary>Which public holidays a calendar closes on.</summary>
public enum HolidaySource
{
    /// <summary>No public holidays; list them as closed dates if needed.</summary>
    None,

    /// <summary>Japanese holidays under the Act on National Holidays (1955–2099), see <see cref="JapaneseHolidays"/>.</summary>
    Japan,
}

/// <summary>
/// Business time in one IANA time zone: weekly opening hours, public holidays and company closures.
/// Pure computation; all results are instants expressed with the calendar zone's offset.
/// </summary>
/// <remarks>
/// Opening hours are local wall-clock times. On a day with a DST change a window is as long as the real time between its
/// opening and closing instants. A local time that does not exist (spring forward) is moved forward by the gap; a local
/// time that occurs twice (fall back) means its first occurrence.
/// </remarks>
public sealed class BusinessCalendar
{
    // A calendar that stays shut this long is misconfigured; stop instead of looping forever.
    private const int MaxConsecutiveClosedDays = 1000;

    private static readonly Lazy<BusinessCalendar> DefaultJapanCalendar = new(() => new BusinessCalendar(
        "Asia/Tokyo",
        WeeklyHours.MondayToFriday(new OpeningWindow(new TimeOnly(9, 0), new TimeOnly(17, 0))),
        HolidaySource.Japan,
        [new YearlyClosure(12, 29, 1, 3)]));

    private readonly HashSet<DateOnly> closedDates;
    // Per year, per day of year: the day's plan once computed. Races only ever store equal plans.
    private readonly long[]?[]?[] plans = new long[]?[]?[10_000];

    /// <param name="timeZoneId">IANA time zone id, e.g. "Asia/Tokyo".</param>
    /// <param name="openingHours">Weekly opening hours in local time.</param>
    /// <param name="holidays">Public holidays on which the calendar is closed.</param>
    /// <param name="yearlyClosures">Closures repeating every year, e.g. 12-29..01-03.</param>
    /// <param name="closedDates">Single closed dates (company days off, other countries' holidays).</param>
    /// <exception cref="TimeZoneNotFoundException">The time zone is unknown.</exception>
    public BusinessCalendar(
        string timeZoneId,
        WeeklyHours openingHours,
        HolidaySource holidays = HolidaySource.None,
        IEnumerable<YearlyClosure>? yearlyClosures = null,
        IEnumerable<DateOnly>? closedDates = null)
    {
        ArgumentNullException.ThrowIfNull(timeZoneId);
        ArgumentNullException.ThrowIfNull(openingHours);
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        OpeningHours = openingHours;
        Holidays = holidays;
        YearlyClosures = [.. yearlyClosures ?? []];
        this.closedDates = [.. closedDates ?? []];
    }

    /// <summary>Asia/Tokyo, Monday–Friday 09:00–17:00, closed on Japanese holidays and 12-29..01-03.</summary>
    public static BusinessCalendar DefaultJapan => DefaultJapanCalendar.Value;

    public TimeZoneInfo TimeZone { get; }

    public WeeklyHours OpeningHours { get; }

    public HolidaySource Holidays { get; }

    public IReadOnlyList<YearlyClosure> YearlyClosures { get; }

    public IReadOnlyCollection<DateOnly> ClosedDates => closedDates;

    /// <summary>True when the local date is a public holiday of the calendar's source or a company closure.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Japanese holidays are asked for a year outside 1955–2099.</exception>
    public bool IsClosedDay(DateOnly date) =>
        (Holidays == HolidaySource.Japan && JapaneseHolidays.IsHoliday(date))
        || closedDates.Contains(date)
        || YearlyClosures.Any(c => c.Contains(date));

    /// <summary>True when the calendar is open at the instant (a window includes its opening, not its closing instant).</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        var t = instant.UtcTicks;
        var plan = Plan(LocalDate(instant));
        for (var i = 0; i < plan.Length; i += 2)
        {
            if (plan[i] <= t && t < plan[i + 1])
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The earliest instant at or after <paramref name="instant"/> at which the calendar is open.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset instant)
    {
        var t = instant.UtcTicks;
        var day = LocalDate(instant);
        for (var closedRun = 0; closedRun <= MaxConsecutiveClosedDays; day = day.AddDays(1))
        {
            var plan = Plan(day);
            closedRun = plan.Length == 0 ? closedRun + 1 : 0;
            for (var i = 0; i < plan.Length; i += 2)
            {
                if (plan[i + 1] > t && plan[i + 1] > plan[i])
                {
                    return InZone(Math.Max(plan[i], t));
                }
            }
        }
        throw NeverOpen(instant);
    }

    /// <summary>
    /// The instant at which <paramref name="businessDuration"/> of open time has passed since <paramref name="start"/>:
    /// the clock runs only while the calendar is open. A start outside opening hours starts the clock at the next
    /// opening; a due time that lands exactly on a closing time stays there (17:00, not the next opening).
    /// A zero duration returns the start itself.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative, or Japanese holidays are needed outside 1955–2099.</exception>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan businessDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(businessDuration, TimeSpan.Zero);
        var remaining = businessDuration.Ticks;
        if (remaining == 0)
        {
            return TimeZoneInfo.ConvertTime(start, TimeZone);
        }
        var t = start.UtcTicks;
        var day = LocalDate(start);
        for (var closedRun = 0; closedRun <= MaxConsecutiveClosedDays; day = day.AddDays(1))
        {
            var plan = Plan(day);
            closedRun = plan.Length == 0 ? closedRun + 1 : 0;
            for (var i = 0; i < plan.Length; i += 2)
            {
                var close = plan[i + 1];
                if (close <= t)
                {
                    continue;
                }
                var from = Math.Max(plan[i], t);
                var available = close - from;
                if (remaining <= available)
                {
                    return InZone(from + remaining);
                }
                remaining -= available;
                t = close;
            }
        }
        throw NeverOpen(start);
    }

    /// <summary>
    /// Open time between two instants. Negative when <paramref name="to"/> is before <paramref name="from"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Japanese holidays are needed outside 1955–2099.</exception>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -Between(to, from);
        }
        var a = from.UtcTicks;
        var b = to.UtcTicks;
        var last = LocalDate(to);
        long total = 0;
        for (var day = LocalDate(from); day <= last; day = day.AddDays(1))
        {
            var plan = Plan(day);
            for (var i = 0; i < plan.Length; i += 2)
            {
                var overlap = Math.Min(plan[i + 1], b) - Math.Max(plan[i], a);
                if (overlap > 0)
                {
                    total += overlap;
                }
            }
        }
        return TimeSpan.FromTicks(total);
    }

    /// <summary>
    /// The opening and closing instants (UTC) of a local date's windows, in time order; empty when the date is closed.
    /// On a day with a DST change a window may be shorter, or empty, as described in the remarks of the class.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Japanese holidays are needed outside 1955–2099.</exception>
    public IReadOnlyList<(DateTimeOffset Opens, DateTimeOffset Closes)> OpeningTimes(DateOnly date)
    {
        var plan = Plan(date);
        var times = new (DateTimeOffset, DateTimeOffset)[plan.Length / 2];
        for (var i = 0; i < times.Length; i++)
        {
            times[i] = (new DateTimeOffset(plan[2 * i], TimeSpan.Zero), new DateTimeOffset(plan[(2 * i) + 1], TimeSpan.Zero));
        }
        return times;
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    private DateTimeOffset InZone(long utcTicks) => TimeZoneInfo.ConvertTime(new DateTimeOffset(utcTicks, TimeSpan.Zero), TimeZone);

    private InvalidOperationException NeverOpen(DateTimeOffset from) =>
        new($"The calendar in {TimeZone.Id} has no opening hours within {MaxConsecutiveClosedDays} days after {from:O}.");

    // Opening and closing instants (UTC ticks, pairs) of a local date; empty when closed all day. Cached per date
    // because due-time calculations revisit the same few weeks over and over.
    private long[] Plan(DateOnly day)
    {
        var year = plans[day.Year] ?? Interlocked.CompareExchange(ref plans[day.Year], new long[]?[366], null) ?? plans[day.Year]!;
        return year[day.DayOfYear - 1] ??= BuildPlan(day);
    }

    private long[] BuildPlan(DateOnly day)
    {
        var windows = OpeningHours.On(day.DayOfWeek);
        if (windows.Count == 0 || IsClosedDay(day))
        {
            return [];
        }
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var plan = new long[windows.Count * 2];
        for (var i = 0; i < windows.Count; i++)
        {
            var open = UtcTicks(midnight + windows[i].OpensAfterMidnight);
            var close = UtcTicks(midnight + windows[i].ClosesAfterMidnight);
            plan[2 * i] = open;
            plan[(2 * i) + 1] = Math.Max(open, close);
        }
        return plan;
    }

    private long UtcTicks(DateTime local)
    {
        TimeSpan offset;
        if (TimeZone.IsInvalidTime(local))
        {
            // Spring forward: read the wall-clock time with the offset in force before the gap, i.e. move it forward.
            offset = TimeZone.GetUtcOffset(local.AddDays(-1));
        }
        else if (TimeZone.IsAmbiguousTime(local))
        {
            // Fall back: the first occurrence, which has the larger offset.
            offset = TimeZone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = TimeZone.GetUtcOffset(local);
        }
        return (local - offset).Ticks;
    }
}
