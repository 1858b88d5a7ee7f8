using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SirtDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Disclosure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseDisclosures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    EmbargoAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    EmbargoZones = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    CoordinatorReferences = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    ReportedToCoordinatorOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PublishedByCoordinatorOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VendorStatusJa = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    VendorStatusEn = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CveIds = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseDisclosures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseDisclosures_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EmbargoReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    DaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    EmbargoAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmbargoReminders", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseDisclosures_CaseId",
                table: "CaseDisclosures",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EmbargoReminders_CaseId_DaysBefore_EmbargoAt",
                table: "EmbargoReminders",
                columns: new[] { "CaseId", "DaysBefore", "EmbargoAt" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseDisclosures");

            migrationBuilder.DropTable(
                name: "EmbargoReminders");
        }
    }
}
