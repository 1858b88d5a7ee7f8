using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SirtDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // FTS5 with the trigram tokenizer: substring search that works for Japanese (3+ characters;
            // shorter terms fall back to LIKE in ReportSearch). External content table kept in sync by triggers.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "ReportsFts" USING fts5("Title", "Description", "Product", content='Reports', content_rowid='Id', tokenize='trigram');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Reports_fts_insert" AFTER INSERT ON "Reports" BEGIN
                  INSERT INTO "ReportsFts"(rowid, "Title", "Description", "Product") VALUES (new."Id", new."Title", new."Description", new."Product");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Reports_fts_delete" AFTER DELETE ON "Reports" BEGIN
                  INSERT INTO "ReportsFts"("ReportsFts", rowid, "Title", "Description", "Product") VALUES ('delete', old."Id", old."Title", old."Description", old."Product");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Reports_fts_update" AFTER UPDATE OF "Title", "Description", "Product" ON "Reports" BEGIN
                  INSERT INTO "ReportsFts"("ReportsFts", rowid, "Title", "Description", "Product") VALUES ('delete', old."Id", old."Title", old."Description", old."Product");
                  INSERT INTO "ReportsFts"(rowid, "Title", "Description", "Product") VALUES (new."Id", new."Title", new."Description", new."Product");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "ReportsFts"("ReportsFts") VALUES ('rebuild');""");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Reports_fts_update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Reports_fts_delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Reports_fts_insert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ReportsFts";""");

        }
    }
}
