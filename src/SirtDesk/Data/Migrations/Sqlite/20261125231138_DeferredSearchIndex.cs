using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SirtDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeferredSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Reports are indexed for full-text search after their commit (Search/SearchIndexer), not inside the
            // intake transaction: trigram indexing of a long description cost more than everything else in it.
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Reports_fts_insert";""");
            migrationBuilder.Sql("""INSERT INTO "Counters" ("Key", "Value") VALUES ('search-indexed', COALESCE((SELECT MAX("Id") FROM "Reports"), 0)) ON CONFLICT ("Key") DO NOTHING;""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Reports_fts_delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Reports_fts_update";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "Reports_fts_delete" AFTER DELETE ON "Reports"
                WHEN old."Id" <= (SELECT "Value" FROM "Counters" WHERE "Key" = 'search-indexed') BEGIN
                  INSERT INTO "ReportsFts"("ReportsFts", rowid, "Title", "Description", "Product") VALUES ('delete', old."Id", old."Title", old."Description", old."Product");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Reports_fts_update" AFTER UPDATE OF "Title", "Description", "Product" ON "Reports"
                WHEN old."Id" <= (SELECT "Value" FROM "Counters" WHERE "Key" = 'search-indexed') BEGIN
                  INSERT INTO "ReportsFts"("ReportsFts", rowid, "Title", "Description", "Product") VALUES ('delete', old."Id", old."Title", old."Description", old."Product");
                  INSERT INTO "ReportsFts"(rowid, "Title", "Description", "Product") VALUES (new."Id", new."Title", new."Description", new."Product");
                END;
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER "Reports_fts_insert" AFTER INSERT ON "Reports" BEGIN
                  INSERT INTO "ReportsFts"(rowid, "Title", "Description", "Product") VALUES (new."Id", new."Title", new."Description", new."Product");
                END;
                """);
            migrationBuilder.Sql("""DELETE FROM "Counters" WHERE "Key" = 'search-indexed';""");

        }
    }
}
