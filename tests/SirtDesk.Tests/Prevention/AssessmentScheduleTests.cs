using SirtDesk.Prevention;
using SirtDesk.Standards.Calendar;

namespace SirtDesk.Tests.Prevention;

/// <summary>
/// Occurrences on the default team calendar (Asia/Tokyo, Mon–Fri, Japanese national holidays, closure 12-29..01-03).
/// Holiday dates: the Act on National Holidays (国民の祝日に関する法律) — Coming of Age Day is the second Monday of
/// January, Constitution Memorial Day 5/3, Greenery Day 5/4, Children's Day 5/5.
/// </summary>
public sealed class AssessmentScheduleTests
{
    private static readonly BusinessCalendar Japan = BusinessCalendar.DefaultJapan;

    [Theory]
    [InlineData("2026-12-29", "2027-01-04")] // year-end closure (Tue) → first business day after 01-03 (Mon)
    [InlineData("2027-01-03", "2027-01-04")] // last day of the closure, a Sunday
    [InlineData("2027-12-29", "2028-01-04")] // closure ends on Mon 01-03, so Tue
    [InlineData("2027-01-11", "2027-01-12")] // 成人の日 (second Monday of January 2027)
    [InlineData("2027-05-03", "2027-05-06")] // 憲法記念日, みどりの日, こどもの日
    [InlineData("2027-01-31", "2027-02-01")] // a Sunday
    [InlineData("2027-02-02", "2027-02-02")] // an ordinary Tuesday stays
    public void An_occurrence_on_a_closed_day_moves_to_the_next_business_day(string nominal, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            AssessmentSchedule.BusinessDayOnOrAfter(Japan, DateOnly.Parse(nominal, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Recurrences_count_whole_months_from_the_first_date_so_a_moved_occurrence_does_not_drift()
    {
        var first = new DateOnly(2026, 12, 29);
        var yearly = AssessmentSchedule.Occurrences(Japan, first, "yearly", new DateOnly(2028, 12, 28)).Select(o => o.Date).ToList();
        Assert.Equal([new(2027, 1, 4), new(2028, 1, 4)], yearly);

        // Monthly from a month's last day: 01-31 (Sun → 02-01), 02-28 (clamped; Sun → 03-01), 03-31 (Wed).
        var monthly = AssessmentSchedule.Occurrences(Japan, new DateOnly(2027, 1, 31), "monthly", new DateOnly(2027, 3, 31)).Select(o => o.Date).ToList();
        Assert.Equal([new(2027, 2, 1), new(2027, 3, 1), new(2027, 3, 31)], monthly);

        var quarterly = AssessmentSchedule.Occurrences(Japan, new DateOnly(2027, 1, 11), "quarterly", new DateOnly(2027, 12, 31)).Select(o => o.Date).ToList();
        // 2027-10-11 is スポーツの日 (second Monday of October).
        Assert.Equal([new(2027, 1, 12), new(2027, 4, 12), new(2027, 7, 12), new(2027, 10, 12)], quarterly);

        var halfYearly = AssessmentSchedule.Occurrences(Japan, new DateOnly(2027, 7, 1), "half-yearly", new DateOnly(2028, 7, 1)).Select(o => o.Date).ToList();
        Assert.Equal([new(2027, 7, 1), new(2028, 1, 4), new(2028, 7, 3)], halfYearly);
    }
}
