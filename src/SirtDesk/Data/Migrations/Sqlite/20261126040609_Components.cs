using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SirtDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Components : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OsvAdvisories",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OsvId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ModifiedTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawnTicks = table.Column<long>(type: "INTEGER", nullable: true),
                    Aliases = table.Column<string>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", nullable: true),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SeverityVector = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Affected = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OsvAdvisories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OsvPackages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AdvisoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OsvPackages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OsvPackages_OsvAdvisories_AdvisoryId",
                        column: x => x.AdvisoryId,
                        principalTable: "OsvAdvisories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OsvAdvisories_OsvId",
                table: "OsvAdvisories",
                column: "OsvId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OsvPackages_AdvisoryId",
                table: "OsvPackages",
                column: "AdvisoryId");

            migrationBuilder.CreateIndex(
                name: "IX_OsvPackages_Key",
                table: "OsvPackages",
                column: "Key");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OsvPackages");

            migrationBuilder.DropTable(
                name: "OsvAdvisories");
        }
    }
}
