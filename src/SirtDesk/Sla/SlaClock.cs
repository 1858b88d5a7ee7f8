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

/// <summary>One clock of one case at one instant.</summary>
public sealed record SlaClockState(
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

    public static SlaClockState Compute(
        SlaClockKind kind, SlaTarget target, DateTimeOffset start, DateTimeOffset? metAt,
        IReadOnlyList<(DateTimeOffset From, DateTimeOffset? To)> pauses, BusinessTime calendar, DateTimeOffset now)
    {
        var end = metAt ?? now;
        var budget = target.BusinessHours is { } h ? TimeSpan.FromHours(h) : TimeSpan.FromDays(target.CalendarDays ?? 0);
        var business = target.BusinessHours is not null;
        TimeSpan Span(DateTimeOffset a, DateTimeOffset b) => b <= a ? TimeSpan.Zero : business ? calendar.Between(a, b) : b - a;
        DateTimeOffset AddTo(DateTimeOffset a, TimeSpan d) => business ? calendar.Add(a, d) : a + d;

        // The stretches in which the clock ran, from the start up to the end (met or now), between pauses.
        var stretches = new List<(DateTimeOffset From, DateTimeOffset To)>();
        var cursor = start;
        var pausedNow = false;
        foreach (var (from, to) in pauses.OrderBy(p => p.From))
        {
            if (from >= end)
            {
                break;
            }
            if (from > cursor)
            {
                stretches.Add((cursor, from));
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
            stretches.Add((cursor, end));
        }

        // Spend the budget stretch by stretch; the due time is where it runs out. A running clock goes on from now.
        var elapsed = TimeSpan.Zero;
        var remaining = budget;
        DateTimeOffset? due = null;
        foreach (var (from, to) in stretches)
        {
            var span = Span(from, to);
            if (due is null && span >= remaining)
            {
                due = AddTo(from, remaining);
            }
            if (due is null)
            {
                remaining -= span;
            }
            elapsed += span;
        }
        if (due is null && metAt is null && !pausedNow)
        {
            due = AddTo(end, remaining);
        }
        var used = budget == TimeSpan.Zero ? 1 : elapsed / budget;
        var left = budget - elapsed;
        var state = metAt is not null
            ? (elapsed <= budget ? SlaState.Met : SlaState.MetLate)
            : elapsed > budget ? SlaState.Breached : pausedNow ? SlaState.Paused : SlaState.Running;
        return new SlaClockState(kind, target, start, due, metAt, state, used, elapsed, left);
    }

    /// <summary>A clock with a fixed due time (an agreed embargo, a deadline in days): pauses do not move it.</summary>
    public static SlaClockState ComputeFixed(SlaClockKind kind, DateTimeOffset start, DateTimeOffset due, DateTimeOffset? metAt, DateTimeOffset now)
    {
        var budget = due > start ? due - start : TimeSpan.Zero;
        var end = metAt ?? now;
        var elapsed = end > start ? end - start : TimeSpan.Zero;
        var target = new SlaTarget(null, (int)Math.Ceiling(budget.TotalDays));
        var used = budget == TimeSpan.Zero ? 1 : elapsed / budget;
        var state = metAt is { } met ? (met <= due ? SlaState.Met : SlaState.MetLate) : now > due ? SlaState.Breached : SlaState.Running;
        return new SlaClockState(kind, target, start, due, metAt, state, used, elapsed, due - end);
    }
}
