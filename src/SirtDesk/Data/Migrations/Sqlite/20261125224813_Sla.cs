using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SirtDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Sla : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClockStartedAt",
                table: "Cases",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Cases",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "SlaAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Clock = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Due = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SlaDigests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Recipient = table.Column<string>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    LastAlertId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaDigests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SlaAlerts_CaseId_Clock_Level",
                table: "SlaAlerts",
                columns: new[] { "CaseId", "Clock", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SlaDigests_Recipient",
                table: "SlaDigests",
                column: "Recipient");
            // Cases opened before this migration: clocks start when the case was opened, kind from its first report.
            migrationBuilder.Sql("""UPDATE "Cases" SET "ClockStartedAt" = "OpenedAt", "Kind" = COALESCE((SELECT lower("Kind") FROM "Reports" WHERE "Reports"."CaseId" = "Cases"."Id" LIMIT 1), 'vulnerability');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SlaAlerts");

            migrationBuilder.DropTable(
                name: "SlaDigests");

            migrationBuilder.DropColumn(
                name: "ClockStartedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Cases");
        }
    }
}
