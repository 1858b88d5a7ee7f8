using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SirtDesk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MailChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Encryption",
                table: "Reports",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "none");

            migrationBuilder.AddColumn<string>(
                name: "MessageId",
                table: "Reports",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "OriginalSealed",
                table: "Reports",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatureStatus",
                table: "Reports",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "none");

            migrationBuilder.AddColumn<string>(
                name: "SignerFingerprint",
                table: "Reports",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CaseId",
                table: "Outbox",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "GivenUpAt",
                table: "Outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InReplyTo",
                table: "Outbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "Outbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageId",
                table: "Outbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextAttemptAt",
                table: "Outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReportId",
                table: "Outbox",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Team",
                table: "Outbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Tlp",
                table: "Cases",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "AMBER");

            migrationBuilder.CreateTable(
                name: "MailQuarantine",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Team = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    Sender = table.Column<string>(type: "text", nullable: true),
                    Subject = table.Column<string>(type: "text", nullable: true),
                    MessageId = table.Column<string>(type: "text", nullable: true),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "text", nullable: false),
                    Sealed = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailQuarantine", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PartnerKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Email = table.Column<string>(type: "text", nullable: false),
                    Fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    KeyId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Algorithm = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    VerifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VerifiedBy = table.Column<string>(type: "text", nullable: true),
                    PublicArmored = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TeamKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Team = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    KeyId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Algorithm = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RetiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublicArmored = table.Column<string>(type: "text", nullable: false),
                    SecretSealed = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamKeys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_MessageId",
                table: "Reports",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_Recipient_Kind",
                table: "Outbox",
                columns: new[] { "Recipient", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_MailQuarantine_Sha256",
                table: "MailQuarantine",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerKeys_Email",
                table: "PartnerKeys",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerKeys_Fingerprint",
                table: "PartnerKeys",
                column: "Fingerprint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamKeys_Fingerprint",
                table: "TeamKeys",
                column: "Fingerprint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamKeys_Team",
                table: "TeamKeys",
                column: "Team");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MailQuarantine");

            migrationBuilder.DropTable(
                name: "PartnerKeys");

            migrationBuilder.DropTable(
                name: "TeamKeys");

            migrationBuilder.DropIndex(
                name: "IX_Reports_MessageId",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_Recipient_Kind",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Encryption",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "OriginalSealed",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "SignatureStatus",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "SignerFingerprint",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "CaseId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "GivenUpAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "InReplyTo",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ReportId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Team",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Tlp",
                table: "Cases");
        }
    }
}
