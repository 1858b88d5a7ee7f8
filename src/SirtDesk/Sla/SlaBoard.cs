using System.Runtime.CompilerServices;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Standards.Calendar;
using SirtDesk.Triage;

namespace SirtDesk.Sla;

/// <summary>A case with its clocks, most urgent first in lists.</summary>
public sealed record CaseSla(long CaseId, string Number, string Team, string Title, string Kind, InternalSeverity? Severity, CaseStatus Status,
    string? AssigneeId, IReadOnlyList<SlaClockState> Clocks)
{
    /// <summary>The open clock nearest to (or furthest past) its due time.</summary>
    public SlaClockState? Next
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get
        {
            // The first of the open clocks with the largest share used (as a stable sort would give it).
            var clocks = Clocks as SlaClockState[] ?? [.. Clocks];
            var next = -1;
            for (var i = 0; i < clocks.Length; i++)
            {
                if (clocks[i].MetAt is null && (next < 0 || clocks[i].UsedFraction.CompareTo(clocks[next].UsedFraction) > 0))
                {
                    next = i;
                }
            }
            return next < 0 ? null : clocks[next];
        }
    }

    public bool Breached => Clocks.Any(c => c.State == SlaState.Breached);
}

/// <summary>
/// The SLA clocks of many cases at once: for the pauses of the listed cases and for the cases with where their clocks
/// stopped, one query each, read without EF's materializer (<see cref="QueryRows"/>: the board lists every open case),
/// and calendar arithmetic in memory. On a SQLite file the cases are split by id into one part per core (at least
/// two), each read on its own connection and computed on its own thread. The methods that run per row and per clock
/// are compiled fully optimized on first use ([AggressiveOptimization]): a board is computed per page view and once a
/// minute by the monitor, too rarely for tiered compilation to reach them soon.
/// </summary>
public sealed class SlaBoard(SirtDb db, SlaSettings settings)
{
    private static readonly (DateTimeOffset From, DateTimeOffset? To)[] NoPauses = [];

    /// <summary>The clocks of one case (null when there is no such case), read on the request's own connection.</summary>
    public async Task<CaseSla?> ForCaseAsync(long caseId, DateTimeOffset now, CancellationToken ct) =>
        (await ForFewAsync(db.Cases.Where(c => c.Id == caseId), now, ct)).SingleOrDefault();

    /// <summary>The clocks of a few cases (a page of the inbox), read on the request's own connection, never split.</summary>
    public async Task<IReadOnlyList<CaseSla>> ForFewAsync(IQueryable<Case> cases, DateTimeOffset now, CancellationToken ct) =>
        await OnRequestConnectionAsync(cases, await Inputs.LoadAsync(db, settings, ct), now, ct);

    public async Task<IReadOnlyList<CaseSla>> ComputeAsync(IQueryable<Case> cases, DateTimeOffset now, CancellationToken ct)
    {
        var inputs = await Inputs.LoadAsync(db, settings, ct);
        var count = Math.Clamp(Environment.ProcessorCount, 2, 8);
        var parts = new List<(Func<CancellationToken, Task<QueryRows>> Pauses, Func<CancellationToken, Task<QueryRows>> Rows)>();
        for (var k = 0; k < count; k++)
        {
            var (n, i) = (count, k);
            var some = cases.Where(c => c.Id % n == i);
            if (QueryRows.OnOwnConnection(db, PausesOf(some)) is not { } pauses || QueryRows.OnOwnConnection(db, RowsOf(some)) is not { } rows)
            {
                // Another provider, or an open transaction: everything on the request's connection, in one part.
                return await OnRequestConnectionAsync(cases, inputs, now, ct);
            }
            parts.Add((pauses, rows));
        }
        var done = await Task.WhenAll(parts.Select(p => Task.Run(() => new Part(inputs, now).ComputeAsync(() => p.Pauses(ct), () => p.Rows(ct), ct), ct)));
        var result = new List<CaseSla>(done.Sum(d => d.Count));
        foreach (var d in done)
        {
            result.AddRange(d);
        }
        return result;
    }

    private Task<List<CaseSla>> OnRequestConnectionAsync(IQueryable<Case> cases, Inputs inputs, DateTimeOffset now, CancellationToken ct) =>
        new Part(inputs, now).ComputeAsync(() => QueryRows.OpenAsync(db, PausesOf(cases), ct), () => QueryRows.OpenAsync(db, RowsOf(cases), ct), ct);

    /// <summary>What every part needs: the policy, the team calendars, the teams' default disclosure deadlines.</summary>
    private sealed record Inputs(SlaPolicy Policy, Func<string, BusinessCalendar> Calendars, Disclosure.DisclosureDefaults Disclosure)
    {
        public static async Task<Inputs> LoadAsync(SirtDb db, SlaSettings settings, CancellationToken ct) =>
            new(await settings.PolicyAsync(ct), await settings.CalendarsAsync(ct), await SirtDesk.Disclosure.DisclosureDefaults.LoadAsync(db, ct));
    }

