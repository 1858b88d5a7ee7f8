using SirtDesk.Sla;
using SirtDesk.Standards.Calendar;

namespace SirtDesk.Tests.Sla;

public sealed class SlaClockTests
{
    private static readonly BusinessCalendar Japan = BusinessCalendar.DefaultJapan;
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Jst);

    [Fact]
    public void A_report_on_saturday_night_starts_its_business_clock_on_monday_morning()
    {
        // Saturday 2026-11-28 23:40 JST; 8 business hours end Monday 17:00.
        var clock = SlaClocks.Compute(SlaClockKind.Acknowledge, new SlaTarget(8, null), At(11, 28, 23, 40), null, [], Japan, At(11, 30, 12));

        Assert.Equal(At(11, 30, 17), clock.Due);
        Assert.Equal(TimeSpan.FromHours(3), clock.Elapsed);
        Assert.Equal(SlaState.Running, clock.State);
    }

    [Fact]
    public void A_pause_moves_the_due_time_by_the_business_time_it_covered()
    {
        // Tue 10:00 start, paused Tue 13:00 – Thu 13:00: 3 h used before, 5 h left from Thu 13:00 → Fri 10:00.
        var clock = SlaClocks.Compute(SlaClockKind.Acknowledge, new SlaTarget(8, null), At(12, 1, 10), null, [(At(12, 1, 13), At(12, 3, 13))], Japan, At(12, 3, 14));

        Assert.Equal(At(12, 4, 10), clock.Due);
        Assert.Equal(TimeSpan.FromHours(4), clock.Elapsed);
    }

    [Fact]
    public void A_clock_paused_now_has_no_due_time_and_does_not_run()
    {
        var clock = SlaClocks.Compute(SlaClockKind.Triage, new SlaTarget(16, null), At(12, 1, 10), null, [(At(12, 1, 11), null)], Japan, At(12, 8, 11));

        Assert.Equal(SlaState.Paused, clock.State);
        Assert.Null(clock.Due);
        Assert.Equal(TimeSpan.FromHours(1), clock.Elapsed);
    }

    [Fact]
    public void Calendar_day_targets_count_weekends_and_the_year_end_closure()
    {
        var clock = SlaClocks.Compute(SlaClockKind.Remediate, new SlaTarget(null, 7), At(12, 26, 9), null, [], Japan, At(12, 31, 9));

        Assert.Equal(new DateTimeOffset(2027, 1, 2, 9, 0, 0, Jst), clock.Due);
        Assert.Equal(5.0 / 7, clock.UsedFraction, 6);
    }

    [Fact]
    public void Met_in_time_is_met_and_met_after_the_due_time_is_met_late_never_breached()
    {
        var inTime = SlaClocks.Compute(SlaClockKind.Acknowledge, new SlaTarget(8, null), At(12, 1, 9), At(12, 1, 16), [], Japan, At(12, 10, 9));
        var late = SlaClocks.Compute(SlaClockKind.Acknowledge, new SlaTarget(8, null), At(12, 1, 9), At(12, 2, 10), [], Japan, At(12, 10, 9));

        Assert.Equal(SlaState.Met, inTime.State);
        Assert.Equal(SlaState.MetLate, late.State);
        Assert.Equal(TimeSpan.FromHours(9), late.Elapsed);
    }
}
