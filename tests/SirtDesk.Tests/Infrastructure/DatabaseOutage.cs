using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SirtDesk.Tests.Infrastructure;

/// <summary>
/// Simulates a database that cannot be reached: while <see cref="Down"/> is set, opening any connection fails with
/// the provider's own exception type, as when the file cannot be opened or the server refuses the connection.
/// </summary>
public sealed class DatabaseOutage : DbConnectionInterceptor
{
    private volatile bool down;
    private int refused;

    public bool Down { get => down; set => down = value; }

    /// <summary>How many connection attempts were refused so far.</summary>
    public int Refused => Volatile.Read(ref refused);

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Refuse(connection);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Refuse(connection);
        return ValueTask.FromResult(result);
    }

    private void Refuse(DbConnection connection)
    {
        if (!down)
        {
            return;
        }
        Interlocked.Increment(ref refused);
        if (connection is Npgsql.NpgsqlConnection)
        {
            throw new Npgsql.NpgsqlException("Simulated outage: connection refused.", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        }
        throw new Microsoft.Data.Sqlite.SqliteException("Simulated outage: unable to open database file.", 14);
    }
}

/// <summary>
/// Simulates a bug that one particular message triggers every time: any query that carries
/// <see cref="MessageId"/> as a parameter fails (writes still work, so the message can be quarantined).
/// </summary>
public sealed class PoisonQueries(string messageId) : DbCommandInterceptor
{
    private int failed;

    public string MessageId { get; } = messageId;

    public int Failed => Volatile.Read(ref failed);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            && command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, MessageId)))
        {
            Interlocked.Increment(ref failed);
            throw new InvalidOperationException("Simulated bug triggered by one message.");
        }
        return ValueTask.FromResult(result);
    }
}
