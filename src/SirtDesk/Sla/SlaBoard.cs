using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Triage;

namespace SirtDesk.Sla;

/// <summary>A case with its clocks, most urgent first in lists.</summary>
public sealed record CaseSla(long CaseId, string Number, string Team, string Title, string Kind, InternalSeverity? Severity, CaseStatus Status,
    string? AssigneeId, IReadOnlyList<SlaClockState> Clocks)
{
    /// <summary>The open clock nearest to (or furthest past) its due time.</summary>
    public SlaClockState? Next => Clocks.Where(c => c.MetAt is null).OrderByDescending(c => c.UsedFraction).FirstOrDefault();

    public bool Breached => Clocks.Any(c => c.State == SlaState.Breached);
}

/// <summary>
/// The SLA clocks of many cases at once: one query for the cases, one for the timeline events the clocks read,
/// then calendar arithmetic in memory.
/// </summary>
public sealed class SlaBoard(SirtDb db, SlaSettings settings)
{
    private static readonly string[] ClockActions = ["case.replied", "case.rescored", "case.closed", "case.disclosed", "case.paused", "case.resumed"];

    public async Task<IReadOnlyList<CaseSla>> ComputeAsync(IQueryable<Case> cases, DateTimeOffset now, CancellationToken ct)
    {
        var policy = await settings.PolicyAsync(ct);
        var calendars = await settings.CalendarsAsync(ct);
        var disclosure = await Disclosure.DisclosureDefaults.LoadAsync(db, ct);
        var rows = await (from c in cases.AsNoTracking()
                          join d in db.Set<Disclosure.CaseDisclosure>() on c.Id equals d.CaseId into ds
                          from d in ds.DefaultIfEmpty()
                          select new { c.Id, c.Number, c.Team, c.Title, c.Kind, c.Severity, c.Status, c.AssigneeId, c.ClockStartedAt, EmbargoAt = d == null ? null : d.EmbargoAt })
            .ToListAsync(ct);
        // The events of exactly these cases, in one query joined on the same filter (no long IN lists).
        var events = new Dictionary<long, List<(string Action, DateTimeOffset At)>>();
        var found = await (from t in db.Timeline.AsNoTracking()
                           join c in cases on t.CaseId equals c.Id
                           where ClockActions.Contains(t.Action)
                           orderby t.Id
                           select new { CaseId = t.CaseId!.Value, t.Action, t.At }).ToListAsync(ct);
        foreach (var e in found)
        {
            if (!events.TryGetValue(e.CaseId, out var list))
            {
                events[e.CaseId] = list = [];
            }
            list.Add((e.Action, e.At));
        }
        // One business-time index per team calendar, covering these cases.
        var earliest = rows.Count == 0 ? now : rows.Min(r => r.ClockStartedAt);
        var times = new Dictionary<string, BusinessTime>();
        var result = new List<CaseSla>(rows.Count);
        foreach (var r in rows)
        {
            var rule = policy.RuleFor(r.Team, r.Kind, r.Severity);
            var clocks = new List<SlaClockState>(4);
            if (rule is not null)
            {
                var caseEvents = events.TryGetValue(r.Id, out var l) ? l : [];
                var pauses = Pauses(caseEvents);
                if (!times.TryGetValue(r.Team, out var calendar))
                {
                    times[r.Team] = calendar = BusinessTime.Around(calendars(r.Team), earliest, now);
                }
                foreach (var kind in Enum.GetValues<SlaClockKind>())
                {
                    // The disclosure clock runs to the embargo when one is agreed, else to the team's default deadline
                    // (neither moves while the case waits), else by the policy's target.
                    if (kind == SlaClockKind.Disclose && (r.EmbargoAt is not null || rule.Disclose is not null)
                        && Disclosure.DisclosureDue.For(r.ClockStartedAt, r.EmbargoAt, disclosure.DeadlineFor(r.Team)) is { } fixedDue)
                    {
                        clocks.Add(SlaClocks.ComputeFixed(kind, r.ClockStartedAt, fixedDue.At, First(caseEvents, "case.disclosed"), now));
                        continue;
                    }
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
                    clocks.Add(SlaClocks.Compute(kind, target, r.ClockStartedAt, met, pauses, calendar, now));
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

    private static List<(DateTimeOffset From, DateTimeOffset? To)> Pauses(List<(string Action, DateTimeOffset At)> events)
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
}
