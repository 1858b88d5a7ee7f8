using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Sla;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Sla;

/// <summary>
/// The SlaClockInputs migration fills the clock columns and pauses of existing cases from their timeline; on this
/// run's database the board must then give what the timeline gave, for histories the operations would never
/// write too (a pause while paused, a resume while running, several replies, entries out of time order).
/// </summary>
public sealed class SlaBackfillTests : IAsyncLifetime
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "sirtdesk-tests", Guid.NewGuid().ToString("N"));
    private SirtDb db = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dir);
        db = await TestDatabase.CreateAsync() is { } postgres
            ? new PostgresSirtDb(new DbContextOptionsBuilder<PostgresSirtDb>().UseNpgsql(postgres).Options)
            : new SqliteSirtDb(new DbContextOptionsBuilder<SqliteSirtDb>().UseSqlite($"Data Source={Path.Combine(dir, "backfill.db")}").Options);
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Migrated_cases_have_exactly_the_clocks_their_timeline_gave()
    {
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_SlaClockInputs", StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(before);

        var random = new Random(20261126);
        string[] actions = ["case.replied", "case.rescored", "case.closed", "case.disclosed", "case.paused", "case.resumed", "case.paused", "case.resumed", "case.status", "case.assigned"];
        string[] severities = ["Critical", "High", "Medium", "Low"];
        TimeSpan[] offsets = db.IsSqlite ? [TimeSpan.Zero, TimeSpan.FromHours(9), TimeSpan.FromHours(-5)] : [TimeSpan.Zero];
        DateTimeOffset At(DateTimeOffset t) => t.ToOffset(offsets[random.Next(offsets.Length)]);
        var origin = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            for (var id = 1L; id <= 150; id++)
            {
                var started = At(origin.AddMinutes(random.Next(0, 60 * 24 * 50)).AddTicks(random.Next(0, 10_000_000)));
                var kind = id % 3 == 0 ? "incident" : "vulnerability";
                var severity = random.Next(5) == 0 ? null : severities[random.Next(severities.Length)];
                var status = id % 7 == 0 ? "Closed" : id % 5 == 0 ? "WaitingOnVendor" : "InProgress";
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "Cases" ("Id", "Number", "Team", "Title", "Kind", "Status", "OpenedAt", "ClockStartedAt", "Severity")
                    VALUES ({id}, {"BF-" + id}, {(kind == "incident" ? "csirt" : "psirt")}, {"backfill " + id}, {kind}, {status}, {started}, {started}, {severity})
                    """);
                var at = started;
                for (var n = random.Next(0, 12); n > 0; n--)
                {
                    // Mostly forward in time; now and then an entry stamped earlier than the one before it.
                    at = At(at.AddMinutes(random.Next(-600, 60 * 30)));
                    var action = actions[random.Next(actions.Length)];
                    await db.Database.ExecuteSqlAsync($"""INSERT INTO "Timeline" ("CaseId", "At", "Actor", "Action") VALUES ({id}, {at}, 'test', {action})""");
                }
            }
            // Entries of no case and of a case that does not exist are not clock events of any case.
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "Timeline" ("CaseId", "At", "Actor", "Action") VALUES (NULL, {origin}, 'test', 'case.paused')""");
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "Timeline" ("CaseId", "At", "Actor", "Action") VALUES (999, {origin}, 'test', 'case.replied')""");
            await tx.CommitAsync();
        }

        await db.Database.MigrateAsync();

        var settings = new SlaSettings(db, TimeProvider.System);
        var board = new SlaBoard(db, settings);
        foreach (var now in new[] { origin.AddDays(20), origin.AddDays(75), origin.AddDays(400) })
        {
            foreach (var query in new[] { db.Cases, db.Cases.Where(c => c.Status != CaseStatus.Closed) })
            {
                var expected = await ReferenceClocks.BoardAsync(db, settings, query, now);
                var actual = await board.ComputeAsync(query, now, CancellationToken.None);
                Assert.Equal(ReferenceClocks.Describe(expected.OrderBy(c => c.CaseId)), ReferenceClocks.Describe(actual.OrderBy(c => c.CaseId)));
            }
        }
        Assert.True(await db.CasePauses.CountAsync(p => p.ResumedAt == null) > 3);
        Assert.True(await db.Cases.CountAsync(c => c.RemediatedAt != null && c.DisclosedAt != null) > 3);
    }
}
