using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SirtDesk.Data;
using SirtDesk.Sla;
using SirtDesk.Standards.Calendar;

namespace SirtDesk.Tests.Sla;

/// <summary>
/// The board's arithmetic (the UTC-tick index of <see cref="BusinessTime"/> and the allocation-free
/// <see cref="SlaClocks.Compute(SlaClockKind, SlaTarget, DateTimeOffset, DateTimeOffset?, IReadOnlyList{ValueTuple{DateTimeOffset, DateTimeOffset?}}, BusinessTime, DateTimeOffset)"/>)
/// against the clocks as they were computed before (<see cref="ReferenceClocks"/>, straight on the calendar), on
/// random clocks in zones with DST changes at 02:00, at midnight and by half an hour, across them.
/// </summary>
public sealed class FastClockProperties
{
    private static OpeningWindow Window(int fromHour, int fromMinute, int toHour, int toMinute) =>
        new(new TimeOnly(fromHour, fromMinute), new TimeOnly(toHour % 24, toMinute));

    private static WeeklyHours Hours(OpeningWindow[] weekdays, OpeningWindow[] weekend) => new(Enum.GetValues<DayOfWeek>().ToDictionary(
        d => d, d => (IReadOnlyList<OpeningWindow>)(d is DayOfWeek.Saturday or DayOfWeek.Sunday ? weekend : weekdays)));

    public static readonly BusinessCalendar[] Calendars =
    [
        BusinessCalendar.DefaultJapan,
        // Lunch break, closures, and a Sunday night window across both of Berlin's clock changes (02:00/03:00).
        new("Europe/Berlin", Hours([Window(9, 0, 12, 0), Window(13, 0, 17, 0)], [Window(1, 0, 4, 0)]), HolidaySource.None,
            [YearlyClosure.TryParse("12-24..12-26")!], [new DateOnly(2026, 10, 26), new DateOnly(2027, 3, 29)]),
        // Open all day, every day.
        new("America/New_York", Hours([Window(0, 0, 24, 0)], [Window(0, 0, 24, 0)])),
        // Clocks change at midnight (2026-09-06 forward, 2027-04-04 back).
        new("America/Santiago", Hours([Window(0, 0, 2, 0), Window(9, 0, 17, 0), Window(22, 0, 24, 0)], [Window(0, 0, 1, 30), Window(23, 0, 24, 0)])),
        // Half-hour DST at 02:00 (2026-10-04, 2027-04-04).
        new("Australia/Lord_Howe", Hours([Window(1, 0, 3, 0), Window(9, 0, 17, 0)], [Window(1, 45, 2, 15)])),
        // On the spring-forward Sunday the first window ends in the gap and runs into the second: no index, the calendar answers.
        new("Europe/Berlin", Hours([Window(9, 0, 17, 0)], [Window(1, 0, 2, 30), Window(3, 0, 5, 0)])),
    ];

    private static readonly DateTimeOffset Origin = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan[] Offsets = [TimeSpan.Zero, TimeSpan.FromHours(9), TimeSpan.FromHours(-4), new TimeSpan(5, 45, 0)];

