using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.Staff;

namespace SirtDesk.Sla;

/// <summary>A clock crossed the warning threshold or its due time. Raised once per case, clock and level.</summary>
public sealed class SlaAlert
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public required string Clock { get; set; }
    public required string Level { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? Due { get; set; }
}

/// <summary>The last digest a person got, and the newest alert it covered.</summary>
public sealed class SlaDigest
{
    public long Id { get; set; }
    public required string Recipient { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public long LastAlertId { get; set; }
}

/// <summary>
/// Raises warnings (at the policy's percentage) and breaches, and mails them as digests: one message per person
/// per hour at most, to the assignee and the team's coordinators, never one message per case.
/// </summary>
public sealed partial class SlaMonitor(SirtDb db, SlaBoard board, SlaSettings settings, Prevention.PreventionRound prevention, TimeProvider clock, ILogger<SlaMonitor> log)
{
    public static readonly TimeSpan DigestInterval = TimeSpan.FromHours(1);

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!db.IsSqlite)
        {
            // Several nodes: only the one that gets the lock runs this round.
            var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(4242001) AS \"Value\"").ToListAsync(ct);
            if (!locked[0])
            {
                return;
            }
        }
        var policy = await settings.PolicyAsync(ct);
        var open = await board.ComputeAsync(db.Cases.Where(c => c.Status != CaseStatus.Closed), now, ct);
        var ids = open.Select(c => c.CaseId).ToList();
        var existing = (await db.Set<SlaAlert>().Where(a => ids.Contains(a.CaseId)).Select(a => new { a.CaseId, a.Clock, a.Level }).ToListAsync(ct))
            .Select(a => (a.CaseId, a.Clock, a.Level)).ToHashSet();
        foreach (var c in open)
        {
            foreach (var k in c.Clocks.Where(k => k.MetAt is null))
            {
                var levels = k.State == SlaState.Breached ? new[] { "warning", "breach" } : k.UsedFraction * 100 >= policy.WarnAtPercent ? ["warning"] : [];
                foreach (var level in levels)
                {
                    if (existing.Add((c.CaseId, k.Kind.ToString(), level)))
                    {
                        db.Add(new SlaAlert { CaseId = c.CaseId, Clock = k.Kind.ToString(), Level = level, RaisedAt = now.ToUniversalTime(), Due = k.Due?.ToUniversalTime() });
                    }
                }
            }
        }
        await db.SaveChangesAsync(ct);
        await prevention.RunAsync(now, ct);
        await SendDigestsAsync(now, ct);
        await tx.CommitAsync(ct);
    }

    private async Task SendDigestsAsync(DateTimeOffset now, CancellationToken ct)
    {
        // Each person's latest digest (the newest row per recipient): when it went out and the last alert it covered.
        var digests = db.Set<SlaDigest>();
        var lastSent = (await digests.Where(d => d.Id == digests.Where(x => x.Recipient == d.Recipient).Max(x => x.Id))
                .Select(d => new { d.Recipient, d.LastAlertId, d.SentAt }).ToListAsync(ct))
            .ToDictionary(d => d.Recipient, d => (d.LastAlertId, d.SentAt));
        var minSeen = lastSent.Count == 0 ? 0 : lastSent.Values.Min(v => v.LastAlertId);
        var alerts = await (from a in db.Set<SlaAlert>()
                            join c in db.Cases on a.CaseId equals c.Id
                            where a.Id > minSeen
                            orderby a.Id
                            select new { a.Id, a.Clock, a.Level, a.Due, c.Number, c.Title, c.Team, c.AssigneeId }).ToListAsync(ct);
        // Overdue plan reviews share the digest (and its one-per-hour limit) rather than mailing on their own.
        var others = (await prevention.PendingDigestLinesAsync(ct)).GroupBy(l => l.Recipient).ToDictionary(g => g.Key, g => g.ToList());
        if (alerts.Count == 0 && others.Count == 0)
        {
            return;
        }
        var recipients = await MonitorRecipients.ForAsync(db, [.. alerts.Select(a => (a.Team, a.AssigneeId))], ct);
        var byRecipient = new Dictionary<string, List<int>>();
        for (var i = 0; i < alerts.Count; i++)
        {
            var a = alerts[i];
            foreach (var r in recipients[i])
            {
                if (lastSent.TryGetValue(r, out var seen) && a.Id <= seen.LastAlertId)
                {
                    continue;
                }
                if (!byRecipient.TryGetValue(r, out var list))
                {
                    byRecipient[r] = list = [];
                }
                list.Add(i);
            }
        }
        var jst = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        foreach (var recipient in byRecipient.Keys.Union(others.Keys).ToList())
        {
            var indexes = byRecipient.GetValueOrDefault(recipient) ?? [];
            var lines = others.GetValueOrDefault(recipient) ?? [];
            if (lastSent.TryGetValue(recipient, out var last) && now - last.SentAt < DigestInterval)
            {
                continue; // at most one digest per person per hour; the alerts wait for the next one
            }
            var body = new StringBuilder();
            body.AppendLine("SLA の警告と超過 / SLA warnings and breaches").AppendLine();
            foreach (var a in indexes.Select(i => alerts[i]))
            {
                var due = a.Due is { } d ? TimeZoneInfo.ConvertTime(d, jst).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " JST" : "-";
                body.AppendLine(CultureInfo.InvariantCulture, $"{a.Number}  {a.Clock}  {(a.Level == "breach" ? "超過 / BREACHED" : "警告 / warning")}  {due}  {a.Title}");
            }
            foreach (var line in lines)
            {
                body.AppendLine(line.Text);
            }
            db.Outbox.Add(new OutboxMessage
            {
                Kind = "sla-digest",
                Recipient = recipient,
                Language = "ja",
                Subject = $"SLA: {indexes.Count + lines.Count} 件 / {indexes.Count + lines.Count} item(s)",
                Body = body.ToString(),
                CreatedAt = now,
            });
            var lastAlert = indexes.Count > 0 ? indexes.Max(i => alerts[i].Id) : lastSent.TryGetValue(recipient, out var before) ? before.LastAlertId : 0;
            db.Add(new SlaDigest { Recipient = recipient, SentAt = now, LastAlertId = lastAlert });
            await prevention.MarkDigestedAsync(lines.Select(l => l.AlertId), now, ct);
        }
        await db.SaveChangesAsync(ct);
        var people = byRecipient.Count + others.Keys.Count(k => !byRecipient.ContainsKey(k));
        LogDigests(log, people);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "SLA round done; {Count} people had alerts")]
    private static partial void LogDigests(ILogger logger, int count);
}

/// <summary>Runs the monitor every minute.</summary>
public sealed partial class SlaMonitorService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<SlaMonitorService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Sla:Monitor=false leaves the rounds to whoever calls SlaMonitor.RunOnceAsync (tests with a fake clock).
        if (!config.GetValue("Sla:Monitor", true))
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SlaMonitor>().RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SLA monitor round failed ({Error}); it runs again in a minute")]
    private static partial void LogFailed(ILogger logger, string error);
}
