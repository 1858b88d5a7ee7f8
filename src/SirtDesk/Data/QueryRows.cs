using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace SirtDesk.Data;

/// <summary>
/// The rows of an EF query, read column by column without EF's materializer, for lists of many thousand rows (the
/// SLA board reads every open case). On SQLite they come straight from SQLite's statement through SQLitePCL, the
/// library under Microsoft.Data.Sqlite: SqliteDataReader costs about twice as much per column, and instants are
/// parsed from their text without making a string first. Elsewhere they come from the provider's DbDataReader.
/// Columns are found by name, so the query's projection says what there is; values read as EF reads them.
/// </summary>
public abstract class QueryRows : IAsyncDisposable
{
    private readonly Func<ValueTask> release;
    private readonly Dictionary<string, int> columns = new(StringComparer.Ordinal);

    private QueryRows(Func<ValueTask> release, IEnumerable<string> names)
    {
        this.release = release;
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            columns.TryAdd(name, i);
        }
    }

    public static async Task<QueryRows> OpenAsync(SirtDb db, IQueryable query, CancellationToken ct)
    {
        var command = query.CreateDbCommand(); // with EF's connection and current transaction
        await db.Database.OpenConnectionAsync(ct);
        var release = () => new ValueTask(db.Database.CloseConnectionAsync());
        try
        {
            if (command.Connection is SqliteConnection sqlite && SqliteRows.CanBind(command.Parameters))
            {
                await using var _ = command;
                return await SqliteRows.OpenAsync(sqlite, command.CommandText, Parameters(command), command.CommandTimeout, release, ct);
            }
            var reader = await command.ExecuteReaderAsync(ct);
            return new ReaderRows(release, command, reader);
        }
        catch
        {
            await command.DisposeAsync();
            await release();
            throw;
        }
    }

    /// <summary>
    /// The query, ready to be read on a connection of its own to the same SQLite database file, so that parts of a long
    /// list can be read on several cores at once. Null when that cannot be: another provider, an in-memory database, or
    /// a transaction open on EF's connection (another connection would not see its writes). The command is made here,
    /// on the caller's thread (a DbContext serves one thread at a time); the returned function may run on any thread.
    /// </summary>
    public static Func<CancellationToken, Task<QueryRows>>? OnOwnConnection(SirtDb db, IQueryable query)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection connection || db.Database.CurrentTransaction is not null)
        {
            return null;
        }
        var file = new SqliteConnectionStringBuilder(connection.ConnectionString);
        if (file.Mode == SqliteOpenMode.Memory || file.DataSource is "" or ":memory:")
        {
            return null;
        }
        using var command = query.CreateDbCommand();
        if (!SqliteRows.CanBind(command.Parameters))
        {
            return null;
        }
        var (sql, parameters, timeout, connectionString) = (command.CommandText, Parameters(command), command.CommandTimeout, connection.ConnectionString);
        return async ct =>
        {
            var own = new SqliteConnection(connectionString);
            try
            {
                await own.OpenAsync(ct);
                SqliteConnectionPragmas.Apply(own); // as EF's connections have them
                return await SqliteRows.OpenAsync(own, sql, parameters, timeout, own.DisposeAsync, ct);
            }
            catch
            {
                await own.DisposeAsync();
                throw;
            }
        };
    }

    private static (string Name, object? Value)[] Parameters(DbCommand command) =>
        [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))];

    /// <summary>The position of a column of the projection.</summary>
    /// <exception cref="InvalidOperationException">The query has no such column.</exception>
    public int Column(string name) =>
        columns.TryGetValue(name, out var i) ? i : throw new InvalidOperationException($"The query has no column {name}.");

    public abstract ValueTask<bool> ReadAsync(CancellationToken ct);

    public abstract long Int64(int column);

    public abstract string? Text(int column);

    /// <summary>Text that repeats from row to row (a team, a status): equal values are one string.</summary>
    public abstract string? Label(int column);

    public abstract DateTimeOffset? Instant(int column);

    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync();
        await release();
        GC.SuppressFinalize(this);
    }

    protected abstract ValueTask DisposeCoreAsync();

    /// <summary>Reads the text EF writes for a DateTimeOffset on SQLite ("2026-11-25 09:00:00.1234567+09:00"), as EF does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DateTimeOffset ParseSqliteInstant(ReadOnlySpan<byte> text)
    {
        // The usual shape in place; anything else as Microsoft.Data.Sqlite reads it (DateTimeOffset.Parse).
        if (text.Length >= 25 && text[4] == '-' && text[7] == '-' && text[10] == ' ' && text[13] == ':' && text[16] == ':'
            && Digits(text, 0, 4, out var year) && Digits(text, 5, 2, out var month) && Digits(text, 8, 2, out var day)
            && Digits(text, 11, 2, out var hour) && Digits(text, 14, 2, out var minute) && Digits(text, 17, 2, out var second))
        {
            var i = 19;
            var fraction = 0;
            if (text[i] == '.')
            {
                var digits = 0;
                for (i++; i < text.Length && char.IsAsciiDigit((char)text[i]) && digits < 7; i++, digits++)
                {
                    fraction = (fraction * 10) + (text[i] - '0');
                }
                for (var d = digits; d < 7; d++)
                {
                    fraction *= 10;
                }
                if (digits == 0)
                {
                    i = -1;
                }
            }
            if (i > 0 && text.Length == i + 6 && text[i] is (byte)'+' or (byte)'-' && text[i + 3] == ':'
                && Digits(text, i + 1, 2, out var offsetHours) && Digits(text, i + 4, 2, out var offsetMinutes)
                && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(year, 1), month)
                && hour < 24 && minute < 60 && second < 60 && year >= 1 && offsetHours < 15 && offsetMinutes < 60)
            {
                var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
                var local = new DateTime(year, month, day, hour, minute, second).AddTicks(fraction);
                return new DateTimeOffset(local, text[i] == '-' ? -offset : offset);
            }
        }
        return DateTimeOffset.Parse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit((char)text[i]))
            {
                return false;
            }
            value = (value * 10) + (text[i] - '0');
        }
        return true;
    }

    private sealed class ReaderRows(Func<ValueTask> release, DbCommand command, DbDataReader reader)
        : QueryRows(release, Enumerable.Range(0, reader.FieldCount).Select(reader.GetName))
    {
        public override async ValueTask<bool> ReadAsync(CancellationToken ct) => await reader.ReadAsync(ct);

        public override long Int64(int column) => reader.GetInt64(column);

        public override string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

        public override string? Label(int column) => Text(column);

        public override DateTimeOffset? Instant(int column) => reader.IsDBNull(column) ? null : reader.GetFieldValue<DateTimeOffset>(column);

        protected override async ValueTask DisposeCoreAsync()
        {
            await reader.DisposeAsync();
            await command.DisposeAsync();
        }
    }

    private sealed class SqliteRows : QueryRows
    {
        private readonly sqlite3 connection;
        private readonly sqlite3_stmt statement;
        private readonly List<(byte[] Utf8, string Text)> labels = [];
        private int? firstStep;
        private bool done;

        private SqliteRows(Func<ValueTask> release, sqlite3 connection, sqlite3_stmt statement)
            : base(release, Enumerable.Range(0, raw.sqlite3_column_count(statement)).Select(i => raw.sqlite3_column_name(statement, i).utf8_to_string()))
        {
            this.connection = connection;
            this.statement = statement;
        }

        public static bool CanBind(DbParameterCollection parameters) =>
            parameters.Cast<DbParameter>().All(p => p.Value is null or DBNull or string or long or int or short or byte or bool or double or float or byte[]);

        public static async Task<SqliteRows> OpenAsync(
            SqliteConnection connection, string sql, (string Name, object? Value)[] parameters, int timeout, Func<ValueTask> release, CancellationToken ct)
        {
            var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement);
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            try
            {
                foreach (var (name, value) in parameters)
                {
                    Bind(statement, name, value);
                }
                // The first step waits out a lock held elsewhere, as SqliteCommand does, for up to the command timeout.
                var waited = Stopwatch.StartNew();
                while ((rc = raw.sqlite3_step(statement)) is raw.SQLITE_BUSY or raw.SQLITE_LOCKED
                       && (timeout == 0 || waited.Elapsed < TimeSpan.FromSeconds(timeout)))
                {
                    raw.sqlite3_reset(statement);
                    await Task.Delay(150, ct);
                }
                return new SqliteRows(release, connection.Handle!, statement) { firstStep = rc };
            }
            catch
            {
                statement.Dispose();
                throw;
            }
        }

        private static void Bind(sqlite3_stmt statement, string name, object? value)
        {
            var index = raw.sqlite3_bind_parameter_index(statement, name);
            foreach (var prefix in new[] { "@", "$", ":" })
            {
                if (index == 0)
                {
                    index = raw.sqlite3_bind_parameter_index(statement, prefix + name);
                }
            }
            if (index == 0)
            {
                return; // a parameter the SQL does not use
            }
            var rc = value switch
            {
                null or DBNull => raw.sqlite3_bind_null(statement, index),
                string s => raw.sqlite3_bind_text(statement, index, s),
                long l => raw.sqlite3_bind_int64(statement, index, l),
                int n => raw.sqlite3_bind_int64(statement, index, n),
                short n => raw.sqlite3_bind_int64(statement, index, n),
                byte n => raw.sqlite3_bind_int64(statement, index, n),
                bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
                double d => raw.sqlite3_bind_double(statement, index, d),
                float f => raw.sqlite3_bind_double(statement, index, f),
                byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
                _ => throw new NotSupportedException($"Parameter {name}: {value.GetType().Name}"),
            };
            if (rc != raw.SQLITE_OK)
            {
                throw new InvalidOperationException($"Could not bind parameter {name} (SQLite error {rc}).");
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override ValueTask<bool> ReadAsync(CancellationToken ct)
        {
            if (done)
            {
                return ValueTask.FromResult(false);
            }
            var rc = firstStep ?? raw.sqlite3_step(statement);
            firstStep = null;
            if (rc is not (raw.SQLITE_ROW or raw.SQLITE_DONE))
            {
                SqliteException.ThrowExceptionForRC(rc, connection);
            }
            done = rc == raw.SQLITE_DONE;
            return ValueTask.FromResult(!done);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override long Int64(int column) => Native.ColumnInt64(statement.DangerousGetHandle(), column);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override string? Text(int column)
        {
            var utf8 = Column(column, out var isNull);
            return isNull ? null : Encoding.UTF8.GetString(utf8);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override string? Label(int column)
        {
            var utf8 = Column(column, out var isNull, terminated: true);
            if (isNull)
            {
                return null;
            }
            foreach (var (known, text) in labels)
            {
                if (utf8.SequenceEqual(known))
                {
                    return text;
                }
            }
            var added = Encoding.UTF8.GetString(utf8);
            if (labels.Count < 64)
            {
                labels.Add((utf8.ToArray(), added));
            }
            return added;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override DateTimeOffset? Instant(int column)
        {
            var utf8 = Column(column, out var isNull, terminated: true);
            return isNull ? null : ParseSqliteInstant(utf8);
        }

        /// <summary>
        /// A column of the current row as UTF-8 text, valid until the next step. SQLite's own functions are called
        /// directly (<see cref="Native"/>): through SQLitePCL each of the board's 3 million column reads per 100,000
        /// cases cost a managed-to-native transition and a handle reference count. Text that the application wrote
        /// itself (labels, instants) is measured up to its terminating zero instead of by one more call; text that
        /// came from outside may hold a zero byte, so its length comes from SQLite.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private unsafe ReadOnlySpan<byte> Column(int column, out bool isNull, bool terminated = false)
        {
            var handle = statement.DangerousGetHandle();
            var text = Native.ColumnText(handle, column);
            if (text == 0)
            {
                isNull = Native.ColumnType(handle, column) == raw.SQLITE_NULL;
                return [];
            }
            isNull = false;
            return terminated
                ? MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)text)
                : new ReadOnlySpan<byte>((void*)text, Native.ColumnBytes(handle, column)); // after the text (SQLite's documentation)
        }

        protected override ValueTask DisposeCoreAsync()
        {
            statement.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// The column functions of the SQLite library that Microsoft.Data.Sqlite loads (e_sqlite3). They only read the current
    /// row of a statement that one thread owns, never block or call back, so they run without a GC transition.
    /// </summary>
    private static class Native
    {
        [DllImport("e_sqlite3", EntryPoint = "sqlite3_column_text"), SuppressGCTransition]
        public static extern nint ColumnText(nint statement, int column);

        [DllImport("e_sqlite3", EntryPoint = "sqlite3_column_bytes"), SuppressGCTransition]
        public static extern int ColumnBytes(nint statement, int column);

        [DllImport("e_sqlite3", EntryPoint = "sqlite3_column_type"), SuppressGCTransition]
        public static extern int ColumnType(nint statement, int column);

        [DllImport("e_sqlite3", EntryPoint = "sqlite3_column_int64"), SuppressGCTransition]
        public static extern long ColumnInt64(nint statement, int column);
    }
}
