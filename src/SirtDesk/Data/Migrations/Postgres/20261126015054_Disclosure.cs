using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SirtDesk.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    EmbargoAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EmbargoZones = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    CoordinatorReferences = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    ReportedToCoordinatorOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishedByCoordinatorOn = table.Column<DateOnly>(type: "date", nullable: true),
                    VendorStatusJa = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    VendorStatusEn = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    CveIds = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    DaysBefore = table.Column<int>(type: "integer", nullable: false),
                    EmbargoAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
