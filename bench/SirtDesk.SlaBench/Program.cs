using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SirtDesk.Data;
using SirtDesk.Sla;

// Issue 4's figure: all SLA clocks and due times of N open cases (the dashboard query plus calendar math) on
// SQLite. Run by bench/sla.sh; HTTP load for issue 2 is bench/SirtDesk.Load (bench/intake.sh).
// The database is written by one process ("generate") and measured by another ("measure"), as a server reads data
// written long before: the writing JITs and warms up thousands of EF and migration methods, and their tier-up would
// otherwise still run on the two cores while the board is being measured.
return args switch
{
    ["generate", var dir, ..] => await GenerateAsync(dir, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000),
    ["measure", var dir] => await MeasureAsync(dir),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SirtDesk.SlaBench generate DIR [CASES] | measure DIR");
    return 64;
}

static DbContextOptions<SqliteSirtDb> Options(string dir) =>
    new DbContextOptionsBuilder<SqliteSirtDb>().UseSqlite($"Data Source={Path.Combine(dir, "sla-bench.db")}").Options;

// N open cases and their timeline in a SQLite file.
static async Task<int> GenerateAsync(string dir, int cases)
{
    Directory.CreateDirectory(dir);
    File.Delete(Path.Combine(dir, "sla-bench.db"));
    var options = Options(dir);
    await using (var db = new SqliteSirtDb(options))
    {
        // The cases and their timeline are written as before the SlaClockInputs migration; that migration's
        // backfill then fills the clock columns and pauses, as it does for an existing installation.
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_SlaClockInputs", StringComparison.Ordinal)) - 1]);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var conn = (SqliteConnection)db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var tx = conn.BeginTransaction();
        await using var insertCase = conn.CreateCommand();
        insertCase.Transaction = tx;
        insertCase.CommandText = """
            INSERT INTO "Cases" ("Id","Number","Team","Title","Kind","Status","OpenedAt","ClockStartedAt","Severity")
            VALUES ($id, $number, $team, $title, $kind, $status, $at, $at, $severity)
            """;
        var pId = insertCase.Parameters.Add("$id", SqliteType.Integer);
        var pNumber = insertCase.Parameters.Add("$number", SqliteType.Text);
        var pTeam = insertCase.Parameters.Add("$team", SqliteType.Text);
        var pTitle = insertCase.Parameters.Add("$title", SqliteType.Text);
        var pKind = insertCase.Parameters.Add("$kind", SqliteType.Text);
        var pStatus = insertCase.Parameters.Add("$status", SqliteType.Text);
        var pAt = insertCase.Parameters.Add("$at", SqliteType.Text);
        var pSeverity = insertCase.Parameters.Add("$severity", SqliteType.Text);
        await using var insertEvent = conn.CreateCommand();
        insertEvent.Transaction = tx;
        insertEvent.CommandText = """INSERT INTO "Timeline" ("CaseId","At","Actor","Action") VALUES ($case, $at, 'bench', $action)""";
        var eCase = insertEvent.Parameters.Add("$case", SqliteType.Integer);
        var eAt = insertEvent.Parameters.Add("$at", SqliteType.Text);
        var eAction = insertEvent.Parameters.Add("$action", SqliteType.Text);
        var start = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
        var severities = new[] { "Critical", "High", "Medium", "Low" };
        var rnd = new Random(42);
        for (var i = 1; i <= cases; i++)
        {
            // Each case's traits are drawn from the seeded generator, not from its id: the board splits the cases by id,
            // and real cases do not wait on reporters by the parity of their number.
            var at = start.AddMinutes(rnd.Next(0, 60 * 24 * 85));
            var (incident, severity, replied, triaged, waiting) = (rnd.Next(3) == 0, rnd.Next(4), rnd.Next(4) != 0, rnd.Next(2) == 0, rnd.Next(10) == 0);
            pId.Value = i;
            pNumber.Value = $"PSIRT-2026-{i:D6}";
            pTeam.Value = incident ? "csirt" : "psirt";
            pTitle.Value = "bench case " + i;
            pKind.Value = incident ? "incident" : "vulnerability";
            pStatus.Value = waiting ? "WaitingOnReporter" : "InProgress";
            pAt.Value = at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
            pSeverity.Value = severities[severity];
            await insertCase.ExecuteNonQueryAsync();
            // Most cases were answered and half were triaged; one in ten waits on the reporter (an open pause).
            void Event(string action, DateTimeOffset when)
            {
                eCase.Value = i;
                eAt.Value = when.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
                eAction.Value = action;
                insertEvent.ExecuteNonQuery();
            }
            if (replied)
            {
                Event("case.replied", at.AddHours(5));
            }
            if (triaged)
            {
                Event("case.rescored", at.AddHours(30));
            }
            if (waiting)
            {
                Event("case.paused", at.AddDays(2));
            }
        }
        await tx.CommitAsync();
    }
    await using (var db = new SqliteSirtDb(options))
    {
        var backfill = Stopwatch.StartNew();
        await db.Database.MigrateAsync();
        Console.WriteLine($"backfill (migration SlaClockInputs): {backfill.Elapsed.TotalMilliseconds:0} ms");
        // The server checkpoints its WAL every second (WalCheckpointer); so does the bench before measuring.
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
    }
    return 0;
}

