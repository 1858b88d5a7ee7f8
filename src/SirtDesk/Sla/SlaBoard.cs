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
        get
        {
            // The first of the open clocks with the largest share used (as a stable sort would give it).
            SlaClockState? next = null;
            for (var i = 0; i < Clocks.Count; i++)
            {
                var c = Clocks[i];
                if (c.MetAt is null && (next is null || c.UsedFraction.CompareTo(next.UsedFraction) > 0))
                {
                    next = c;
                }
            }
            return next;
        }
    }

    public bool Breached => Clocks.Any(c => c.State == SlaState.Breached);
}

/// <summary>
/// The SLA clocks of many cases at once: one query for the pauses of the listed cases, one for the cases with where
/// their clocks stopped (both read without EF's materializer, <see cref="QueryRows"/>: the board lists every open
/// case), and calendar arithmetic in memory. The arithmetic runs on other cores while the cases are still being
/// read, a few hundred cases at a time.
/// </summary>
public sealed class SlaBoard(SirtDb db, SlaSettings settings)
{
    private const int Batch = 256;
    private static readonly (DateTimeOffset From, DateTimeOffset? To)[] NoPauses = [];

    public async Task<IReadOnlyList<CaseSla>> ComputeAsync(IQueryable<Case> cases, DateTimeOffset now, CancellationToken ct)
    {
        var policy = await settings.PolicyAsync(ct);
        var calendars = new TeamCalendars(await settings.CalendarsAsync(ct), now);
        var disclosure = await Disclosure.DisclosureDefaults.LoadAsync(db, ct);
        var targets = new Dictionary<(string, string, InternalSeverity?), ((SlaClockKind, SlaTarget)[] Clocks, SlaRule? Rule)>();
        var pauses = await ReadPausesAsync(cases, ct);

        var batches = new List<Task<CaseSla[]>>();
        var batch = new List<CaseClocks>(Batch);
        await using (var rows = await CaseRows.OpenAsync(db, cases, ct))
        {
            while (await rows.ReadAsync(ct))
            {
                var r = rows.Current;
                if (!targets.TryGetValue((r.Team, r.Kind, r.Severity), out var known))
                {
                    var rule = policy.RuleFor(r.Team, r.Kind, r.Severity);
                    known = (rule is null ? [] : [.. Enum.GetValues<SlaClockKind>().Where(k => rule.Target(k) is not null).Select(k => (k, rule.Target(k)!))], rule);
                    targets[(r.Team, r.Kind, r.Severity)] = known;
                }
                var clocks = known.Clocks;
                // The disclosure clock runs to the embargo when one is agreed, else to the team's default deadline
                // (neither moves while the case waits), else by the policy's target.
                var fixedDisclose = known.Rule is { } caseRule && (r.EmbargoAt is not null || caseRule.Disclose is not null)
                    ? Disclosure.DisclosureDue.For(r.StartedAt, r.EmbargoAt, disclosure.DeadlineFor(r.Team))?.At
                    : null;
                batch.Add(r with { Clocks = clocks, FixedDisclose = fixedDisclose, Calendar = clocks.Length == 0 ? null : calendars.Covering(r.Team, r.StartedAt) });
                if (batch.Count == Batch)
                {
                    var full = batch;
                    batches.Add(Task.Run(() => Compute(full, pauses, now), ct));
                    batch = new List<CaseClocks>(Batch);
                }
            }
        }
        var last = Compute(batch, pauses, now);
        var result = new List<CaseSla>((batches.Count * Batch) + last.Length);
        foreach (var done in await Task.WhenAll(batches))
        {
            result.AddRange(done);
        }
        result.AddRange(last);
        return result;
    }

