using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;

// Load generator for issue 2 (bench/intake.sh). Subcommands:
//   sqlite-commit DIR [--seconds S]
//   get URL [--token T] [--concurrency N] [--seconds S] [--warmup W]
//   post-reports URL [--concurrency N] [--seconds S] [--warmup W]
//   seed URL --count N [--concurrency N]
//   count URL --token T            (prints the total of GET URL?page=1&pageSize=1)
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: SirtDesk.Load (sqlite-commit DIR | get URL | post-reports URL | seed URL --count N | count URL --token T) [options]");
    return 2;
}
var verb = args[0];
var target = args[1];
var options = ParseOptions(args.AsSpan(2));
var seconds = double.Parse(Option(options, "seconds", "10"), CultureInfo.InvariantCulture);
var warmup = double.Parse(Option(options, "warmup", "3"), CultureInfo.InvariantCulture);
var concurrency = int.Parse(Option(options, "concurrency", "64"), CultureInfo.InvariantCulture);
options.TryGetValue("token", out var token);

switch (verb)
{
    case "sqlite-commit":
        return SqliteCommit(target, seconds);
    case "get":
        return await LoadAsync(verb, target, null, token, concurrency, warmup, seconds);
    case "post-reports":
        return await LoadAsync(verb, target, ReportJson(0), token, concurrency, warmup, seconds);
    case "seed":
        return await SeedAsync(target, int.Parse(Option(options, "count", "10000"), CultureInfo.InvariantCulture), concurrency);
    case "count":
        return await CountAsync(target, token);
    default:
        Console.Error.WriteLine($"unknown subcommand {verb}");
        return 2;
}

static Dictionary<string, string> ParseOptions(ReadOnlySpan<string> rest)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < rest.Length; i += 2)
    {
        if (!rest[i].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"expected an option, got {rest[i]}");
        }
        result[rest[i][2..]] = rest[i + 1];
    }
    return result;
}

static string Option(Dictionary<string, string> options, string name, string fallback) =>
    options.TryGetValue(name, out var value) ? value : fallback;

// (b) One small row per transaction, WAL, synchronous=FULL: the durable commit rate of the disk.
static int SqliteCommit(string dir, double seconds)
{
    Directory.CreateDirectory(dir);
    var path = Path.Combine(dir, "commit.db");
    foreach (var f in new[] { path, path + "-wal", path + "-shm" })
    {
        File.Delete(f);
    }
    using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
    connection.Open();
    using (var setup = connection.CreateCommand())
    {
        setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);";
        setup.ExecuteNonQuery();
    }
    using (var check = connection.CreateCommand())
    {
        check.CommandText = "PRAGMA journal_mode";
        var mode = check.ExecuteScalar() as string;
        check.CommandText = "PRAGMA synchronous";
        var sync = Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (mode != "wal" || sync != 2)
        {
            Console.Error.WriteLine($"unexpected pragmas: journal_mode={mode} synchronous={sync}");
            return 1;
        }
    }
    using var insert = connection.CreateCommand();
    insert.CommandText = "INSERT INTO t(v) VALUES ($v)";
    var v = insert.Parameters.Add("$v", SqliteType.Text);
    insert.Prepare();
    long n = 0;
    var sw = Stopwatch.StartNew();
    var end = TimeSpan.FromSeconds(seconds);
    while (sw.Elapsed < end)
    {
        using var tx = connection.BeginTransaction();
        insert.Transaction = tx;
        v.Value = "row " + n.ToString(CultureInfo.InvariantCulture);
        insert.ExecuteNonQuery();
        tx.Commit();
        n++;
    }
    var elapsed = sw.Elapsed.TotalSeconds;
    Console.WriteLine(FormattableString.Invariant($"sqlite-commit: {n / elapsed:0} commits/s ({n} commits in {elapsed:0.0} s, WAL, synchronous=FULL, {path})"));
    return 0;
}

static HttpClient NewClient(int concurrency, string? token)
{
    var client = new HttpClient(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        PooledConnectionLifetime = TimeSpan.FromMinutes(30),
        UseCookies = false,
        AllowAutoRedirect = false,
    })
    { Timeout = TimeSpan.FromSeconds(30) };
    if (!string.IsNullOrEmpty(token))
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
    return client;
}