    /// <summary>Some of the cases: their pauses first, then the cases row by row, each computed as it is read.</summary>
    private sealed class Part(Inputs inputs, DateTimeOffset now)
    {
        private readonly Dictionary<(string, string, InternalSeverity?), ((SlaClockKind, SlaTarget)[] Clocks, SlaRule? Rule)> targets = [];
        private readonly TeamCalendars calendars = new(inputs.Calendars, now);

        public async Task<List<CaseSla>> ComputeAsync(Func<Task<QueryRows>> openPauses, Func<Task<QueryRows>> openRows, CancellationToken ct)
        {
            var pauses = await ReadPausesAsync(openPauses, ct);
            var result = new List<CaseSla>();
            await using var rows = new CaseRows(await openRows());
            while (await rows.ReadAsync(ct))
            {
                result.Add(Compute(rows.Current, pauses));
            }
            return result;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private CaseSla Compute(in CaseClocks r, Dictionary<long, List<(DateTimeOffset From, DateTimeOffset? To)>> pauses)
        {
            if (!targets.TryGetValue((r.Team, r.Kind, r.Severity), out var known))
            {
                var rule = inputs.Policy.RuleFor(r.Team, r.Kind, r.Severity);
                known = (rule is null ? [] : [.. Enum.GetValues<SlaClockKind>().Where(k => rule.Target(k) is not null).Select(k => (k, rule.Target(k)!))], rule);
                targets[(r.Team, r.Kind, r.Severity)] = known;
            }
            var targetClocks = known.Clocks;
            // The disclosure clock runs to the embargo when one is agreed, else to the team's default deadline
            // (neither moves while the case waits), else by the policy's target.
            var fixedDisclose = known.Rule is { } caseRule && (r.EmbargoAt is not null || caseRule.Disclose is not null)
                ? Disclosure.DisclosureDue.For(r.StartedAt, r.EmbargoAt, inputs.Disclosure.DeadlineFor(r.Team))?.At
                : null;
            var calendar = targetClocks.Length == 0 ? null : calendars.Covering(r.Team, r.StartedAt);
            var casePauses = pauses.TryGetValue(r.Id, out var p) ? p : (IReadOnlyList<(DateTimeOffset, DateTimeOffset?)>)NoPauses;
            var fixedOnly = fixedDisclose is not null && (targetClocks.Length == 0 || targetClocks[^1].Item1 != SlaClockKind.Disclose);
            var clocks = new SlaClockState[targetClocks.Length + (fixedOnly ? 1 : 0)];
            for (var k = 0; k < targetClocks.Length; k++)
            {
                var (kind, target) = targetClocks[k];
                clocks[k] = kind == SlaClockKind.Disclose && fixedDisclose is { } due
                    ? SlaClocks.ComputeFixed(kind, r.StartedAt, due, r.DisclosedAt, now)
                    : SlaClocks.Compute(kind, target, r.StartedAt, r.StoppedAt(kind), casePauses, calendar!, now);
            }
            if (fixedOnly)
            {
                clocks[^1] = SlaClocks.ComputeFixed(SlaClockKind.Disclose, r.StartedAt, fixedDisclose!.Value, r.DisclosedAt, now);
            }
            return new CaseSla(r.Id, r.Number, r.Team, r.Title, r.Kind, r.Severity, r.Status, r.AssigneeId, clocks);
        }

        /// <summary>The pauses of these cases, each case's in the order they happened.</summary>
        private static async Task<Dictionary<long, List<(DateTimeOffset From, DateTimeOffset? To)>>> ReadPausesAsync(Func<Task<QueryRows>> open, CancellationToken ct)
        {
            await using var rows = await open();
            int caseId = rows.Column("CaseId"), paused = rows.Column("PausedAt"), resumed = rows.Column("ResumedAt");
            var pauses = new Dictionary<long, List<(DateTimeOffset, DateTimeOffset?)>>();
            while (await rows.ReadAsync(ct))
            {
                var id = rows.Int64(caseId);
                if (!pauses.TryGetValue(id, out var list))
                {
                    pauses[id] = list = [];
                }
                list.Add((rows.Instant(paused)!.Value, rows.Instant(resumed)));
            }
            return pauses;
        }
    }

    private IQueryable PausesOf(IQueryable<Case> cases) =>
        from p in db.CasePauses
        join c in cases on p.CaseId equals c.Id
        orderby p.Id
        select new { p.CaseId, p.PausedAt, p.ResumedAt };

