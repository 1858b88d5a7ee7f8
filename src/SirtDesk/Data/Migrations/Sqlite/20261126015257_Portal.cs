using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SirtDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Portal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RefersToId",
                table: "Timeline",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Shared",
                table: "Timeline",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Recommendations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TitleJa = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TextJa = table.Column<string>(type: "TEXT", nullable: false),
                    TextEn = table.Column<string>(type: "TEXT", nullable: false),
                    Retired = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recommendations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RootCauses",
                columns: table => new
                {
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    WhatHappened = table.Column<string>(type: "TEXT", nullable: false),
                    Why = table.Column<string>(type: "TEXT", nullable: false),
                    ContributingFactors = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RootCauses", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_RootCauses_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseRecommendations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    RecommendationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseRecommendations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseRecommendations_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseRecommendations_Recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "Recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "Recommendations",
                columns: new[] { "Id", "Retired", "TextEn", "TextJa", "TitleEn", "TitleJa", "UpdatedAt" },
                values: new object[,]
                {
                    { 1L, false, "Require multi-factor authentication for every administrative login: management consoles, VPN and cloud administration.", "管理画面、VPN、クラウド管理コンソールなど、管理者権限でのログインにはすべて多要素認証を必須にしてください。", "Enable MFA for administrative accounts", "管理者アカウントに多要素認証を必須とする", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { 2L, false, "Track updates for the product and its components and apply important ones within an agreed time.", "製品とその依存コンポーネントの更新情報を把握し、重要な更新は定めた期限内に適用してください。", "Apply security updates promptly", "セキュリティ更新を速やかに適用する", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { 3L, false, "Restrict management ports and pages to the internal network or a VPN.", "管理用のポートや画面は社内ネットワークまたは VPN 経由に限定してください。", "Do not expose management interfaces to the internet", "管理インターフェースをインターネットに公開しない", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { 4L, false, "Change factory passwords at installation and never share a password between systems.", "出荷時のパスワードは導入時に必ず変更し、システム間で同じパスワードを使わないでください。", "Change default passwords and stop reusing them", "初期パスワードを変更し、使い回しをやめる", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { 5L, false, "Collect authentication and administration logs where they cannot easily be altered, and keep them as long as an investigation needs.", "認証・管理操作のログを改ざんされにくい場所に集め、調査に必要な期間保持してください。", "Centralise logs and keep them for a set period", "ログを集中保管し、一定期間保持する", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) }
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseRecommendations_CaseId_RecommendationId",
                table: "CaseRecommendations",
                columns: new[] { "CaseId", "RecommendationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseRecommendations_RecommendationId",
                table: "CaseRecommendations",
                column: "RecommendationId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseRecommendations_Status",
                table: "CaseRecommendations",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseRecommendations");

            migrationBuilder.DropTable(
                name: "RootCauses");

            migrationBuilder.DropTable(
                name: "Recommendations");

            migrationBuilder.DropColumn(
                name: "RefersToId",
                table: "Timeline");

            migrationBuilder.DropColumn(
                name: "Shared",
                table: "Timeline");
        }
    }
}