// Issue 4: all SLA clocks and due times of the open cases (dashboard query + calendar math). The first call is cold
// (JIT, connections, SQLite's caches); then WARMUP calls as a running server has made (EF's query pipeline and the
// runtime's tiered compilation settle over the first few dozen requests), then RUNS measured calls.
static async Task<int> MeasureAsync(string dir)
{
    var options = Options(dir);
    var now = new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    var warmup = int.Parse(Environment.GetEnvironmentVariable("WARMUP") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
    var count = int.Parse(Environment.GetEnvironmentVariable("RUNS") ?? "20", System.Globalization.CultureInfo.InvariantCulture);
    Console.WriteLine($"gc: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {Environment.ProcessorCount} cores");
    var measured = new List<double>();
    var (cold, cases) = (0.0, 0);
    for (var run = -warmup - 1; run < count; run++)
    {
        await using var db = new SqliteSirtDb(options);
        var board = new SlaBoard(db, new SlaSettings(db, TimeProvider.System));
        var (cpu, gc, collections, allocated) = (Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.GetTotalAllocatedBytes(precise: true));
        var sw = Stopwatch.StartNew();
        var result = await board.ComputeAsync(db.Cases.Where(c => c.Status != SirtDesk.Cases.CaseStatus.Closed), now, CancellationToken.None);
        var urgent = result.Count(c => c.Next is { } n && n.UsedFraction >= 0.75);
        sw.Stop();
        (cases, cold) = (result.Count, run == -warmup - 1 ? sw.Elapsed.TotalMilliseconds : cold);
        if (run >= 0)
        {
            measured.Add(sw.Elapsed.TotalMilliseconds);
        }
        var label = run == -warmup - 1 ? "cold" : run < 0 ? $"warm-up {run + warmup + 1}" : $"run {run + 1}";
        Console.WriteLine($"{label}: {result.Count} cases, {result.Sum(c => c.Clocks.Count)} clocks, {urgent} due soon or breached: {sw.Elapsed.TotalMilliseconds:0} ms"
            + $" (cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms, {GC.CollectionCount(0) - collections} GCs pausing {(GC.GetTotalPauseDuration() - gc).TotalMilliseconds:0} ms, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:0} MB allocated)");
    }
    var sorted = measured.Order().ToList();
    Console.WriteLine($"sla: {cases} open cases, median of {sorted.Count} runs: {(sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2:0} ms"
        + $" (fastest {sorted[0]:0} ms, slowest {sorted[^1]:0} ms; cold first call {cold:0} ms, then {warmup} warm-up calls)");
    return 0;
}
