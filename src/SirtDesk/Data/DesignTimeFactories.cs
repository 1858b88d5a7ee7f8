using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SirtDesk.Data;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSirtDb>
{
    public SqliteSirtDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSirtDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSirtDb>
{
    public PostgresSirtDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSirtDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
