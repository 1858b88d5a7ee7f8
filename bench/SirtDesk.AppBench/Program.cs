using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.Sla;

// Load and timing tools for bench/intake.sh and bench/sla.sh. Run from a second process, on loopback.
return args.FirstOrDefault() switch
{
    "sqlite-commit" => SqliteCommit(args[1], Seconds(args, 2)),
    "get" => await LoadAsync(args[1], Seconds(args, 2), int.Parse(args[3]), args.Length > 4 ? args[4] : null, post: false),
    "post-reports" => await LoadAsync(args[1], Seconds(args, 2), int.Parse(args[3]), null, post: true),
    "seed-reports" => await SeedReportsAsync(args[1], int.Parse(args[2])),
    "sla" => await SlaAsync(args[1], args.Length > 2 ? int.Parse(args[2]) : 100_000),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: sqlite-commit DIR SECONDS | get URL SECONDS CONCURRENCY [TOKEN] | post-reports URL SECONDS CONCURRENCY | seed-reports BASEURL COUNT | sla DIR [CASES]");
    return 64;
}

static TimeSpan Seconds(string[] args, int i) => TimeSpan.FromSeconds(double.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture));

// (b) One small row per transaction, WAL, synchronous=FULL: the durable commit rate of this disk.
static int SqliteCommit(string dir, TimeSpan duration)
{
    Directory.CreateDirectory(dir);
    var path = Path.Combine(dir, "commit-rate.db");
    File.Delete(path);
    using var conn = new SqliteConnection($"Data Source={path}");
    conn.Open();
    using (var setup = conn.CreateCommand())
    {
        setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);";
        setup.ExecuteNonQuery();
    }
    using var insert = conn.CreateCommand();
    insert.CommandText = "INSERT INTO t(v) VALUES ($v)";
    var v = insert.Parameters.Add("$v", SqliteType.Text);
    var sw = Stopwatch.StartNew();
    var n = 0;
    while (sw.Elapsed < duration)
    {
        using var tx = conn.BeginTransaction();
        insert.Transaction = tx;
        v.Value = "row " + n;
        insert.ExecuteNonQuery();
        tx.Commit();
        n++;
    }
    Console.WriteLine($"sqlite-commit: {n / sw.Elapsed.TotalSeconds:0} commits/s ({n} in {sw.Elapsed.TotalSeconds:0.0} s)");
    return 0;
}

static string ReportJson(int i) => System.Text.Json.JsonSerializer.Serialize(new
{
    kind = "vulnerability",
    language = "ja",
    title = $"負荷試験の報告 {i}: ログイン画面のクロスサイトスクリプティング",
    description = string.Concat(Enumerable.Repeat("検索欄に入力した文字列がエスケープされずに表示されます。The search box reflects input without escaping. ", 14)),
    product = "Kumogawa Groupware",
    productVersion = "5.2.1",
    stepsToReproduce = "1. ログイン 2. 検索欄に <script>alert(1)</script> を入力",
    impact = "セッションの乗っ取り / session hijacking",
    reporter = new { name = "負荷 太郎", email = "load@example.org", organization = "Bench", credit = "anonymous" },
});

static async Task<int> LoadAsync(string url, TimeSpan duration, int concurrency, string? token, bool post)
{
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
    if (token is not null)
    {
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
    }
    var warmup = Stopwatch.StartNew();
    var body = post ? ReportJson(1) : null;
    async Task<bool> OneAsync()
    {
        using var response = post
            ? await client.PostAsync(url, new StringContent(body!, System.Text.Encoding.UTF8, "application/json"))
            : await client.GetAsync(url);
        await response.Content.CopyToAsync(Stream.Null);
        return response.IsSuccessStatusCode;
    }
    // Warm-up (JIT, connection pool, SQLite cache).
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ => { while (warmup.Elapsed < TimeSpan.FromSeconds(3)) { await OneAsync(); } }));

    var latencies = new List<double>[concurrency];
    var errors = 0;
    var sw = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
    {
        var mine = latencies[w] = new List<double>(100_000);
        while (sw.Elapsed < duration)
        {
            var t = Stopwatch.GetTimestamp();
            bool ok;
            try
            {
                ok = await OneAsync();
            }
            catch (HttpRequestException)
            {
                ok = false;
            }
            mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (!ok)
            {
                Interlocked.Increment(ref errors);
            }
        }
    }));
    var all = latencies.SelectMany(l => l).Order().ToList();
    double P(double p) => all[Math.Clamp((int)Math.Ceiling(p * all.Count) - 1, 0, all.Count - 1)];
    Console.WriteLine($"{(post ? "POST" : "GET")} {url}: {all.Count / sw.Elapsed.TotalSeconds:0} req/s, p50 {P(0.5):0.0} ms, p99 {P(0.99):0.0} ms, errors {errors} ({all.Count} requests, {concurrency} connections, {sw.Elapsed.TotalSeconds:0} s)");
    return errors == 0 ? 0 : 1;
}

