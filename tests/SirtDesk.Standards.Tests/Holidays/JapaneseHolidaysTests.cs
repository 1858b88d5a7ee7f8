using System.Globalization;
using SirtDesk.Standards.Holidays;

namespace SirtDesk.Standards.Tests.Holidays;

public sealed class JapaneseHolidaysTests
{
    private static int[] YearsWithAPublishedList() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "holidays"), "*.tsv")
            .Select(f => int.Parse(Path.GetFileNameWithoutExtension(f), CultureInfo.InvariantCulture))
            .Order()];

    public static TheoryData<int> PublishedYears() => [.. YearsWithAPublishedList()];

    [Fact]
    public void The_published_lists_cover_every_rule_change_year_named_in_the_test_plan()
    {
        int[] required = [1959, 1973, 1988, 1989, 1990, 1993, 2006, 2007, 2009, 2015, 2019, 2020, 2021, 2024, 2025, 2026, 2027];
        Assert.Subset(YearsWithAPublishedList().ToHashSet(), required.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(PublishedYears))]
    public void The_holidays_of_a_year_match_the_cabinet_office_list(int year)
    {
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "holidays", $"{year}.tsv"));

        var actual = JapaneseHolidays.InYear(year)
            .Select(h => $"{h.Date:yyyy-MM-dd}\t{h.NameJa}\t{h.NameEn}")
            .ToArray();

        Assert.Equal(expected, actual);
    }

    // STANDARDS.md §11 checks 66–68.
    [Theory]
    [InlineData("2025-02-24", HolidayKind.Substitute)]
    [InlineData("2025-05-06", HolidayKind.Substitute)]
    [InlineData("2025-11-24", HolidayKind.Substitute)]
    [InlineData("2026-05-06", HolidayKind.Substitute)]
    [InlineData("2026-09-22", HolidayKind.Citizens)]
    [InlineData("2027-03-21", HolidayKind.National)]
    [InlineData("2027-03-22", HolidayKind.Substitute)]
    [InlineData("2019-05-01", HolidayKind.SpecialLaw)]
    [InlineData("2019-10-22", HolidayKind.SpecialLaw)]
    [InlineData("2021-08-09", HolidayKind.Substitute)]
    [InlineData("2032-09-21", HolidayKind.Citizens)]
    public void Days_named_in_the_standards_checklist_are_holidays_of_the_expected_kind(string date, HolidayKind kind)
    {
        var day = DateOnly.Parse(date, CultureInfo.InvariantCulture);

        Assert.True(JapaneseHolidays.IsHoliday(day));
        Assert.Equal(kind, JapaneseHolidays.Find(day)?.Kind);
    }

    [Theory]
    [InlineData("2021-10-11")] // スポーツの日 moved to 7/23 for the Olympics
    [InlineData("2020-10-12")]
    [InlineData("2021-07-19")] // 海の日 moved to 7/22
    [InlineData("2020-08-11")] // 山の日 moved to 8/10
    [InlineData("2019-02-23")] // no 天皇誕生日 in 2019
    [InlineData("2019-12-23")]
    [InlineData("1966-02-11")] // 建国記念の日 first kept in 1967
    [InlineData("1973-02-12")] // 2/11 was a Sunday, two months before substitute holidays existed
    [InlineData("1997-05-04")] // a Sunday between two holidays was not a 国民の休日 before 2007
    [InlineData("2026-12-29")] // year-end closure is a company/government custom, not a holiday under the Act
    public void Days_that_look_like_holidays_but_are_not(string date)
    {
        Assert.False(JapaneseHolidays.IsHoliday(DateOnly.Parse(date, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2024-09-22", "2025-09-23", "2026-03-20")]
    public void The_equinox_formula_gives_the_dates_the_naoj_published(string autumn2024, string autumn2025, string spring2026)
    {
        Assert.Equal(DateOnly.Parse(autumn2024, CultureInfo.InvariantCulture).Day, JapaneseHolidays.AutumnalEquinoxDay(2024));
        Assert.Equal(DateOnly.Parse(autumn2025, CultureInfo.InvariantCulture).Day, JapaneseHolidays.AutumnalEquinoxDay(2025));
        Assert.Equal(DateOnly.Parse(spring2026, CultureInfo.InvariantCulture).Day, JapaneseHolidays.VernalEquinoxDay(2026));
    }

    [Fact]
    public void A_holiday_carries_its_japanese_and_english_name()
    {
        Assert.Equal(new Holiday(new DateOnly(2026, 1, 1), "元日", "New Year's Day", HolidayKind.National), JapaneseHolidays.InYear(2026)[0]);
        Assert.Null(JapaneseHolidays.Find(new DateOnly(2026, 1, 2)));
    }

    [Fact]
    public void Between_concatenates_whole_years_in_date_order()
    {
        var holidays = JapaneseHolidays.Between(2025, 2026);

        Assert.Equal(19 + 18, holidays.Count);
        Assert.Equal(new DateOnly(2025, 1, 1), holidays[0].Date);
        Assert.Equal(new DateOnly(2026, 11, 23), holidays[^1].Date);
        Assert.True(holidays.Zip(holidays.Skip(1)).All(p => p.First.Date < p.Second.Date));
    }

    [Theory]
    [InlineData(1954)]
    [InlineData(2100)]
    public void Years_outside_1955_to_2099_are_rejected_with_the_supported_range_in_the_message(int year)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.InYear(year));
        Assert.Contains("1955–2099", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.IsHoliday(new DateOnly(year, 6, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.Between(2000, year));
    }

    [Fact]
    public void The_first_and_last_supported_years_are_available()
    {
        Assert.Equal(new DateOnly(1955, 1, 1), JapaneseHolidays.InYear(1955)[0].Date);
        Assert.Equal(new DateOnly(2099, 11, 23), JapaneseHolidays.InYear(2099)[^1].Date);
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => JapaneseHolidays.Between(2026, 2025));
    }
}