    private IQueryable RowsOf(IQueryable<Case> cases) =>
        from c in cases
        join d in db.Set<Disclosure.CaseDisclosure>() on c.Id equals d.CaseId into ds
        from d in ds.DefaultIfEmpty()
        select new
        {
            c.Id,
            c.Number,
            c.Team,
            c.Title,
            c.Kind,
            c.Severity,
            c.Status,
            c.AssigneeId,
            c.ClockStartedAt,
            c.AcknowledgedAt,
            c.TriagedAt,
            c.RemediatedAt,
            c.DisclosedAt,
            EmbargoAt = d == null ? null : d.EmbargoAt,
        };

    /// <summary>
    /// One business-time index per team calendar, from the earliest start seen so far to a year after now. A case
    /// that started earlier gets a wider index (twice as far back, so a list needs only a few); results do not
    /// depend on the range, only the speed does.
    /// </summary>
    private sealed class TeamCalendars(Func<string, BusinessCalendar> calendars, DateTimeOffset now)
    {
        private readonly Dictionary<string, (BusinessTime Index, DateTimeOffset From)> built = [];

        public BusinessTime Covering(string team, DateTimeOffset start)
        {
            if (built.TryGetValue(team, out var known) && known.From <= start)
            {
                return known.Index;
            }
            var age = known.Index is null || start > now ? TimeSpan.Zero : now - known.From;
            var from = age > TimeSpan.Zero && now - DateTimeOffset.MinValue > age * 2 && now - (age * 2) < start ? now - (age * 2) : start;
            BusinessTime index;
            try
            {
                index = BusinessTime.Around(calendars(team), from, now);
            }
            catch (ArgumentOutOfRangeException) when (from < start)
            {
                (index, from) = (BusinessTime.Around(calendars(team), start, now), start); // the wider range reached years the calendar does not know
            }
            built[team] = (index, from);
            return index;
        }
    }

    /// <summary>What the board reads of a case: what it shows, and where its clocks started and stopped.</summary>
    private readonly record struct CaseClocks(
        long Id, string Number, string Team, string Title, string Kind, InternalSeverity? Severity, CaseStatus Status, string? AssigneeId,
        DateTimeOffset StartedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? TriagedAt, DateTimeOffset? RemediatedAt, DateTimeOffset? DisclosedAt,
        DateTimeOffset? EmbargoAt)
    {
        public DateTimeOffset? StoppedAt(SlaClockKind kind) => kind switch
        {
            SlaClockKind.Acknowledge => AcknowledgedAt,
            SlaClockKind.Triage => TriagedAt,
            SlaClockKind.Remediate => RemediatedAt,
            _ => DisclosedAt,
        };
    }

    /// <summary>The cases of the query, row by row.</summary>
    private sealed class CaseRows : IAsyncDisposable
    {
        private readonly QueryRows rows;
        private readonly int id, number, team, title, kind, severity, status, assignee, started, acknowledged, triaged, remediated, disclosed, embargo;
        // Enums are stored as their names (ModelConfiguration); each name is parsed once.
        private readonly Dictionary<string, InternalSeverity> severities = [];
        private readonly Dictionary<string, CaseStatus> statuses = [];

        public CaseRows(QueryRows rows)
        {
            this.rows = rows;
            (id, number, team, title, kind, severity, status) = (rows.Column("Id"), rows.Column("Number"), rows.Column("Team"), rows.Column("Title"),
                rows.Column("Kind"), rows.Column("Severity"), rows.Column("Status"));
            (assignee, started, acknowledged, triaged, remediated, disclosed) = (rows.Column("AssigneeId"), rows.Column("ClockStartedAt"),
                rows.Column("AcknowledgedAt"), rows.Column("TriagedAt"), rows.Column("RemediatedAt"), rows.Column("DisclosedAt"));
            embargo = rows.Column("EmbargoAt");
        }

        public CaseClocks Current { get; private set; }

        public async ValueTask<bool> ReadAsync(CancellationToken ct)
        {
            if (!await rows.ReadAsync(ct))
            {
                return false;
            }
            Current = Row();
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private CaseClocks Row() => new(
                rows.Int64(id), rows.Text(number)!, rows.Label(team)!, rows.Text(title)!, rows.Label(kind)!,
                rows.Label(severity) is { } s ? Parsed(severities, s) : null, Parsed(statuses, rows.Label(status)!), rows.Text(assignee),
                rows.Instant(started)!.Value, rows.Instant(acknowledged), rows.Instant(triaged), rows.Instant(remediated), rows.Instant(disclosed),
                rows.Instant(embargo));

        private static T Parsed<T>(Dictionary<string, T> seen, string name) where T : struct, Enum
        {
            if (!seen.TryGetValue(name, out var value))
            {
                seen[name] = value = Enum.Parse<T>(name);
            }
            return value;
        }

        public ValueTask DisposeAsync() => rows.DisposeAsync();
    }
}