    // Any minute from August 2026 to April 2027 (all the DST changes above), sometimes with sub-minute ticks, in one of a few offsets.
    private static readonly Gen<DateTimeOffset> Instants =
        from minute in Gen.Choose(0, 270 * 24 * 60)
        from ticks in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, (int)TimeSpan.TicksPerMinute - 1)))
        from offset in Gen.Elements(Offsets)
        select Origin.AddMinutes(minute).AddTicks(ticks).ToOffset(offset);

    private static Gen<DateTimeOffset> After(DateTimeOffset t, int minMinutes, int maxMinutes) =>
        from minutes in Gen.Choose(minMinutes, maxMinutes)
        from offset in Gen.Elements(Offsets)
        select t.AddMinutes(minutes).ToOffset(offset);

    private static Gen<DateTimeOffset?> Maybe(Gen<DateTimeOffset> instants) =>
        Gen.Frequency((1, Gen.Constant((DateTimeOffset?)null)), (2, instants.Select(t => (DateTimeOffset?)t)));

    private static readonly Gen<SlaTarget> Targets = Gen.OneOf(
        Gen.Choose(1, 400).Select(halfHours => new SlaTarget(halfHours / 2.0, null)),
        Gen.Choose(1, 30).Select(n => new SlaTarget(n / 3.0, null)),
        Gen.Choose(1, 180).Select(days => new SlaTarget(null, days)));

    public sealed record Clock(int Calendar, SlaClockKind Kind, SlaTarget Target, DateTimeOffset Start, DateTimeOffset? MetAt,
        (DateTimeOffset From, DateTimeOffset? To)[] Pauses, DateTimeOffset Now)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"calendar {Calendar}, {Kind} {Target}, start {Start:O}, met {MetAt:O}, pauses [{string.Join(", ", Pauses.Select(p => $"{p.From:O}–{p.To:O}"))}], now {Now:O}");
    }

    private static readonly Gen<Clock> Clocks =
        from calendar in Gen.Choose(0, Calendars.Length - 1)
        from kind in Gen.Elements(Enum.GetValues<SlaClockKind>())
        from target in Targets
        from start in Instants
        from met in Maybe(After(start, -24 * 60, 100 * 24 * 60))
        from count in Gen.Frequency((4, Gen.Constant(0)), (3, Gen.Constant(1)), (2, Gen.Choose(2, 4)))
        from pauses in Gen.ArrayOf(
            from pausedAt in After(start, -2 * 24 * 60, 60 * 24 * 60)
            from resumedAt in Maybe(After(pausedAt, -60, 20 * 24 * 60))
            select (pausedAt, resumedAt), count)
        from now in After(start, 0, 150 * 24 * 60)
        select new Clock(calendar, kind, target, start, met, pauses, now);

    [Property(MaxTest = 3000)]
    public Property A_clock_from_the_day_index_is_exactly_the_clock_computed_on_the_calendar() =>
        Prop.ForAll(Clocks.ToArbitrary(), c =>
        {
            var calendar = Calendars[c.Calendar];
            var fast = SlaClocks.Compute(c.Kind, c.Target, c.Start, c.MetAt, c.Pauses, BusinessTime.Around(calendar, c.Start, c.Now), c.Now);
            var reference = ReferenceClocks.Compute(c.Kind, c.Target, c.Start, c.MetAt, c.Pauses, calendar, c.Now);
            return (ReferenceClocks.Describe(fast) == ReferenceClocks.Describe(reference))
                .Label($"{c}\nfast:      {ReferenceClocks.Describe(fast)}\nreference: {ReferenceClocks.Describe(reference)}");
        });

    [Property(MaxTest = 3000)]
    public Property Business_time_and_due_times_from_the_index_are_the_calendar_s_own() =>
        Prop.ForAll((
            from i in Gen.Choose(0, Calendars.Length - 1)
            from start in Instants
            from minutes in Gen.Choose(0, 200 * 60)
            from later in Gen.Choose(-60, 40 * 24 * 60)
            select (i, start, TimeSpan.FromMinutes(minutes), start.AddMinutes(later))).ToArbitrary(), x =>
            {
                var (i, start, duration, end) = x;
                var calendar = Calendars[i];
                var index = BusinessTime.Around(calendar, Origin, Origin.AddDays(100));
                var add = (Fast: index.Add(start, duration), Calendar: calendar.Add(start, duration));
                var between = (Fast: index.Between(start, end), Calendar: end <= start ? TimeSpan.Zero : calendar.Between(start, end));
                return (add.Fast.EqualsExact(add.Calendar) && between.Fast == between.Calendar)
                    .Label($"calendar {i}, {start:O} + {duration} → {add.Fast:O} / {add.Calendar:O}; to {end:O}: {between.Fast} / {between.Calendar}");
            });

    [Property(MaxTest = 2000)]
    public Property An_instant_written_by_ef_on_sqlite_reads_back_as_ef_reads_it() =>
        Prop.ForAll(Instants.ToArbitrary(), Gen.Choose(0, 9_999_999).ToArbitrary(), Gen.Elements("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFFFzzz").ToArbitrary(),
            (t, ticks, format) =>
            {
                var text = t.AddTicks(ticks).ToString(format.Replace("FFFFFFFF", "FFFFFFF'1'", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                var parsed = QueryRows.ParseSqliteInstant(Encoding.UTF8.GetBytes(text));
                return parsed.EqualsExact(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture)).Label(text);
            });
}
