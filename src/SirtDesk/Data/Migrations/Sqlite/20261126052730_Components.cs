using System;
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
                name: "Sboms",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProductVersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    SpecVersion = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    SerialNumber = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ImportedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ComponentCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sboms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Sboms_ProductVersions_ProductVersionId",
                        column: x => x.ProductVersionId,
                        principalTable: "ProductVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Findings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProductVersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Team = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Purl = table.Column<string>(type: "TEXT", nullable: false),
                    Package = table.Column<string>(type: "TEXT", nullable: false),
                    ComponentName = table.Column<string>(type: "TEXT", nullable: false),
                    AdvisoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    OsvId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Justification = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", nullable: true),
                    FoundAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Findings_OsvAdvisories_AdvisoryId",
                        column: x => x.AdvisoryId,
                        principalTable: "OsvAdvisories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Findings_ProductVersions_ProductVersionId",
                        column: x => x.ProductVersionId,
                        principalTable: "ProductVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateTable(
                name: "SbomComponents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SbomId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProductVersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Purl = table.Column<string>(type: "TEXT", nullable: true),
                    Package = table.Column<string>(type: "TEXT", nullable: true),
                    PackageKey = table.Column<string>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Group = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<string>(type: "TEXT", nullable: true),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    BomRef = table.Column<string>(type: "TEXT", nullable: true),
                    Depth = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SbomComponents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SbomComponents_Sboms_SbomId",
                        column: x => x.SbomId,
                        principalTable: "Sboms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FindingEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FindingId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OldState = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    NewState = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Justification = table.Column<string>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FindingEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FindingEvents_Findings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "Findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FindingEvents_FindingId",
                table: "FindingEvents",
                column: "FindingId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_AdvisoryId",
                table: "Findings",
                column: "AdvisoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_Package",
                table: "Findings",
                column: "Package");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_ProductVersionId_Purl_AdvisoryId",
                table: "Findings",
                columns: new[] { "ProductVersionId", "Purl", "AdvisoryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Findings_State",
                table: "Findings",
                column: "State");

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

            migrationBuilder.CreateIndex(
                name: "IX_SbomComponents_PackageKey",
                table: "SbomComponents",
                column: "PackageKey");

            migrationBuilder.CreateIndex(
                name: "IX_SbomComponents_ProductVersionId",
                table: "SbomComponents",
                column: "ProductVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_SbomComponents_SbomId",
                table: "SbomComponents",
                column: "SbomId");

            migrationBuilder.CreateIndex(
                name: "IX_Sboms_ProductVersionId",
                table: "Sboms",
                column: "ProductVersionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FindingEvents");

            migrationBuilder.DropTable(
                name: "OsvPackages");

            migrationBuilder.DropTable(
                name: "SbomComponents");

            migrationBuilder.DropTable(
                name: "Findings");

            migrationBuilder.DropTable(
                name: "Sboms");

            migrationBuilder.DropTable(
                name: "OsvAdvisories");
        }
    }
}
