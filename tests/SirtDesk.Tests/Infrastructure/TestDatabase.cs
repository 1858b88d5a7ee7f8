using Npgsql;

namespace SirtDesk.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs on: SIRTDESK_TEST_DB=sqlite (default) or postgres, with the server from
/// SIRTDESK_TEST_PG (test.sh starts a throwaway cluster). Each app instance gets its own database.
/// </summary>
public static class TestDatabase
{
    public static string Provider => Environment.GetEnvironmentVariable("SIRTDESK_TEST_DB") ?? "sqlite";

    public static bool IsPostgres => Provider == "postgres";

    /// <summary>Creates a fresh database and returns its connection string (null for SQLite: the data directory holds it).</summary>
    public static async Task<string?> CreateAsync()
    {
        if (!IsPostgres)
        {
            return null;
        }
        var admin = Environment.GetEnvironmentVariable("SIRTDESK_TEST_PG")
            ?? throw new InvalidOperationException("SIRTDESK_TEST_DB=postgres needs SIRTDESK_TEST_PG (test.sh sets it).");
        var name = "sirtdesk_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}
