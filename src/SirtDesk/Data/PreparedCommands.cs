using System.Data.Common;

namespace SirtDesk.Data;

/// <summary>
/// Prepared ADO.NET commands for the bulk writers (intake, OSV import, finding matcher), where EF change tracking
/// cost too much per row. Parameters are positional, <c>@p0</c>, <c>@p1</c> …, which SQLite and Npgsql both take;
/// names of tables and columns are the code's own, never input.
/// </summary>
internal static class PreparedCommands
{
    /// <summary><c>INSERT INTO "table" ("c0", …) VALUES (@p0, …)</c>, with <c>RETURNING "Id"</c> when asked.</summary>
    public static DbCommand Insert(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, bool returningId = false)
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select((_, i) => "@p" + i));
        return Create(connection, transaction, $"INSERT INTO \"{table}\" ({names}) VALUES ({values})" + (returningId ? " RETURNING \"Id\"" : ""), columns.Count);
    }

    /// <summary>A command on <paramref name="sql"/> with the parameters <c>@p0</c> … <c>@p(n-1)</c>.</summary>
    public static DbCommand Create(DbConnection connection, DbTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i;
            command.Parameters.Add(p);
        }
        return command;
    }

    /// <summary>Sets the parameters in order; null is stored as SQL NULL.</summary>
    public static void Bind(this DbCommand command, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