static async Task<int> SeedReportsAsync(string baseUrl, int count)
{
    using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
    var done = 0;
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
    {
        using var r = await client.PostAsync("/api/v1/reports", new StringContent(ReportJson(i), System.Text.Encoding.UTF8, "application/json"), ct);
        r.EnsureSuccessStatusCode();
        Interlocked.Increment(ref done);
    });
    Console.WriteLine($"seeded {done} reports");
    return 0;
}

// Issue 4: all SLA clocks and due times of N open cases (dashboard query + calendar math) on SQLite.
static async Task<int> SlaAsync(string dir, int cases)
{
    Directory.CreateDirectory(dir);
    var path = Path.Combine(dir, "sla-bench.db");
    File.Delete(path);
    var options = new DbContextOptionsBuilder<SqliteSirtDb>().UseSqlite($"Data Source={path}").Options;
    await using (var db = new SqliteSirtDb(options))
    {
        await db.Database.MigrateAsync();
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
            var at = start.AddMinutes(rnd.Next(0, 60 * 24 * 85));
            pId.Value = i;
            pNumber.Value = $"PSIRT-2026-{i:D6}";
            pTeam.Value = i % 3 == 0 ? "csirt" : "psirt";
            pTitle.Value = "bench case " + i;
            pKind.Value = i % 3 == 0 ? "incident" : "vulnerability";
            pStatus.Value = i % 10 == 0 ? "WaitingOnReporter" : "InProgress";
            pAt.Value = at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
            pSeverity.Value = severities[i % 4];
            await insertCase.ExecuteNonQueryAsync();
            // Most cases were answered and triaged; one in ten waits on the reporter (an open pause).
            void Event(string action, DateTimeOffset when)
            {
                eCase.Value = i;
                eAt.Value = when.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
                eAction.Value = action;
                insertEvent.ExecuteNonQuery();
            }
            if (i % 4 != 0)
            {
                Event("case.replied", at.AddHours(5));
            }
            if (i % 2 == 0)
            {
                Event("case.rescored", at.AddHours(30));
            }
            if (i % 10 == 0)
            {
                Event("case.paused", at.AddDays(2));
            }
        }
        await tx.CommitAsync();
    }
    var now = new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    if (Environment.GetEnvironmentVariable("SLA_PROBE") == "1")
    {
        await using var db = new SqliteSirtDb(options);
        var sw1 = Stopwatch.StartNew();
        var rows = await db.Cases.AsNoTracking().Select(c => new { c.Id, c.Number, c.Team, c.Title, c.Kind, c.Severity, c.Status, c.AssigneeId, c.ClockStartedAt }).ToListAsync();
        Console.WriteLine($"cases query: {sw1.ElapsedMilliseconds} ms");
        sw1.Restart();
        var ev = await db.Timeline.AsNoTracking().Select(t => new { t.CaseId, t.Action, t.At }).ToListAsync();
        Console.WriteLine($"events query ({ev.Count}): {sw1.ElapsedMilliseconds} ms");
        sw1.Restart();
        var cal = SirtDesk.Standards.Calendar.BusinessCalendar.DefaultJapan;
        var total = TimeSpan.Zero;
        foreach (var r in rows)
        {
            total += cal.Between(r.ClockStartedAt, now);
        }
        Console.WriteLine($"100k Between(start, now): {sw1.ElapsedMilliseconds} ms");
    }
    var runs = new List<double>();
    for (var run = 0; run < 6; run++)
    {
        await using var db = new SqliteSirtDb(options);
        var board = new SlaBoard(db, new SlaSettings(db, TimeProvider.System));
        var sw = Stopwatch.StartNew();
        var result = await board.ComputeAsync(db.Cases.Where(c => c.Status != SirtDesk.Cases.CaseStatus.Closed), now, CancellationToken.None);
        var urgent = result.Count(c => c.Next is { } n && n.UsedFraction >= 0.75);
        sw.Stop();
        runs.Add(sw.Elapsed.TotalMilliseconds);
        Console.WriteLine($"run {run}: {result.Count} cases, {result.Sum(c => c.Clocks.Count)} clocks, {urgent} due soon or breached: {sw.Elapsed.TotalMilliseconds:0} ms");
    }
    Console.WriteLine($"sla: {cases} open cases, median of runs 1-5: {runs.Skip(1).Order().ElementAt(2):0} ms (first run, cold: {runs[0]:0} ms)");
    return 0;
}
