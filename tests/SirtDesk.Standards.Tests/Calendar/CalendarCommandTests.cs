using SirtDesk.Standards.Calendar;

namespace SirtDesk.Standards.Tests.Calendar;

public sealed class CalendarCommandTests
{
    private sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    private static Outcome Run(params string[] args) => RunWith(BusinessCalendar.DefaultJapan, args);

    private static Outcome RunWith(BusinessCalendar calendar, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CalendarCommand.Run(args, calendar, stdout, stderr);
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }

    private static string PublishedList(int year) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "holidays", $"{year}.tsv"));

    [Fact]
    public void Holidays_prints_one_tab_separated_line_per_holiday_in_date_order()
    {
        var result = Run("holidays", "--from", "2025", "--to", "2026");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(PublishedList(2025) + PublishedList(2026), result.Stdout);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public void Holidays_of_a_single_year_start_with_new_years_day_and_include_citizens_holiday()
    {
        var lines = Run("holidays", "--from", "2026", "--to", "2026").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(18, lines.Length);
        Assert.Equal("2026-01-01\t元日\tNew Year's Day", lines[0]);
        Assert.Contains("2026-09-22\t国民の休日\tCitizens' Holiday", lines);
        Assert.Contains("2026-05-06\t振替休日\tSubstitute Holiday", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("2026-12-29", StringComparison.Ordinal)); // a closure, not a holiday
    }

    [Fact]
    public void The_team_and_data_dir_options_of_the_host_are_skipped_with_their_values()
    {
        var result = Run("holidays", "--team", "psirt", "--from", "2027", "--data-dir", "/var/lib/sirtdesk", "--to", "2027");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(PublishedList(2027), result.Stdout);
    }

    [Theory]
    [InlineData("1954", "2026")]
    [InlineData("2026", "2100")]
    public void Holidays_for_a_year_outside_1955_to_2099_fail_with_65(string from, string to)
    {
        var result = Run("holidays", "--from", from, "--to", to);

        Assert.Equal(65, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("1955–2099", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_prints_the_due_instant_with_the_tokyo_offset_to_the_second()
    {
        var result = Run("add", "--start", "2026-12-28T16:00:00+09:00", "--business-hours", "4.5");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2027-01-04T12:30:00+09:00\n", result.Stdout);
        Assert.Empty(result.Stderr);
    }

    [Theory]
    [InlineData("2026-11-28T14:40:00Z", "1", "2026-11-30T10:00:00+09:00\n")] // Saturday 23:40 JST
    [InlineData("2026-11-30T09:00", "8", "2026-11-30T17:00:00+09:00\n")] // no offset: Tokyo local time
    [InlineData("2026-11-30T09:00:00.5+09:00", "0.25", "2026-11-30T09:15:00+09:00\n")] // half second cut, not rounded
    [InlineData("2026-11-30T10:00:00+09:00", "0", "2026-11-30T10:00:00+09:00\n")]
    public void Add_accepts_utc_local_and_fractional_inputs(string start, string hours, string expected)
    {
        var result = Run("add", "--start", start, "--business-hours", hours);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.Stdout);
    }

    [Fact]
    public void Between_prints_whole_business_minutes_rounded_down()
    {
        var result = Run("between", "--from", "2026-11-27T16:00:00+09:00", "--to", "2026-11-30T10:00:59+09:00");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("120\n", result.Stdout);
    }

    [Fact]
    public void Between_counts_across_the_year_end_closure()
    {
        Assert.Equal("270\n", Run("between", "--from", "2026-12-28T16:00:00+09:00", "--to", "2027-01-04T12:30:00+09:00").Stdout);
    }

    [Theory]
    [InlineData("add", "--start", "2099-12-28T16:00:00+09:00", "--business-hours", "2")]
    [InlineData("between", "--from", "1954-12-28T16:00:00+09:00", "--to", "1955-01-05T12:00:00+09:00")]
    public void Computations_reaching_outside_1955_to_2099_fail_with_65(params string[] args)
    {
        var result = Run(args);

        Assert.Equal(65, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("1955–2099", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("holiday", "--from", "2026", "--to", "2026")]
    [InlineData("holidays", "--from", "2026")]
    [InlineData("holidays", "--from", "26", "--to", "2026")]
    [InlineData("holidays", "--from", "2027", "--to", "2026")]
    [InlineData("holidays", "--from", "2026", "--to", "2026", "--verbose", "1")]
    [InlineData("holidays", "--from", "2026", "--to", "2026", "--from", "2026")]
    [InlineData("holidays", "--from", "2026", "--to")]
    [InlineData("holidays", "2026")]
    [InlineData("add", "--start", "2026-11-30T09:00:00+09:00")]
    [InlineData("add", "--start", "tomorrow", "--business-hours", "1")]
    [InlineData("add", "--start", "2026-11-30T09:00:00+09:00", "--business-hours", "1,5")]
    [InlineData("add", "--start", "2026-11-30T09:00:00+09:00", "--business-hours", "-1")]
    [InlineData("add", "--start", "2026-11-30T09:00:00+09:00", "--business-hours", "NaN")]
    [InlineData("between", "--from", "2026-11-30T09:00:00+09:00", "--to", "2026-13-01T09:00:00+09:00")]
    public void Wrong_usage_fails_with_64_and_explains_on_stderr(params string[] args)
    {
        var result = Run(args);

        Assert.Equal(64, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("usage: sirtdesk calendar", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_start_without_offset_is_read_in_the_calendars_zone_first_occurrence_on_fall_back()
    {
        var newYork = new BusinessCalendar("America/New_York", WeeklyHours.MondayToFriday(new OpeningWindow(new TimeOnly(9, 0), new TimeOnly(17, 0))));

        Assert.Equal("2026-11-01T01:30:00-04:00\n", RunWith(newYork, "add", "--start", "2026-11-01T01:30", "--business-hours", "0").Stdout);
        Assert.Equal("2026-11-02T10:00:00-05:00\n", RunWith(newYork, "add", "--start", "2026-11-01T01:30", "--business-hours", "1").Stdout);
        Assert.Equal(64, RunWith(newYork, "add", "--start", "2026-03-08T02:30", "--business-hours", "1").ExitCode); // skipped by spring forward
    }
}
