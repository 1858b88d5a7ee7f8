using System.Globalization;
using SirtDesk.Standards.Calendar;

namespace SirtDesk.Standards.Tests.Calendar;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Japan = BusinessCalendar.DefaultJapan;

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static void AssertSameInstantAndOffset(string expected, DateTimeOffset actual) =>
        Assert.Equal(expected, actual.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

    [Fact]
    public void The_default_japanese_calendar_is_tokyo_weekdays_nine_to_five_with_holidays_and_the_year_end_closure()
    {
        Assert.Equal("Asia/Tokyo", Japan.TimeZone.Id);
        Assert.Equal(HolidaySource.Japan, Japan.Holidays);
        Assert.Equal([new OpeningWindow(new TimeOnly(9, 0), new TimeOnly(17, 0))], Japan.OpeningHours.On(DayOfWeek.Wednesday));
        Assert.Empty(Japan.OpeningHours.On(DayOfWeek.Saturday));
        Assert.Empty(Japan.OpeningHours.On(DayOfWeek.Sunday));
        Assert.Equal("12-29..01-03", Assert.Single(Japan.YearlyClosures).ToString());
    }

    [Fact]
    public void A_report_received_at_2340_on_Saturday_starts_its_clock_on_Monday_at_nine()
    {
        var received = At("2026-11-28T23:40:00+09:00"); // Saturday

        AssertSameInstantAndOffset("2026-11-30T09:00:00+09:00", Japan.NextOpening(received));
        AssertSameInstantAndOffset("2026-11-30T10:00:00+09:00", Japan.Add(received, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void The_opening_times_of_a_date_are_its_windows_in_utc_and_none_on_a_holiday_or_at_a_weekend()
    {
        var berlin = new BusinessCalendar("Europe/Berlin", new WeeklyHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningWindow>>
        {
            [DayOfWeek.Monday] = [new OpeningWindow(new TimeOnly(9, 0), new TimeOnly(12, 0)), new OpeningWindow(new TimeOnly(13, 0), new TimeOnly(17, 0))],
            [DayOfWeek.Sunday] = [new OpeningWindow(new TimeOnly(1, 0), new TimeOnly(4, 0))],
        }));

        Assert.Equal([(At("2026-11-30T00:00:00Z"), At("2026-11-30T08:00:00Z"))], Japan.OpeningTimes(new DateOnly(2026, 11, 30)));
        Assert.Empty(Japan.OpeningTimes(new DateOnly(2026, 11, 23))); // Labour Thanksgiving Day
        Assert.Empty(Japan.OpeningTimes(new DateOnly(2026, 11, 29))); // Sunday
        Assert.Equal([(At("2026-11-30T08:00:00Z"), At("2026-11-30T11:00:00Z")), (At("2026-11-30T12:00:00Z"), At("2026-11-30T16:00:00Z"))],
            berlin.OpeningTimes(new DateOnly(2026, 11, 30)));
        // 01:00–04:00 on the night clocks go back at 03:00 (to 02:00) is four hours long.
        Assert.Equal([(At("2026-10-24T23:00:00Z"), At("2026-10-25T03:00:00Z"))], berlin.OpeningTimes(new DateOnly(2026, 10, 25)));
    }

    [Fact]
    public void A_due_time_that_lands_exactly_on_closing_time_stays_at_1700()
    {
        AssertSameInstantAndOffset("2026-11-30T17:00:00+09:00", Japan.Add(At("2026-11-30T09:00:00+09:00"), TimeSpan.FromHours(8)));
        AssertSameInstantAndOffset("2026-11-30T17:00:00+09:00", Japan.Add(At("2026-11-30T13:00:00+09:00"), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void One_business_day_after_the_last_friday_of_2025_is_the_fifth_of_january()
    {
        // STANDARDS.md §11 check 69: 2025-12-26 (Fri) + 1 business day = 2026-01-05 (12/29–1/3 closed, 1/4 a Sunday).
        AssertSameInstantAndOffset("2026-01-05T17:00:00+09:00", Japan.Add(At("2025-12-26T17:00:00+09:00"), TimeSpan.FromHours(8)));
        AssertSameInstantAndOffset("2026-01-05T10:00:00+09:00", Japan.Add(At("2025-12-26T16:00:00+09:00"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void The_year_end_closure_is_skipped_and_counts_for_nothing()
    {
        // Mon 2026-12-28 16:00: one hour that day, then closed 12/29–1/3, 1/2 and 1/3 a weekend anyway, back Mon 2027-01-04.
        AssertSameInstantAndOffset("2027-01-04T12:30:00+09:00", Japan.Add(At("2026-12-28T16:00:00+09:00"), TimeSpan.FromHours(4.5)));
        Assert.Equal(TimeSpan.FromHours(4.5), Japan.Between(At("2026-12-28T16:00:00+09:00"), At("2027-01-04T12:30:00+09:00")));
        Assert.False(Japan.IsOpen(At("2026-12-29T10:00:00+09:00"))); // a Tuesday
        Assert.False(Japan.IsOpen(At("2027-01-01T10:00:00+09:00")));
    }

    [Fact]
    public void A_holiday_monday_is_skipped()
    {
        // 2027-01-11 is 成人の日 (second Monday of January).
        AssertSameInstantAndOffset("2027-01-12T10:00:00+09:00", Japan.Add(At("2027-01-08T16:00:00+09:00"), TimeSpan.FromHours(2)));
        Assert.False(Japan.IsOpen(At("2027-01-11T10:00:00+09:00")));
    }

    [Fact]
    public void Golden_week_2026_including_the_substitute_holiday_is_closed()
    {
        // Wed 4/29 昭和の日; Sun 5/3 → Wed 5/6 振替休日. Thu 4/30, Fri 5/1 are open; back on Thu 5/7.
        AssertSameInstantAndOffset("2026-05-07T10:00:00+09:00", Japan.Add(At("2026-05-01T16:00:00+09:00"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void An_instant_given_in_utc_is_answered_with_the_tokyo_offset()
    {
        var due = Japan.Add(At("2026-11-30T00:00:00Z"), TimeSpan.FromMinutes(90));

        Assert.Equal(TimeSpan.FromHours(9), due.Offset);
        AssertSameInstantAndOffset("2026-11-30T10:30:00+09:00", due);
    }

    [Fact]
    public void The_calendar_is_open_from_the_opening_instant_up_to_but_not_at_the_closing_instant()
    {
        Assert.False(Japan.IsOpen(At("2026-11-30T08:59:59+09:00")));
        Assert.True(Japan.IsOpen(At("2026-11-30T09:00:00+09:00")));
        Assert.True(Japan.IsOpen(At("2026-11-30T16:59:59+09:00")));
        Assert.False(Japan.IsOpen(At("2026-11-30T17:00:00+09:00")));
        Assert.False(Japan.IsOpen(At("2026-11-28T10:00:00+09:00"))); // Saturday
    }

    [Fact]
    public void Next_opening_of_an_open_instant_is_the_instant_itself_and_after_closing_the_next_morning()
    {
        AssertSameInstantAndOffset("2026-11-30T11:15:00+09:00", Japan.NextOpening(At("2026-11-30T11:15:00+09:00")));
        AssertSameInstantAndOffset("2026-12-01T09:00:00+09:00", Japan.NextOpening(At("2026-11-30T17:00:00+09:00")));
    }

    [Fact]
    public void Business_time_over_a_weekend_counts_only_opening_hours()
    {
        Assert.Equal(TimeSpan.FromHours(2), Japan.Between(At("2026-11-27T16:00:00+09:00"), At("2026-11-30T10:00:00+09:00")));
        Assert.Equal(TimeSpan.FromHours(-2), Japan.Between(At("2026-11-30T10:00:00+09:00"), At("2026-11-27T16:00:00+09:00")));
        Assert.Equal(TimeSpan.FromHours(5 * 8), Japan.Between(At("2026-11-30T00:00:00+09:00"), At("2026-12-07T00:00:00+09:00")));
    }

    [Fact]
    public void A_lunch_break_between_two_windows_does_not_count()
    {
        var calendar = new BusinessCalendar(
            "Asia/Tokyo",
            WeeklyHours.MondayToFriday(new OpeningWindow(new TimeOnly(9, 0), new TimeOnly(12, 0)), new OpeningWindow(new TimeOnly(13, 0), new TimeOnly(17, 0))));

        AssertSameInstantAndOffset("2026-11-30T14:00:00+09:00", calendar.Add(At("2026-11-30T11:00:00+09:00"), TimeSpan.FromHours(2)));
        AssertSameInstantAndOffset("2026-11-30T12:00:00+09:00", calendar.Add(At("2026-11-30T11:00:00+09:00"), TimeSpan.FromHours(1)));
        AssertSameInstantAndOffset("2026-11-30T13:00:00+09:00", calendar.NextOpening(At("2026-11-30T12:00:00+09:00")));
        Assert.Equal(TimeSpan.FromHours(7), calendar.Between(At("2026-11-30T00:00:00+09:00"), At("2026-12-01T00:00:00+09:00")));
    }

    [Fact]
    public void A_calendar_without_japanese_holidays_is_open_on_them_and_closed_on_its_own_dates()
    {
        var calendar = new BusinessCalendar(
            "Europe/Berlin",
            WeeklyHours.MondayToFriday(new OpeningWindow(new TimeOnly(9, 0), new TimeOnly(17, 0))),
            HolidaySource.None,
            closedDates: [new DateOnly(2026, 12, 25)]);

        Assert.True(calendar.IsOpen(At("2026-11-23T10:00:00+01:00"))); // 勤労感謝の日 in Japan, a Monday
        // Thu 24 Dec 16:00 → one hour, Fri 25 closed, weekend, Mon 28 Dec 10:00.
        AssertSameInstantAndOffset("2026-12-28T10:00:00+01:00", calendar.Add(At("2026-12-24T16:00:00+01:00"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_zero_duration_returns_the_start_itself()
    {
        AssertSameInstantAndOffset("2026-11-28T23:40:00+09:00", Japan.Add(At("2026-11-28T14:40:00Z"), TimeSpan.Zero));
    }

    [Fact]
    public void Invalid_configurations_and_arguments_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new OpeningWindow(new TimeOnly(17, 0), new TimeOnly(9, 0)));
        Assert.Throws<ArgumentException>(() => WeeklyHours.MondayToFriday(
            new OpeningWindow(new TimeOnly(9, 0), new TimeOnly(13, 0)), new OpeningWindow(new TimeOnly(12, 0), new TimeOnly(17, 0))));
        Assert.Throws<ArgumentException>(() => WeeklyHours.MondayToFriday());
        Assert.Throws<ArgumentOutOfRangeException>(() => Japan.Add(At("2026-11-30T09:00:00+09:00"), TimeSpan.FromHours(-1)));
        Assert.Throws<TimeZoneNotFoundException>(() => new BusinessCalendar("Mars/Olympus_Mons", WeeklyHours.MondayToFriday(new OpeningWindow(new TimeOnly(9, 0), new TimeOnly(17, 0)))));
    }

    [Fact]
    public void Japanese_holidays_beyond_2099_are_a_clear_error()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Japan.Add(At("2099-12-28T16:00:00+09:00"), TimeSpan.FromHours(2)));
        Assert.Contains("1955–2099", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12-29..01-03", "2026-12-29", true)]
    [InlineData("12-29..01-03", "2027-01-03", true)]
    [InlineData("12-29..01-03", "2027-01-04", false)]
    [InlineData("12-29..01-03", "2026-12-28", false)]
    [InlineData("08-13..08-16", "2026-08-14", true)]
    [InlineData("08-13..08-16", "2026-08-17", false)]
    public void A_yearly_closure_may_span_the_year_end(string closure, string date, bool closed)
    {
        var parsed = YearlyClosure.TryParse(closure);

        Assert.NotNull(parsed);
        Assert.Equal(closed, parsed.Contains(DateOnly.Parse(date, CultureInfo.InvariantCulture)));
        Assert.Equal(closure, parsed.ToString());
    }

    [Theory]
    [InlineData("12-29")]
    [InlineData("13-01..01-03")]
    [InlineData("02-30..03-01")]
    [InlineData("12-29..1-3x")]
    public void A_malformed_yearly_closure_does_not_parse(string closure)
    {
        Assert.Null(YearlyClosure.TryParse(closure));
    }
}
