using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SirtDesk.Standards.Calendar;
using SirtDesk.Standards.Holidays;

namespace SirtDesk.Standards.Tests.Calendar;

public sealed class BusinessCalendarProperties
{
    private static readonly BusinessCalendar Japan = BusinessCalendar.DefaultJapan;

    private static readonly OpeningWindow NineToFive = new(new TimeOnly(9, 0), new TimeOnly(17, 0));

    // Weekdays 09–17 plus a Sunday night window that straddles both yearly clock changes.
    private static readonly BusinessCalendar Berlin = new("Europe/Berlin", new WeeklyHours(
        new Dictionary<DayOfWeek, IReadOnlyList<OpeningWindow>>
        {
            [DayOfWeek.Monday] = [NineToFive],
            [DayOfWeek.Tuesday] = [NineToFive],
            [DayOfWeek.Wednesday] = [NineToFive],
            [DayOfWeek.Thursday] = [NineToFive],
            [DayOfWeek.Friday] = [NineToFive],
            [DayOfWeek.Sunday] = [new OpeningWindow(new TimeOnly(1, 0), new TimeOnly(4, 0))],
        }));

    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Any minute in 2000–2089 (well inside the holiday range, even after adding the longest duration).
    private static readonly Gen<DateTimeOffset> Instants =
        Gen.Choose(0, 90 * 365).SelectMany(day => Gen.Choose(0, (24 * 60) - 1), (day, minute) => Epoch.AddDays(day).AddMinutes(minute));

    // Up to 300 business hours, in minutes; zero included.
    private static readonly Gen<TimeSpan> Durations = Gen.Choose(0, 300 * 60).Select(m => TimeSpan.FromMinutes(m));

    [Property(MaxTest = 500)]
    public Property Adding_in_two_steps_equals_adding_the_sum_from_an_open_instant() =>
        Prop.ForAll(Instants.ToArbitrary(), Durations.ToArbitrary(), Durations.ToArbitrary(), (raw, a, b) =>
        {
            var t = Japan.NextOpening(raw);
            var twoSteps = Japan.Add(Japan.Add(t, a), b);
            var oneStep = Japan.Add(t, a + b);
            return twoSteps == oneStep && twoSteps.Offset == oneStep.Offset;
        });

    [Property(MaxTest = 500)]
    public Property A_due_time_never_falls_on_a_weekend_holiday_or_year_end_closure_nor_outside_nine_to_five() =>
        Prop.ForAll(Instants.ToArbitrary(), Durations.ToArbitrary(), (start, d) =>
        {
            var due = Japan.Add(start, d + TimeSpan.FromMinutes(1));
            var local = due.DateTime;
            var day = DateOnly.FromDateTime(local);
            var yearEnd = (local.Month == 12 && local.Day >= 29) || (local.Month == 1 && local.Day <= 3);
            return due.Offset == TimeSpan.FromHours(9)
                && local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
                && !yearEnd
                && !JapaneseHolidays.IsHoliday(day)
                && local.TimeOfDay > TimeSpan.FromHours(9)
                && local.TimeOfDay <= TimeSpan.FromHours(17);
        });

    [Property(MaxTest = 500)]
    public Property Business_time_between_a_start_and_its_due_time_is_the_duration_in_tokyo() =>
        Prop.ForAll(Instants.ToArbitrary(), Durations.ToArbitrary(), (t, d) => Japan.Between(t, Japan.Add(t, d)) == d);

    [Property(MaxTest = 500)]
    public Property Business_time_between_a_start_and_its_due_time_is_the_duration_across_berlin_clock_changes() =>
        Prop.ForAll(Instants.ToArbitrary(), Durations.ToArbitrary(), (t, d) => Berlin.Between(t, Berlin.Add(t, d)) == d);

    [Property(MaxTest = 500)]
    public Property A_due_time_is_never_earlier_than_its_start() =>
        Prop.ForAll(Instants.ToArbitrary(), Durations.ToArbitrary(), (t, d) => Japan.Add(t, d) >= t && Berlin.Add(t, d) >= t);
}
