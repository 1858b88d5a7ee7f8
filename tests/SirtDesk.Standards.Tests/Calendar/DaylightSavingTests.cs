using System.Globalization;
using SirtDesk.Standards.Calendar;

namespace SirtDesk.Standards.Tests.Calendar;

public sealed class DaylightSavingTests
{
    private static readonly OpeningWindow NineToFive = new(new TimeOnly(9, 0), new TimeOnly(17, 0));

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static BusinessCalendar WeekdaysAndSundayNight(string zone, OpeningWindow sunday) => new(zone, new WeeklyHours(
        new Dictionary<DayOfWeek, IReadOnlyList<OpeningWindow>>
        {
            [DayOfWeek.Monday] = [NineToFive],
            [DayOfWeek.Tuesday] = [NineToFive],
            [DayOfWeek.Wednesday] = [NineToFive],
            [DayOfWeek.Thursday] = [NineToFive],
            [DayOfWeek.Friday] = [NineToFive],
            [DayOfWeek.Sunday] = [sunday],
        }));

    private static BusinessCalendar AlwaysOpen(string zone)
    {
        var allDay = new OpeningWindow(TimeOnly.MinValue, TimeOnly.MinValue);
        return new BusinessCalendar(zone, new WeeklyHours(Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (IReadOnlyList<OpeningWindow>)[allDay])));
    }

    [Fact]
    public void In_berlin_a_friday_afternoon_case_is_due_on_monday_in_summer_time()
    {
        // Clocks go forward on Sunday 2026-03-29; Friday is +01:00, Monday +02:00.
        var berlin = new BusinessCalendar("Europe/Berlin", WeeklyHours.MondayToFriday(NineToFive));

        Assert.Equal("2026-03-30T10:00:00+02:00", Iso(berlin.Add(At("2026-03-27T16:00:00+01:00"), TimeSpan.FromHours(2))));
        Assert.Equal(TimeSpan.FromHours(2), berlin.Between(At("2026-03-27T16:00:00+01:00"), At("2026-03-30T10:00:00+02:00")));
    }

    [Fact]
    public void In_berlin_a_window_across_the_spring_forward_gap_is_one_hour_shorter()
    {
        // Sunday 2026-03-29, 01:00–05:00 local: 02:00 jumps to 03:00, so the window lasts three real hours.
        var berlin = WeekdaysAndSundayNight("Europe/Berlin", new OpeningWindow(new TimeOnly(1, 0), new TimeOnly(5, 0)));
        var opening = At("2026-03-29T01:00:00+01:00");

        Assert.Equal(TimeSpan.FromHours(3), berlin.Between(opening, At("2026-03-29T05:00:00+02:00")));
        Assert.Equal("2026-03-29T05:00:00+02:00", Iso(berlin.Add(opening, TimeSpan.FromHours(3))));
        Assert.Equal("2026-03-29T03:30:00+02:00", Iso(berlin.Add(opening, TimeSpan.FromHours(1.5))));
        Assert.Equal("2026-03-30T09:30:00+02:00", Iso(berlin.Add(opening, TimeSpan.FromHours(3.5))));
    }

    [Fact]
    public void In_berlin_the_days_of_the_clock_changes_last_23_and_25_hours()
    {
        var berlin = AlwaysOpen("Europe/Berlin");

        Assert.Equal(TimeSpan.FromHours(23), berlin.Between(At("2026-03-29T00:00:00+01:00"), At("2026-03-30T00:00:00+02:00")));
        Assert.Equal(TimeSpan.FromHours(25), berlin.Between(At("2026-10-25T00:00:00+02:00"), At("2026-10-26T00:00:00+01:00")));
        Assert.Equal("2026-10-25T23:00:00+01:00", Iso(berlin.Add(At("2026-10-25T00:00:00+02:00"), TimeSpan.FromHours(24))));
    }

    [Fact]
    public void In_new_york_a_window_across_the_fall_back_hour_is_one_hour_longer_and_passes_1_30_twice()
    {
        // Sunday 2026-11-01, 00:00–04:00 local: 01:00–02:00 happens twice (EDT −04:00, then EST −05:00).
        var newYork = WeekdaysAndSundayNight("America/New_York", new OpeningWindow(new TimeOnly(0, 0), new TimeOnly(4, 0)));
        var opening = At("2026-11-01T00:00:00-04:00");

        Assert.Equal(TimeSpan.FromHours(5), newYork.Between(opening, At("2026-11-01T04:00:00-05:00")));
        Assert.Equal("2026-11-01T01:30:00-04:00", Iso(newYork.Add(opening, TimeSpan.FromHours(1.5))));
        Assert.Equal("2026-11-01T01:30:00-05:00", Iso(newYork.Add(opening, TimeSpan.FromHours(2.5))));
        Assert.Equal("2026-11-01T04:00:00-05:00", Iso(newYork.Add(opening, TimeSpan.FromHours(5))));
    }

    [Fact]
    public void In_new_york_a_friday_afternoon_case_is_due_on_monday_in_daylight_time()
    {
        // Clocks go forward on Sunday 2026-03-08.
        var newYork = new BusinessCalendar("America/New_York", WeeklyHours.MondayToFriday(NineToFive));

        Assert.Equal("2026-03-09T10:00:00-04:00", Iso(newYork.Add(At("2026-03-06T16:00:00-05:00"), TimeSpan.FromHours(2))));
        Assert.Equal("2026-03-09T09:00:00-04:00", Iso(newYork.NextOpening(At("2026-03-07T12:00:00-05:00"))));
        Assert.True(newYork.IsOpen(At("2026-03-09T13:00:00Z"))); // 09:00 EDT
        Assert.False(newYork.IsOpen(At("2026-03-09T12:59:59Z"))); // 08:59:59 EDT
    }
}
