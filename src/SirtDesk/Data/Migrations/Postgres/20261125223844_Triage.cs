using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SirtDesk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Triage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CvssScoreTenths",
                table: "Cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CvssVector",
                table: "Cases",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Severity",
                table: "Cases",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SeverityExplanationEn",
                table: "Cases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SeverityExplanationJa",
                table: "Cases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SeverityFactors",
                table: "Cases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SeverityPolicyVersion",
                table: "Cases",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CvssScoreTenths",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "CvssVector",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Severity",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SeverityExplanationEn",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SeverityExplanationJa",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SeverityFactors",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SeverityPolicyVersion",
                table: "Cases");
        }
    }
}