    private static CaseSla[] Compute(List<CaseClocks> batch, Dictionary<long, List<(DateTimeOffset From, DateTimeOffset? To)>> pauses, DateTimeOffset now)
    {
        var result = new CaseSla[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var r = batch[i];
            var casePauses = pauses.TryGetValue(r.Id, out var p) ? p : (IReadOnlyList<(DateTimeOffset, DateTimeOffset?)>)NoPauses;
            var fixedOnly = r.FixedDisclose is not null && (r.Clocks.Length == 0 || r.Clocks[^1].Kind != SlaClockKind.Disclose);
            var clocks = new SlaClockState[r.Clocks.Length + (fixedOnly ? 1 : 0)];
            for (var k = 0; k < r.Clocks.Length; k++)
            {
                var (kind, target) = r.Clocks[k];
                clocks[k] = kind == SlaClockKind.Disclose && r.FixedDisclose is { } due
                    ? SlaClocks.ComputeFixed(kind, r.StartedAt, due, r.DisclosedAt, now)
                    : SlaClocks.Compute(kind, target, r.StartedAt, r.StoppedAt(kind), casePauses, r.Calendar!, now);
            }
            if (fixedOnly)
            {
                clocks[^1] = SlaClocks.ComputeFixed(SlaClockKind.Disclose, r.StartedAt, r.FixedDisclose!.Value, r.DisclosedAt, now);
            }
            result[i] = new CaseSla(r.Id, r.Number, r.Team, r.Title, r.Kind, r.Severity, r.Status, r.AssigneeId, clocks);
        }
        return result;
    }

    /// <summary>The pauses of these cases, each case's in the order they happened.</summary>
    private async Task<Dictionary<long, List<(DateTimeOffset From, DateTimeOffset? To)>>> ReadPausesAsync(IQueryable<Case> cases, CancellationToken ct)
    {
        var query = from p in db.CasePauses
                    join c in cases on p.CaseId equals c.Id
                    orderby p.Id
                    select new { p.CaseId, p.PausedAt, p.ResumedAt };
        await using var rows = await QueryRows.OpenAsync(db, query, ct);
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

    /// <summary>What the board reads of a case (what it shows, where its clocks started and stopped) and what it needs to compute them.</summary>
    private readonly record struct CaseClocks(
        long Id, string Number, string Team, string Title, string Kind, InternalSeverity? Severity, CaseStatus Status, string? AssigneeId,
        DateTimeOffset StartedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? TriagedAt, DateTimeOffset? RemediatedAt, DateTimeOffset? DisclosedAt,
        DateTimeOffset? EmbargoAt)
    {
        /// <summary>The disclosure due time when it is fixed (the embargo or the team's default deadline).</summary>
        public DateTimeOffset? FixedDisclose { get; init; }

        /// <summary>The clocks the policy gives the case, and the calendar index for its team.</summary>
        public (SlaClockKind Kind, SlaTarget Target)[] Clocks { get; init; } = [];

        public BusinessTime? Calendar { get; init; }

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

        private CaseRows(QueryRows rows)
        {
            this.rows = rows;
            (id, number, team, title, kind, severity, status) = (rows.Column("Id"), rows.Column("Number"), rows.Column("Team"), rows.Column("Title"),
                rows.Column("Kind"), rows.Column("Severity"), rows.Column("Status"));
            (assignee, started, acknowledged, triaged, remediated, disclosed) = (rows.Column("AssigneeId"), rows.Column("ClockStartedAt"),
                rows.Column("AcknowledgedAt"), rows.Column("TriagedAt"), rows.Column("RemediatedAt"), rows.Column("DisclosedAt"));
            embargo = rows.Column("EmbargoAt");
        }

        public CaseClocks Current { get; private set; }

        public static async Task<CaseRows> OpenAsync(SirtDb db, IQueryable<Case> cases, CancellationToken ct) => new(await QueryRows.OpenAsync(db,
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
            }, ct));

        public async ValueTask<bool> ReadAsync(CancellationToken ct)
        {
            if (!await rows.ReadAsync(ct))
            {
                return false;
            }
            Current = new CaseClocks(
                rows.Int64(id), rows.Text(number)!, rows.Label(team)!, rows.Text(title)!, rows.Label(kind)!,
                rows.Label(severity) is { } s ? Parsed(severities, s) : null, Parsed(statuses, rows.Label(status)!), rows.Text(assignee),
                rows.Instant(started)!.Value, rows.Instant(acknowledged), rows.Instant(triaged), rows.Instant(remediated), rows.Instant(disclosed),
                rows.Instant(embargo));
            return true;
        }

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
