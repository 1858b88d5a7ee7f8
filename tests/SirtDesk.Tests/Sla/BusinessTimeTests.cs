using SirtDesk.Sla;
using SirtDesk.Standards.Calendar;

namespace SirtDesk.Tests.Sla;

public sealed class BusinessTimeTests
{
    public static TheoryData<string> Calendars => ["Asia/Tokyo", "Europe/Berlin"];

    private static BusinessCalendar Calendar(string zone) => zone == "Asia/Tokyo"
        ? BusinessCalendar.DefaultJapan
        : new BusinessCalendar(zone, WeeklyHours.MondayToFriday(new OpeningWindow(new TimeOnly(9, 0), new TimeOnly(12, 0)), new OpeningWindow(new TimeOnly(13, 0), new TimeOnly(17, 0))),
            HolidaySource.None, [YearlyClosure.TryParse("12-24..12-26")!], [new DateOnly(2026, 10, 26)]);

    [Theory]
    [MemberData(nameof(Calendars))]
    public void The_day_index_gives_exactly_what_the_calendar_gives(string zone)
    {
        // Across the year end, a DST change (Berlin, 2026-10-25) and closures; seeded so a failure can be replayed.
        var calendar = Calendar(zone);
        var from = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
        var index = BusinessTime.Around(calendar, from, from.AddDays(150));
        var random = new Random(20261125);
        for (var n = 0; n < 3000; n++)
        {
            var start = from.AddMinutes(random.Next(0, 150 * 24 * 60));
            var duration = TimeSpan.FromMinutes(random.Next(0, 60 * 200));
            var end = start.AddMinutes(random.Next(0, 60 * 24 * 40));

            Assert.Equal(calendar.Add(start, duration), index.Add(start, duration));
            Assert.Equal(calendar.Between(start, end), index.Between(start, end));
        }
    }

    [Fact]
    public void A_due_time_that_lands_on_closing_time_stays_there_before_a_closure()
    {
        var calendar = BusinessCalendar.DefaultJapan;
        var index = BusinessTime.Around(calendar, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 10, 0, 0, 0, TimeSpan.Zero));
        var start = new DateTimeOffset(2026, 12, 28, 9, 0, 0, TimeSpan.FromHours(9));

        Assert.Equal(new DateTimeOffset(2026, 12, 28, 17, 0, 0, TimeSpan.FromHours(9)), index.Add(start, TimeSpan.FromHours(8)));
    }
}
