using SirtDesk.Standards.Calendar;

namespace SirtDesk.Prevention;

/// <summary>Where a plan's occurrences fall on a team's business calendar.</summary>
public static class AssessmentSchedule
{
    /// <summary>The nominal date of occurrence <paramref name="sequence"/> (month ends clamp: 01-31 monthly gives 02-28).</summary>
    public static DateOnly Nominal(DateOnly first, string recurrence, int sequence) => first.AddMonths(Recurrences.Months[recurrence] * sequence);

    /// <summary>The date itself when it is a business day, else the next one (holidays, closures and days without hours are skipped).</summary>
    public static DateOnly BusinessDayOnOrAfter(BusinessCalendar calendar, DateOnly date)
    {
        for (var i = 0; i < 366; i++)
        {
            var d = date.AddDays(i);
            if (IsBusinessDay(calendar, d))
            {
                return d;
            }
        }
        return date; // a calendar without any business day: keep the nominal date
    }

    public static bool IsBusinessDay(BusinessCalendar calendar, DateOnly date) =>
        !calendar.IsClosedDay(date) && calendar.OpeningHours.On(date.DayOfWeek).Count > 0;

    /// <summary>The occurrences (sequence, business date) whose nominal date is on or before <paramref name="until"/>.</summary>
    public static IEnumerable<(int Sequence, DateOnly Date)> Occurrences(BusinessCalendar calendar, DateOnly first, string recurrence, DateOnly until)
    {
        for (var n = 0; ; n++)
        {
            var nominal = Nominal(first, recurrence, n);
            if (nominal > until)
            {
                yield break;
            }
            yield return (n, BusinessDayOnOrAfter(calendar, nominal));
        }
    }

    /// <summary>The instant the business day opens in the calendar's zone (for calendar feeds).</summary>
    public static DateTimeOffset Opening(BusinessCalendar calendar, DateOnly date)
    {
        var open = calendar.OpeningHours.On(date.DayOfWeek) is { Count: > 0 } windows ? windows[0].Open : new TimeOnly(9, 0);
        return Local(calendar.TimeZone, date, open);
    }

    /// <summary>The instant the business day closes (a due date is due by then).</summary>
    public static DateTimeOffset Closing(BusinessCalendar calendar, DateOnly date)
    {
        var close = calendar.OpeningHours.On(date.DayOfWeek) is { Count: > 0 } windows ? windows[^1].Close : new TimeOnly(17, 0);
        return Local(calendar.TimeZone, date, close);
    }

    private static DateTimeOffset Local(TimeZoneInfo zone, DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
