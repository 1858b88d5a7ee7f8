using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Sla;
using SirtDesk.Standards.Calendar;

namespace SirtDesk.Tests.Sla;

/// <summary>
/// The SLA clocks as they were computed before the board kept clock columns and pauses (commit 145220f), kept
/// here unchanged as the oracle: every clock from the timeline, <c>SlaClocks.Compute</c> as it was, and the team
/// calendar itself instead of any index. The fast board must give exactly the same, offsets included.
/// </summary>
public static class ReferenceClocks
{
    private static readonly string[] ClockActions = ["case.replied", "case.rescored", "case.closed", "case.disclosed", "case.paused", "case.resumed"];

    public static async Task<IReadOnlyList<CaseSla>> BoardAsync(SirtDb db, SlaSettings settings, IQueryable<Case> cases, DateTimeOffset now)
    {
        var policy = await settings.PolicyAsync(CancellationToken.None);
        var calendars = await settings.CalendarsAsync(CancellationToken.None);
        var rows = await cases.AsNoTracking()
            .Select(c => new { c.Id, c.Number, c.Team, c.Title, c.Kind, c.Severity, c.Status, c.AssigneeId, c.ClockStartedAt })
            .ToListAsync();
        var events = new Dictionary<long, List<(string Action, DateTimeOffset At)>>();
        var found = await (from t in db.Timeline.AsNoTracking()
                           join c in cases on t.CaseId equals c.Id
                           where ClockActions.Contains(t.Action)
                           orderby t.Id
                           select new { CaseId = t.CaseId!.Value, t.Action, t.At }).ToListAsync();
        foreach (var e in found)
        {
            if (!events.TryGetValue(e.CaseId, out var list))
            {
                events[e.CaseId] = list = [];
            }
            list.Add((e.Action, e.At));
        }
        var result = new List<CaseSla>(rows.Count);
        foreach (var r in rows)
        {
            var rule = policy.RuleFor(r.Team, r.Kind, r.Severity);
            var clocks = new List<SlaClockState>(4);
            if (rule is not null)
            {
                var caseEvents = events.TryGetValue(r.Id, out var l) ? l : [];
                var pauses = Pauses(caseEvents);
                foreach (var kind in Enum.GetValues<SlaClockKind>())
                {
                    if (rule.Target(kind) is not { } target)
                    {
                        continue;
                    }
                    var met = First(caseEvents, kind switch
                    {
                        SlaClockKind.Acknowledge => "case.replied",
                        SlaClockKind.Triage => "case.rescored",
                        SlaClockKind.Remediate => "case.closed",
                        _ => "case.disclosed",
                    });
                    clocks.Add(Compute(kind, target, r.ClockStartedAt, met, pauses, calendars(r.Team), now));
                }
            }
            result.Add(new CaseSla(r.Id, r.Number, r.Team, r.Title, r.Kind, r.Severity, r.Status, r.AssigneeId, clocks));
        }
        return result;
    }

    private static DateTimeOffset? First(List<(string Action, DateTimeOffset At)> events, string action)
    {
        foreach (var (a, at) in events)
        {
            if (a == action)
            {
                return at;
            }
        }
        return null;
    }

    public static List<(DateTimeOffset From, DateTimeOffset? To)> Pauses(List<(string Action, DateTimeOffset At)> events)
    {
        var pauses = new List<(DateTimeOffset, DateTimeOffset?)>();
        DateTimeOffset? open = null;
        foreach (var (a, at) in events)
        {
            if (a == "case.paused" && open is null)
            {
                open = at;
            }
            else if (a == "case.resumed" && open is { } from)
            {
                pauses.Add((from, at));
                open = null;
            }
        }
        if (open is { } still)
        {
            pauses.Add((still, null));
        }
        return pauses;
    }

    public static SlaClockState Compute(
        SlaClockKind kind, SlaTarget target, DateTimeOffset start, DateTimeOffset? metAt,
        IReadOnlyList<(DateTimeOffset From, DateTimeOffset? To)> pauses, BusinessCalendar calendar, DateTimeOffset now)
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

    /// <summary>Clocks and cases as text, every value exactly (instants with their offsets), for comparisons with a readable difference.</summary>
    public static string Describe(IEnumerable<CaseSla> cases) => string.Join("\n", cases.Select(c =>
        $"{c.CaseId} {c.Number} {c.Team} {c.Title} {c.Kind} {c.Severity} {c.Status} {c.AssigneeId} next={c.Next?.Kind} breached={c.Breached}: "
        + string.Join(" | ", c.Clocks.Select(Describe))));

    public static string Describe(SlaClockState k) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{k.Kind} {k.Target} start={k.StartedAt:O} due={k.Due:O} met={k.MetAt:O} {k.State} used={k.UsedFraction:R} elapsed={k.Elapsed.Ticks} remaining={k.Remaining.Ticks}");
}
