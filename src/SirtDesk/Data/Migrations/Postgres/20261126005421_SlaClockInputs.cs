using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SirtDesk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SlaClockInputs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AcknowledgedAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DisclosedAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RemediatedAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TriagedAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CasePauses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    PausedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResumedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CasePauses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CasePauses_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CasePauses_CaseId",
                table: "CasePauses",
                column: "CaseId");

            // Cases from before this migration: where their clocks stopped and when they waited, from the timeline
            // as SlaBoard read it until now: the first entry of each stopping action, and each case.paused with the
            // first case.resumed after it (a case.paused while paused, or a case.resumed while running, changed nothing).
            migrationBuilder.Sql("""
                UPDATE "Cases" SET
                    "AcknowledgedAt" = (SELECT t."At" FROM "Timeline" AS t WHERE t."CaseId" = "Cases"."Id" AND t."Action" = 'case.replied' ORDER BY t."Id" LIMIT 1),
                    "TriagedAt" = (SELECT t."At" FROM "Timeline" AS t WHERE t."CaseId" = "Cases"."Id" AND t."Action" = 'case.rescored' ORDER BY t."Id" LIMIT 1),
                    "RemediatedAt" = (SELECT t."At" FROM "Timeline" AS t WHERE t."CaseId" = "Cases"."Id" AND t."Action" = 'case.closed' ORDER BY t."Id" LIMIT 1),
                    "DisclosedAt" = (SELECT t."At" FROM "Timeline" AS t WHERE t."CaseId" = "Cases"."Id" AND t."Action" = 'case.disclosed' ORDER BY t."Id" LIMIT 1);
                """);
            migrationBuilder.Sql("""
                INSERT INTO "CasePauses" ("CaseId", "PausedAt", "ResumedAt")
                SELECT p."CaseId", p."At",
                    (SELECT r."At" FROM "Timeline" AS r WHERE r."CaseId" = p."CaseId" AND r."Action" = 'case.resumed' AND r."Id" > p."Id" ORDER BY r."Id" LIMIT 1)
                FROM "Timeline" AS p
                INNER JOIN "Cases" AS c ON c."Id" = p."CaseId"
                WHERE p."Action" = 'case.paused'
                    AND COALESCE((SELECT q."Action" FROM "Timeline" AS q
                                  WHERE q."CaseId" = p."CaseId" AND q."Action" IN ('case.paused', 'case.resumed') AND q."Id" < p."Id"
                                  ORDER BY q."Id" DESC LIMIT 1), '') <> 'case.paused'
                ORDER BY p."Id";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CasePauses");

            migrationBuilder.DropColumn(
                name: "AcknowledgedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "DisclosedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RemediatedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "TriagedAt",
                table: "Cases");
        }
    }
}
