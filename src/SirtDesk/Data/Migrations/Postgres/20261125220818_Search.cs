using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SirtDesk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // pg_trgm GIN indexes serve ILIKE '%term%' for Japanese and English alike.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("""CREATE INDEX "IX_Reports_Title_trgm" ON "Reports" USING gin ("Title" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Reports_Description_trgm" ON "Reports" USING gin ("Description" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Reports_Product_trgm" ON "Reports" USING gin ("Product" gin_trgm_ops);""");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Reports_Product_trgm";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Reports_Description_trgm";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Reports_Title_trgm";""");

        }
    }
}