static async Task<int> LoadAsync(string verb, string url, string? body, string? token, int concurrency, double warmupSeconds, double seconds)
{
    using var client = NewClient(concurrency, token);
    var bytes = body is null ? null : Encoding.UTF8.GetBytes(body);
    var start = Stopwatch.GetTimestamp();
    var measureFrom = start + (long)(warmupSeconds * Stopwatch.Frequency);
    var measureTo = measureFrom + (long)(seconds * Stopwatch.Frequency);
    var perWorker = new List<long>[concurrency];
    var errors = new int[concurrency];
    var firstError = new string?[concurrency];

    async Task WorkerAsync(int w)
    {
        var latencies = perWorker[w] = new List<long>(1 << 16);
        while (true)
        {
            var t0 = Stopwatch.GetTimestamp();
            if (t0 >= measureTo)
            {
                return;
            }
            bool ok;
            string? error = null;
            try
            {
                using var request = new HttpRequestMessage(bytes is null ? HttpMethod.Get : HttpMethod.Post, url);
                if (bytes is not null)
                {
                    request.Content = new ByteArrayContent(bytes);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                }
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                ok = response.IsSuccessStatusCode;
                if (!ok)
                {
                    error = $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                }
            }
            catch (HttpRequestException e)
            {
                ok = false;
                error = e.Message;
            }
            catch (TaskCanceledException e)
            {
                ok = false;
                error = "timeout: " + e.Message;
            }
            var t1 = Stopwatch.GetTimestamp();
            if (t0 >= measureFrom)
            {
                if (ok)
                {
                    latencies.Add(t1 - t0);
                }
                else
                {
                    errors[w]++;
                    firstError[w] ??= error;
                }
            }
        }
    }

    var workers = new Task[concurrency];
    for (var w = 0; w < concurrency; w++)
    {
        var id = w;
        workers[w] = Task.Run(() => WorkerAsync(id));
    }
    await Task.WhenAll(workers);
    // Requests that started inside the window and finished after it count; the window is measured to the last one.
    var elapsed = Math.Max(seconds, (double)(Stopwatch.GetTimestamp() - measureFrom) / Stopwatch.Frequency);
    var all = perWorker.SelectMany(l => l).ToArray();
    Array.Sort(all);
    var errorCount = errors.Sum();
    double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
    double Pct(double p) => all.Length == 0 ? double.NaN : Ms(all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)]);
    Console.WriteLine(FormattableString.Invariant(
        $"{verb}: {all.Length / elapsed:0} req/s ({all.Length} ok in {elapsed:0.0} s, {concurrency} connections, {warmupSeconds:0} s warm-up), p50 {Pct(0.50):0.00} ms, p99 {Pct(0.99):0.00} ms, max {(all.Length == 0 ? double.NaN : Ms(all[^1])):0.00} ms, errors {errorCount}"));
    var sample = firstError.FirstOrDefault(e => e is not null);
    if (sample is not null)
    {
        Console.WriteLine("  first error: " + (sample.Length > 300 ? sample[..300] : sample));
    }
    return 0;
}

static async Task<int> SeedAsync(string url, int count, int concurrency)
{
    using var client = NewClient(concurrency, null);
    var next = -1;
    var failures = 0;
    var sw = Stopwatch.StartNew();
    async Task WorkerAsync()
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            for (var attempt = 0; ; attempt++)
            {
                using var content = new StringContent(ReportJson(i + 1), Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(url, content);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
                Interlocked.Increment(ref failures);
                if (attempt == 5)
                {
                    throw new InvalidOperationException($"seed: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }
    }
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
    Console.WriteLine(FormattableString.Invariant($"seed: {count} reports in {sw.Elapsed.TotalSeconds:0.0} s ({failures} retried)"));
    return 0;
}

static async Task<int> CountAsync(string url, string? token)
{
    using var client = NewClient(1, token);
    var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
    using var response = await client.GetAsync(new Uri($"{url}{separator}page=1&pageSize=1"));
    response.EnsureSuccessStatusCode();
    using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    Console.WriteLine(doc.RootElement.GetProperty("total").GetInt32().ToString(CultureInfo.InvariantCulture));
    return 0;
}

// About 2 kB of UTF-8: a Japanese/English vulnerability report as the public API takes it.
static string ReportJson(int i) => System.Text.Json.JsonSerializer.Serialize(new
{
    kind = "vulnerability",
    language = "ja",
    title = $"負荷試験の報告 {i}: ログイン画面のクロスサイトスクリプティング / reflected XSS on the login page",
    description = string.Concat(Enumerable.Repeat("検索欄に入力した文字列がエスケープされずに表示されます。The search box reflects input without escaping. ", 11)),
    product = "Kumogawa Groupware",
    productVersion = "5.2.1",
    stepsToReproduce = "1. ログイン 2. 検索欄に <script>alert(1)</script> を入力 / log in, then type the script into the search box",
    impact = "セッションの乗っ取り / session hijacking",
    reporter = new { name = "負荷 太郎", email = "load@example.org", organization = "Bench", credit = "anonymous" },
}, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
