using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using SirtDesk.Web;

namespace SirtDesk.Data;

public sealed class DatabaseOptions
{
    public string Provider { get; set; } = "sqlite";
    public string DataDir { get; set; } = "";
}

public static class DataModule
{
    public static void AddData(this WebApplicationBuilder builder, CommandLine cli)
    {
        // SIRTDESK_Section__Key environment variables override appsettings; the command line still wins.
        var sources = builder.Configuration.Sources;
        var commandLine = sources.Select((s, i) => (s, i)).LastOrDefault(x => x.s is Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource);
        var prefixed = new Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource { Prefix = "SIRTDESK_" };
        if (commandLine.s is null)
        {
            sources.Add(prefixed);
        }
        else
        {
            sources.Insert(commandLine.i, prefixed);
        }

        // Everything below is read when the services are built, not now, so that every configuration
        // source (including a test host's settings) is in place.
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection("Database"))
            .PostConfigure<IConfiguration>((o, config) => o.DataDir = Path.GetFullPath(
                cli.DataDir ?? config["SIRTDESK_DATA"] ?? Environment.GetEnvironmentVariable("SIRTDESK_DATA") ?? "data"))
            .Validate(o => o.Provider is "sqlite" or "postgres", "Database:Provider must be sqlite or postgres.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDbContext<SqliteSirtDb>((sp, o) =>
        {
            var connection = sp.GetRequiredService<IConfiguration>().GetConnectionString("SirtDesk");
            if (string.IsNullOrWhiteSpace(connection))
            {
                var dataDir = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataDir;
                connection = $"Data Source={Path.Combine(dataDir, "sirtdesk.db")};Pooling=True;Default Timeout=30";
            }
            o.UseSqlite(connection).AddInterceptors(SqliteConnectionPragmas.Instance);
        });
        builder.Services.AddDbContext<PostgresSirtDb>((sp, o) =>
        {
            var connection = sp.GetRequiredService<IConfiguration>().GetConnectionString("SirtDesk");
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider=postgres needs ConnectionStrings:SirtDesk.");
            }
            o.UseNpgsql(connection);
        });
        builder.Services.AddHostedService<WalCheckpointer>();
        builder.Services.AddScoped<SirtDb>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == "postgres"
            ? sp.GetRequiredService<PostgresSirtDb>()
            : sp.GetRequiredService<SqliteSirtDb>());
    }

    /// <summary>Creates the data directory and applies migrations; every verb that touches the database calls it.</summary>
    public static async Task PrepareDatabaseAsync(this IHost app, CancellationToken ct = default)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        Directory.CreateDirectory(options.DataDir);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        await db.Database.MigrateAsync(ct);
        if (db.IsSqlite)
        {
            // WAL persists in the file; synchronous=FULL does not and is set per connection by the interceptor.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}

/// <summary>
/// SQLite: copies the write-ahead log back into the database file every second (PASSIVE: never blocks writers
/// or readers), instead of letting whichever commit crosses 1,000 pages do it while a reporter waits.
/// </summary>
public sealed partial class WalCheckpointer(IServiceScopeFactory scopes, ILogger<WalCheckpointer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Housekeeping on the machine's clock, not the domain clock (a test's fake clock jumping days must not fire it per second).
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), TimeProvider.System);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
                if (!db.IsSqlite)
                {
                    return;
                }
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL checkpoint failed ({Error}); retried in a second")]
    private static partial void LogFailed(ILogger logger, string error);
}

public static partial class DatabaseStartup
{
    /// <summary>
    /// The server starts even when the database is not reachable yet: /healthz answers 503 and intake answers
    /// 503 (no receipt) until a retry every few seconds has migrated it; then <paramref name="whenReady"/> runs.
    /// </summary>
    public static async Task PrepareDatabaseOrRetryAsync(this WebApplication app, Func<Task> whenReady)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SirtDesk.Data");
        if (await TryPrepareAsync(app, log))
        {
            await whenReady();
            return;
        }
        var stopping = app.Lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), app.Services.GetRequiredService<TimeProvider>(), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                if (!stopping.IsCancellationRequested && await TryPrepareAsync(app, log))
                {
                    await whenReady();
                    return;
                }
            }
        }, stopping);
    }

    private static async Task<bool> TryPrepareAsync(WebApplication app, ILogger log)
    {
        try
        {
            await app.PrepareDatabaseAsync(app.Lifetime.ApplicationStopping);
            return true;
        }
        catch (Exception e) when (WebModule.IsDatabaseUnavailable(e) || e is IOException or UnauthorizedAccessException)
        {
            LogUnavailable(log, e.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is not available ({Error}); retrying in 5 seconds. /healthz answers 503 meanwhile.")]
    private static partial void LogUnavailable(ILogger logger, string error);
}

/// <summary>Every SQLite connection: FULL fsync on commit (durable receipts), a busy timeout, foreign keys.</summary>
internal sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    public static readonly SqliteConnectionPragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    // Pooled opens reuse the physical connection, which keeps its pragmas: set them once per physical connection.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Prepared = [];

    /// <summary>Sets the pragmas once per physical connection (also for connections opened outside EF, e.g. by the SLA board).</summary>
    internal static void Apply(DbConnection connection)
    {
        var handle = (connection as Microsoft.Data.Sqlite.SqliteConnection)?.Handle;
        if (handle is not null && Prepared.TryGetValue(handle, out _))
        {
            return;
        }
        using var cmd = connection.CreateCommand();
        // wal_autocheckpoint=0: no commit pays for a checkpoint; WalCheckpointer does them in the background.
        cmd.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=0;";
        cmd.ExecuteNonQuery();
        if (handle is not null)
        {
            Prepared.AddOrUpdate(handle, handle);
        }
    }
}
