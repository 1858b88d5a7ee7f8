using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.Staff;

namespace SirtDesk.Disclosure;

/// <summary>
/// Reminds the assignee and the team's coordinators that an embargo is near (by default 7 days and 1 day before),
/// as one digest per person and round through the outbox. Each reminder of one embargo instant goes out once:
/// an <see cref="EmbargoReminder"/> row (unique per case, days and instant) records it. Moving the embargo starts over.
/// </summary>
public sealed partial class EmbargoReminders(SirtDb db, TimeProvider clock, ILogger<EmbargoReminders> log)
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!db.IsSqlite)
        {
            var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(4242002) AS \"Value\"").ToListAsync(ct);
            if (!locked[0])
            {
                return 0;
            }
        }
        var days = (await DisclosureDefaults.LoadAsync(db, ct)).ReminderDays.OrderByDescending(d => d).ToList();
        // Few cases have an embargo; SQLite cannot compare instants in SQL, so the window is checked here.
        var embargoed = await (from d in db.Set<CaseDisclosure>()
                               join c in db.Cases on d.CaseId equals c.Id
                               where d.EmbargoAt != null && c.Status != CaseStatus.Closed
                               select new { c.Id, c.Number, c.Title, c.Team, c.AssigneeId, At = d.EmbargoAt!.Value }).ToListAsync(ct);
        embargoed = [.. embargoed.Where(e => e.At > now && days.Count > 0 && e.At - TimeSpan.FromDays(days[0]) <= now)];
        if (embargoed.Count == 0)
        {
            return 0;
        }
        var ids = embargoed.Select(e => e.Id).ToList();
        var sent = (await db.Set<EmbargoReminder>().Where(r => ids.Contains(r.CaseId)).Select(r => new { r.CaseId, r.DaysBefore, r.EmbargoAt }).ToListAsync(ct))
            .Select(r => (r.CaseId, r.DaysBefore, r.EmbargoAt.ToUniversalTime())).ToHashSet();
        var due = new List<(long CaseId, string Number, string Title, string Team, string? AssigneeId, DateTimeOffset At, int Days)>();
        foreach (var e in embargoed)
        {
            // Every threshold passed is recorded; only the nearest one is mailed (a late start does not send "7 days" a day before).
            var passed = days.Where(d => e.At - TimeSpan.FromDays(d) <= now).ToList();
            var fresh = passed.Where(d => !sent.Contains((e.Id, d, e.At.ToUniversalTime()))).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }
            foreach (var d in fresh)
            {
                db.Add(new EmbargoReminder { CaseId = e.Id, DaysBefore = d, EmbargoAt = e.At.ToUniversalTime(), SentAt = now.ToUniversalTime() });
            }
            if (fresh.Contains(passed.Min()))
            {
                due.Add((e.Id, e.Number, e.Title, e.Team, e.AssigneeId, e.At, passed.Min()));
            }
        }
        if (due.Count > 0)
        {
            QueueDigests(due, await MonitorRecipients.ForAsync(db, [.. due.Select(d => (d.Team, d.AssigneeId))], ct), now);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        LogReminders(log, due.Count);
        return due.Count;
    }

    private void QueueDigests(List<(long CaseId, string Number, string Title, string Team, string? AssigneeId, DateTimeOffset At, int Days)> due,
        IReadOnlyList<IReadOnlyList<string>> recipients, DateTimeOffset now)
    {
        var byRecipient = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < due.Count; i++)
        {
            foreach (var r in recipients[i])
            {
                if (!byRecipient.TryGetValue(r, out var list))
                {
                    byRecipient[r] = list = [];
                }
                list.Add(i);
            }
        }
        foreach (var (recipient, indexes) in byRecipient)
        {
            var body = new StringBuilder();
            body.AppendLine("エンバーゴ(公開予定日時)が近づいています / Embargoes ending soon").AppendLine();
            foreach (var e in indexes.Select(i => due[i]))
            {
                var jst = TimeZoneInfo.ConvertTime(e.At, DisclosureFormats.Jst).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                var utc = e.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                body.AppendLine(CultureInfo.InvariantCulture, $"{e.Number}  {jst} JST ({utc} UTC)  {e.Days} 日前 / {e.Days} day(s) before  {e.Title}");
            }
            db.Outbox.Add(new OutboxMessage
            {
                Kind = "embargo-reminder",
                Recipient = recipient,
                Language = "ja",
                Subject = $"エンバーゴ: {indexes.Count} 件 / Embargo: {indexes.Count} case(s)",
                Body = body.ToString(),
                CreatedAt = now,
                CaseId = indexes.Count == 1 ? due[indexes[0]].CaseId : null,
                Team = indexes.Select(i => due[i].Team).Distinct().Count() == 1 ? due[indexes[0]].Team : null,
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Embargo round done; {Count} reminders due")]
    private static partial void LogReminders(ILogger logger, int count);
}

/// <summary>Runs the embargo reminders every minute (Disclosure:Monitor=false, or Sla:Monitor=false, turns it off for tests).</summary>
public sealed partial class EmbargoReminderService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<EmbargoReminderService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Disclosure:Monitor", config.GetValue("Sla:Monitor", true)))
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<EmbargoReminders>().RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embargo reminder round failed ({Error}); it runs again in a minute")]
    private static partial void LogFailed(ILogger logger, string error);
}
