using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;

namespace SirtDesk.Intake;

/// <summary>
/// SQLite only: adds newly committed reports to the FTS5 trigram index shortly after their commit, so that
/// indexing is not part of the intake transaction. Until a report is indexed, search finds it with LIKE
/// (see <see cref="ReportSearch"/>), so nothing is ever missing from results. PostgreSQL maintains its
/// pg_trgm indexes itself.
/// </summary>
public sealed partial class SearchIndexer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SearchIndexer> log) : BackgroundService
{
    public const string CounterKey = "search-indexed";
    private readonly SemaphoreSlim wake = new(0);
    private DateTimeOffset lastNudge;

    private bool Busy => clock.GetUtcNow() - lastNudge < TimeSpan.FromMilliseconds(250);

    /// <summary>Called after reports were committed.</summary>
    public void Nudge()
    {
        lastNudge = clock.GetUtcNow();
        if (wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await wake.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            // Let a burst of commits gather so they are indexed in one transaction.
            await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            try
            {
                // Intake comes first: while reports keep arriving, wait (up to 30 s of continuous load, so the
                // index never falls far behind); then index in small steps. Search covers the gap with LIKE.
                var waitedSince = clock.GetUtcNow();
                while (Busy && clock.GetUtcNow() - waitedSince < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken);
                }
                while (await IndexNextAsync(stoppingToken) > 0)
                {
                    if (Busy)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e.GetType().Name);
            }
        }
    }

    /// <summary>
    /// Indexes up to 100 reports after the last indexed one; returns how many. Small steps keep each write
    /// transaction short, so intake never waits long behind the indexer.
    /// </summary>
    public async Task<int> IndexNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        if (!db.IsSqlite)
        {
            return 0;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var last = await db.Counters.Where(c => c.Key == CounterKey).Select(c => c.Value).FirstOrDefaultAsync(ct);
        var upTo = await db.Reports.Where(r => r.Id > last).OrderBy(r => r.Id).Take(100).Select(r => (long?)r.Id).MaxAsync(ct);
        if (upTo is null)
        {
            return 0;
        }
        var count = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "ReportsFts"(rowid, "Title", "Description", "Product") SELECT "Id", "Title", "Description", "Product" FROM "Reports" WHERE "Id" > {last} AND "Id" <= {upTo}""", ct);
        await db.Database.ExecuteSqlAsync($"""UPDATE "Counters" SET "Value" = {upTo} WHERE "Key" = {CounterKey}""", ct);
        await tx.CommitAsync(ct);
        return count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search indexing failed ({Error}); it is retried")]
    private static partial void LogFailed(ILogger logger, string error);
}
