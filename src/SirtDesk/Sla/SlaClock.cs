using System.Runtime.CompilerServices;
using SirtDesk.Standards.Calendar;

namespace SirtDesk.Sla;

public enum SlaState
{
    Running,
    Paused,
    Met,
    MetLate,
    Breached,
}

/// <summary>One clock of one case at one instant (a value: a board of 100,000 cases holds about 370,000).</summary>
public readonly record struct SlaClockState(
    SlaClockKind Kind,
    SlaTarget Target,
    DateTimeOffset StartedAt,
    DateTimeOffset? Due,
    DateTimeOffset? MetAt,
    SlaState State,
    double UsedFraction,
    TimeSpan Elapsed,
    TimeSpan Remaining);

/// <summary>
/// Clock arithmetic. A clock starts when the first report arrived, stops when its event happens, and does not
/// run while the case waits on the reporter or a vendor (pauses). Business-hour targets count only the team
/// calendar's opening hours; calendar-day targets count wall time.
/// </summary>
public static class SlaClocks
{
    public static SlaClockState Compute(
        SlaClockKind kind, SlaTarget target, DateTimeOffset start, DateTimeOffset? metAt,
        IReadOnlyList<(DateTimeOffset From, DateTimeOffset? To)> pauses, BusinessCalendar calendar, DateTimeOffset now) =>
        Compute(kind, target, start, metAt, pauses, BusinessTime.Unindexed(calendar), now);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SlaClockState Compute(
        SlaClockKind kind, SlaTarget target, DateTimeOffset start, DateTimeOffset? metAt,
        IReadOnlyList<(DateTimeOffset From, DateTimeOffset? To)> pauses, BusinessTime calendar, DateTimeOffset now)
    {
        var end = metAt ?? now;
        var budget = target.BusinessHours is { } h ? TimeSpan.FromHours(h) : TimeSpan.FromDays(target.CalendarDays ?? 0);
        var spending = new Spending(budget, target.BusinessHours is not null ? calendar : null);

        // The stretches in which the clock ran, from the start up to the end (met or now), between pauses. The
        // budget is spent stretch by stretch; the due time is where it runs out.
        var cursor = start;
        var pausedNow = false;
        var ordered = InOrder(pauses);
        for (var i = 0; i < ordered.Count; i++)
        {
            var (from, to) = ordered[i];
            if (from >= end)
            {
                break;
            }
            if (from > cursor)
            {
                spending.Run(cursor, from);
            }
            if (to is null || to >= end)
            {
                pausedNow = metAt is null && to is null;
                cursor = end;
                break;
            }
            if (to > cursor)
            {
                cursor = to.Value;
            }
        }
        if (cursor < end)
        {
            spending.Run(cursor, end);
        }

        // A running clock goes on from now.
        var due = spending.Due;
        if (due is null && metAt is null && !pausedNow)
        {
            due = spending.AddTo(end, spending.Remaining);
        }
        var elapsed = spending.Elapsed;
        var used = budget == TimeSpan.Zero ? 1 : elapsed / budget;
        var left = budget - elapsed;
        var state = metAt is not null
            ? (elapsed <= budget ? SlaState.Met : SlaState.MetLate)
            : elapsed > budget ? SlaState.Breached : pausedNow ? SlaState.Paused : SlaState.Running;
        return new SlaClockState(kind, target, start, due, metAt, state, used, elapsed, left);
    }

    // Pauses in order of their start, as a stable sort of the timeline's order gives them; usually they already are.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static IReadOnlyList<(DateTimeOffset From, DateTimeOffset? To)> InOrder(IReadOnlyList<(DateTimeOffset From, DateTimeOffset? To)> pauses)
    {
        for (var i = 1; i < pauses.Count; i++)
        {
            if (pauses[i].From < pauses[i - 1].From)
            {
                return [.. pauses.OrderBy(p => p.From)];
            }
        }
        return pauses;
    }

    /// <summary>The budget being spent: in business time when there is a calendar, else in wall time.</summary>
    private struct Spending(TimeSpan budget, BusinessTime? businessHours)
    {
        public TimeSpan Elapsed { get; private set; }

        public TimeSpan Remaining { get; private set; } = budget;

        public DateTimeOffset? Due { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(DateTimeOffset from, DateTimeOffset to)
        {
            var span = to <= from ? TimeSpan.Zero : businessHours is null ? to - from : businessHours.Between(from, to);
            if (Due is null && span >= Remaining)
            {
                Due = AddTo(from, Remaining);
            }
            if (Due is null)
            {
                Remaining -= span;
            }
            Elapsed += span;
        }

        public readonly DateTimeOffset AddTo(DateTimeOffset from, TimeSpan duration) => businessHours is null ? from + duration : businessHours.Add(from, duration);
    }

    private static readonly SlaTarget[] DayTargets = [.. Enumerable.Range(0, 400).Select(d => new SlaTarget(null, d))];

    private static SlaTarget DaysTarget(int days) => days >= 0 && days < DayTargets.Length ? DayTargets[days] : new SlaTarget(null, days);

    /// <summary>A clock with a fixed due time (an agreed embargo, a deadline in days): pauses do not move it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SlaClockState ComputeFixed(SlaClockKind kind, DateTimeOffset start, DateTimeOffset due, DateTimeOffset? metAt, DateTimeOffset now)
    {
        var budget = due > start ? due - start : TimeSpan.Zero;
        var end = metAt ?? now;
        var elapsed = end > start ? end - start : TimeSpan.Zero;
        var target = DaysTarget((int)Math.Ceiling(budget.TotalDays));
        var used = budget == TimeSpan.Zero ? 1 : elapsed / budget;
        var state = metAt is { } met ? (met <= due ? SlaState.Met : SlaState.MetLate) : now > due ? SlaState.Breached : SlaState.Running;
        return new SlaClockState(kind, target, start, due, metAt, state, used, elapsed, due - end);
    }
}
