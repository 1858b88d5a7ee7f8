CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "ApiTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiTokens" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NULL,
    "TotpConfirmedAt" TEXT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "Cases" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Cases" PRIMARY KEY AUTOINCREMENT,
    "Number" TEXT NOT NULL,
    "Team" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "AssigneeId" TEXT NULL,
    "AssigneeName" TEXT NULL,
    "OpenedAt" TEXT NOT NULL,
    "ClosedAt" TEXT NULL
);

CREATE TABLE "Counters" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_Counters" PRIMARY KEY,
    "Value" INTEGER NOT NULL
);

CREATE TABLE "Outbox" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Outbox" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "Recipient" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "SentAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL
);

CREATE TABLE "Settings" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_Settings" PRIMARY KEY,
    "Value" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);

CREATE TABLE "TeamMemberships" (
    "UserId" TEXT NOT NULL,
    "Team" TEXT NOT NULL,
    CONSTRAINT "PK_TeamMemberships" PRIMARY KEY ("UserId", "Team")
);

CREATE TABLE "Timeline" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Timeline" PRIMARY KEY AUTOINCREMENT,
    "CaseId" INTEGER NULL,
    "ReportId" INTEGER NULL,
    "At" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Detail" TEXT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Reports" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Reports" PRIMARY KEY AUTOINCREMENT,
    "TrackingNumber" TEXT NOT NULL,
    "TrackingTokenHash" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Team" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "ReceivedAt" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Product" TEXT NULL,
    "ProductVersion" TEXT NULL,
    "VulnerabilityType" TEXT NULL,
    "StepsToReproduce" TEXT NULL,
    "Impact" TEXT NULL,
    "ProofOfConceptSealed" BLOB NULL,
    "DisclosurePlans" TEXT NULL,
    "OtherPartiesInformed" TEXT NULL,
    "AffectedService" TEXT NULL,
    "DetectedAt" TEXT NULL,
    "DetectedTimeZone" TEXT NULL,
    "Scope" TEXT NULL,
    "Indicators" TEXT NULL,
    "ReporterName" TEXT NULL,
    "ReporterEmail" TEXT NOT NULL,
    "ReporterOrganization" TEXT NULL,
    "ReporterPgpKey" TEXT NULL,
    "Credit" TEXT NOT NULL,
    "CaseId" INTEGER NULL,
    CONSTRAINT "FK_Reports_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE SET NULL
);

CREATE TABLE "ReportAttachments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReportAttachments" PRIMARY KEY AUTOINCREMENT,
    "ReportId" INTEGER NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Length" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Sealed" BLOB NOT NULL,
    CONSTRAINT "FK_ReportAttachments_Reports_ReportId" FOREIGN KEY ("ReportId") REFERENCES "Reports" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ApiTokens_TokenHash" ON "ApiTokens" ("TokenHash");

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE UNIQUE INDEX "IX_Cases_Number" ON "Cases" ("Number");

CREATE INDEX "IX_Outbox_SentAt" ON "Outbox" ("SentAt");

CREATE INDEX "IX_ReportAttachments_ReportId" ON "ReportAttachments" ("ReportId");

CREATE INDEX "IX_Reports_CaseId" ON "Reports" ("CaseId");

CREATE INDEX "IX_Reports_Team_Status" ON "Reports" ("Team", "Status");

CREATE UNIQUE INDEX "IX_Reports_TrackingNumber" ON "Reports" ("TrackingNumber");

CREATE UNIQUE INDEX "IX_Reports_TrackingTokenHash" ON "Reports" ("TrackingTokenHash");

CREATE INDEX "IX_Timeline_CaseId" ON "Timeline" ("CaseId");

CREATE INDEX "IX_Timeline_ReportId" ON "Timeline" ("ReportId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125220713_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE VIRTUAL TABLE "ReportsFts" USING fts5("Title", "Description", "Product", content='Reports', content_rowid='Id', tokenize='trigram');

CREATE TRIGGER "Reports_fts_insert" AFTER INSERT ON "Reports" BEGIN
  INSERT INTO "ReportsFts"(rowid, "Title", "Description", "Product") VALUES (new."Id", new."Title", new."Description", new."Product");
END;

CREATE TRIGGER "Reports_fts_delete" AFTER DELETE ON "Reports" BEGIN
  INSERT INTO "ReportsFts"("ReportsFts", rowid, "Title", "Description", "Product") VALUES ('delete', old."Id", old."Title", old."Description", old."Product");
END;

CREATE TRIGGER "Reports_fts_update" AFTER UPDATE OF "Title", "Description", "Product" ON "Reports" BEGIN
  INSERT INTO "ReportsFts"("ReportsFts", rowid, "Title", "Description", "Product") VALUES ('delete', old."Id", old."Title", old."Description", old."Product");
  INSERT INTO "ReportsFts"(rowid, "Title", "Description", "Product") VALUES (new."Id", new."Title", new."Description", new."Product");
END;

INSERT INTO "ReportsFts"("ReportsFts") VALUES ('rebuild');

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125220806_Search', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Cases" ADD "CvssScoreTenths" INTEGER NULL;

ALTER TABLE "Cases" ADD "CvssVector" TEXT NULL;

ALTER TABLE "Cases" ADD "Severity" TEXT NULL;

ALTER TABLE "Cases" ADD "SeverityExplanationEn" TEXT NULL;

ALTER TABLE "Cases" ADD "SeverityExplanationJa" TEXT NULL;

ALTER TABLE "Cases" ADD "SeverityFactors" TEXT NULL;

ALTER TABLE "Cases" ADD "SeverityPolicyVersion" INTEGER NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125223841_Triage', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Cases" ADD "ClockStartedAt" TEXT NOT NULL DEFAULT '0001-01-01 00:00:00+00:00';

ALTER TABLE "Cases" ADD "Kind" TEXT NOT NULL DEFAULT '';

CREATE TABLE "SlaAlerts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SlaAlerts" PRIMARY KEY AUTOINCREMENT,
    "CaseId" INTEGER NOT NULL,
    "Clock" TEXT NOT NULL,
    "Level" TEXT NOT NULL,
    "RaisedAt" TEXT NOT NULL,
    "Due" TEXT NULL
);

CREATE TABLE "SlaDigests" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SlaDigests" PRIMARY KEY AUTOINCREMENT,
    "Recipient" TEXT NOT NULL,
    "SentAt" TEXT NOT NULL,
    "LastAlertId" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_SlaAlerts_CaseId_Clock_Level" ON "SlaAlerts" ("CaseId", "Clock", "Level");

CREATE INDEX "IX_SlaDigests_Recipient" ON "SlaDigests" ("Recipient");

UPDATE "Cases" SET "ClockStartedAt" = "OpenedAt", "Kind" = COALESCE((SELECT lower("Kind") FROM "Reports" WHERE "Reports"."CaseId" = "Cases"."Id" LIMIT 1), 'vulnerability');

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125224813_Sla', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "AspNetUsers" ADD "TimeZone" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125225223_UserTimeZone', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_Reports_Status" ON "Reports" ("Status");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125225903_ReportStatusIndex', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ef_temp_Timeline" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Timeline" PRIMARY KEY AUTOINCREMENT,
    "Action" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "CaseId" INTEGER NULL,
    "Detail" TEXT NULL,
    "ReportId" INTEGER NULL,
    CONSTRAINT "FK_Timeline_Reports_ReportId" FOREIGN KEY ("ReportId") REFERENCES "Reports" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_Timeline" ("Id", "Action", "Actor", "At", "CaseId", "Detail", "ReportId")
SELECT "Id", "Action", "Actor", "At", "CaseId", "Detail", "ReportId"
FROM "Timeline";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "Timeline";

ALTER TABLE "ef_temp_Timeline" RENAME TO "Timeline";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "IX_Timeline_CaseId" ON "Timeline" ("CaseId");

CREATE INDEX "IX_Timeline_ReportId" ON "Timeline" ("ReportId");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125230242_TimelineReportKey', '10.0.15');

BEGIN TRANSACTION;
DROP TRIGGER IF EXISTS "Reports_fts_insert";

INSERT INTO "Counters" ("Key", "Value") VALUES ('search-indexed', COALESCE((SELECT MAX("Id") FROM "Reports"), 0)) ON CONFLICT ("Key") DO NOTHING;

DROP TRIGGER IF EXISTS "Reports_fts_delete";

DROP TRIGGER IF EXISTS "Reports_fts_update";

CREATE TRIGGER "Reports_fts_delete" AFTER DELETE ON "Reports"
WHEN old."Id" <= (SELECT "Value" FROM "Counters" WHERE "Key" = 'search-indexed') BEGIN
  INSERT INTO "ReportsFts"("ReportsFts", rowid, "Title", "Description", "Product") VALUES ('delete', old."Id", old."Title", old."Description", old."Product");
END;

CREATE TRIGGER "Reports_fts_update" AFTER UPDATE OF "Title", "Description", "Product" ON "Reports"
WHEN old."Id" <= (SELECT "Value" FROM "Counters" WHERE "Key" = 'search-indexed') BEGIN
  INSERT INTO "ReportsFts"("ReportsFts", rowid, "Title", "Description", "Product") VALUES ('delete', old."Id", old."Title", old."Description", old."Product");
  INSERT INTO "ReportsFts"(rowid, "Title", "Description", "Product") VALUES (new."Id", new."Title", new."Description", new."Product");
END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125231138_DeferredSearchIndex', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Reports" ADD "Encryption" TEXT NOT NULL DEFAULT 'none';

ALTER TABLE "Reports" ADD "MessageId" TEXT NULL;

ALTER TABLE "Reports" ADD "OriginalSealed" BLOB NULL;

ALTER TABLE "Reports" ADD "SignatureStatus" TEXT NOT NULL DEFAULT 'none';

ALTER TABLE "Reports" ADD "SignerFingerprint" TEXT NULL;

ALTER TABLE "Outbox" ADD "CaseId" INTEGER NULL;

ALTER TABLE "Outbox" ADD "GivenUpAt" TEXT NULL;

ALTER TABLE "Outbox" ADD "InReplyTo" TEXT NULL;

ALTER TABLE "Outbox" ADD "LastError" TEXT NULL;

ALTER TABLE "Outbox" ADD "MessageId" TEXT NULL;

ALTER TABLE "Outbox" ADD "NextAttemptAt" TEXT NULL;

ALTER TABLE "Outbox" ADD "ReportId" INTEGER NULL;

ALTER TABLE "Outbox" ADD "Team" TEXT NULL;

ALTER TABLE "Cases" ADD "Tlp" TEXT NOT NULL DEFAULT 'AMBER';

CREATE TABLE "MailQuarantine" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MailQuarantine" PRIMARY KEY AUTOINCREMENT,
    "Team" TEXT NOT NULL,
    "ReceivedAt" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "Sender" TEXT NULL,
    "Subject" TEXT NULL,
    "MessageId" TEXT NULL,
    "Length" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Sealed" BLOB NOT NULL
);

CREATE TABLE "PartnerKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PartnerKeys" PRIMARY KEY AUTOINCREMENT,
    "Email" TEXT NOT NULL,
    "Fingerprint" TEXT NOT NULL,
    "KeyId" TEXT NOT NULL,
    "Algorithm" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NULL,
    "ImportedAt" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "VerifiedAt" TEXT NULL,
    "VerifiedBy" TEXT NULL,
    "PublicArmored" TEXT NOT NULL
);

CREATE TABLE "TeamKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TeamKeys" PRIMARY KEY AUTOINCREMENT,
    "Team" TEXT NOT NULL,
    "Fingerprint" TEXT NOT NULL,
    "KeyId" TEXT NOT NULL,
    "Algorithm" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NULL,
    "RetiredAt" TEXT NULL,
    "PublicArmored" TEXT NOT NULL,
    "SecretSealed" BLOB NOT NULL
);

CREATE INDEX "IX_Reports_MessageId" ON "Reports" ("MessageId");

CREATE INDEX "IX_Outbox_Recipient_Kind" ON "Outbox" ("Recipient", "Kind");

CREATE INDEX "IX_MailQuarantine_Sha256" ON "MailQuarantine" ("Sha256");

CREATE INDEX "IX_PartnerKeys_Email" ON "PartnerKeys" ("Email");

CREATE UNIQUE INDEX "IX_PartnerKeys_Fingerprint" ON "PartnerKeys" ("Fingerprint");

CREATE UNIQUE INDEX "IX_TeamKeys_Fingerprint" ON "TeamKeys" ("Fingerprint");

CREATE INDEX "IX_TeamKeys_Team" ON "TeamKeys" ("Team");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126004520_MailChannel', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Cases" ADD "AcknowledgedAt" TEXT NULL;

ALTER TABLE "Cases" ADD "DisclosedAt" TEXT NULL;

ALTER TABLE "Cases" ADD "RemediatedAt" TEXT NULL;

ALTER TABLE "Cases" ADD "TriagedAt" TEXT NULL;

CREATE TABLE "CasePauses" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CasePauses" PRIMARY KEY AUTOINCREMENT,
    "CaseId" INTEGER NOT NULL,
    "PausedAt" TEXT NOT NULL,
    "ResumedAt" TEXT NULL,
    CONSTRAINT "FK_CasePauses_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_CasePauses_CaseId" ON "CasePauses" ("CaseId");

UPDATE "Cases" SET
    "AcknowledgedAt" = (SELECT t."At" FROM "Timeline" AS t WHERE t."CaseId" = "Cases"."Id" AND t."Action" = 'case.replied' ORDER BY t."Id" LIMIT 1),
    "TriagedAt" = (SELECT t."At" FROM "Timeline" AS t WHERE t."CaseId" = "Cases"."Id" AND t."Action" = 'case.rescored' ORDER BY t."Id" LIMIT 1),
    "RemediatedAt" = (SELECT t."At" FROM "Timeline" AS t WHERE t."CaseId" = "Cases"."Id" AND t."Action" = 'case.closed' ORDER BY t."Id" LIMIT 1),
    "DisclosedAt" = (SELECT t."At" FROM "Timeline" AS t WHERE t."CaseId" = "Cases"."Id" AND t."Action" = 'case.disclosed' ORDER BY t."Id" LIMIT 1);

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

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126005418_SlaClockInputs', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "CaseDisclosures" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CaseDisclosures" PRIMARY KEY AUTOINCREMENT,
    "CaseId" INTEGER NOT NULL,
    "EmbargoAt" TEXT NULL,
    "EmbargoZones" TEXT NULL,
    "CoordinatorReferences" TEXT NULL,
    "ReportedToCoordinatorOn" TEXT NULL,
    "PublishedByCoordinatorOn" TEXT NULL,
    "VendorStatusJa" TEXT NULL,
    "VendorStatusEn" TEXT NULL,
    "CveIds" TEXT NULL,
    CONSTRAINT "FK_CaseDisclosures_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE TABLE "EmbargoReminders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EmbargoReminders" PRIMARY KEY AUTOINCREMENT,
    "CaseId" INTEGER NOT NULL,
    "DaysBefore" INTEGER NOT NULL,
    "EmbargoAt" TEXT NOT NULL,
    "SentAt" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_CaseDisclosures_CaseId" ON "CaseDisclosures" ("CaseId");

CREATE UNIQUE INDEX "IX_EmbargoReminders_CaseId_DaysBefore_EmbargoAt" ON "EmbargoReminders" ("CaseId", "DaysBefore", "EmbargoAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126015051_Disclosure', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Timeline" ADD "RefersToId" INTEGER NULL;

ALTER TABLE "Timeline" ADD "Shared" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "Recommendations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Recommendations" PRIMARY KEY AUTOINCREMENT,
    "TitleJa" TEXT NOT NULL,
    "TitleEn" TEXT NOT NULL,
    "TextJa" TEXT NOT NULL,
    "TextEn" TEXT NOT NULL,
    "Retired" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);

CREATE TABLE "RootCauses" (
    "CaseId" INTEGER NOT NULL CONSTRAINT "PK_RootCauses" PRIMARY KEY,
    "WhatHappened" TEXT NOT NULL,
    "Why" TEXT NOT NULL,
    "ContributingFactors" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedBy" TEXT NOT NULL,
    CONSTRAINT "FK_RootCauses_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CaseRecommendations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CaseRecommendations" PRIMARY KEY AUTOINCREMENT,
    "CaseId" INTEGER NOT NULL,
    "RecommendationId" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "ChangedAt" TEXT NOT NULL,
    "ChangedBy" TEXT NOT NULL,
    CONSTRAINT "FK_CaseRecommendations_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CaseRecommendations_Recommendations_RecommendationId" FOREIGN KEY ("RecommendationId") REFERENCES "Recommendations" ("Id") ON DELETE RESTRICT
);

INSERT INTO "Recommendations" ("Id", "Retired", "TextEn", "TextJa", "TitleEn", "TitleJa", "UpdatedAt")
VALUES (1, 0, 'Require multi-factor authentication for every administrative login: management consoles, VPN and cloud administration.', '管理画面、VPN、クラウド管理コンソールなど、管理者権限でのログインにはすべて多要素認証を必須にしてください。', 'Enable MFA for administrative accounts', '管理者アカウントに多要素認証を必須とする', '2026-01-01 00:00:00+00:00');
SELECT changes();

INSERT INTO "Recommendations" ("Id", "Retired", "TextEn", "TextJa", "TitleEn", "TitleJa", "UpdatedAt")
VALUES (2, 0, 'Track updates for the product and its components and apply important ones within an agreed time.', '製品とその依存コンポーネントの更新情報を把握し、重要な更新は定めた期限内に適用してください。', 'Apply security updates promptly', 'セキュリティ更新を速やかに適用する', '2026-01-01 00:00:00+00:00');
SELECT changes();

INSERT INTO "Recommendations" ("Id", "Retired", "TextEn", "TextJa", "TitleEn", "TitleJa", "UpdatedAt")
VALUES (3, 0, 'Restrict management ports and pages to the internal network or a VPN.', '管理用のポートや画面は社内ネットワークまたは VPN 経由に限定してください。', 'Do not expose management interfaces to the internet', '管理インターフェースをインターネットに公開しない', '2026-01-01 00:00:00+00:00');
SELECT changes();

INSERT INTO "Recommendations" ("Id", "Retired", "TextEn", "TextJa", "TitleEn", "TitleJa", "UpdatedAt")
VALUES (4, 0, 'Change factory passwords at installation and never share a password between systems.', '出荷時のパスワードは導入時に必ず変更し、システム間で同じパスワードを使わないでください。', 'Change default passwords and stop reusing them', '初期パスワードを変更し、使い回しをやめる', '2026-01-01 00:00:00+00:00');
SELECT changes();

INSERT INTO "Recommendations" ("Id", "Retired", "TextEn", "TextJa", "TitleEn", "TitleJa", "UpdatedAt")
VALUES (5, 0, 'Collect authentication and administration logs where they cannot easily be altered, and keep them as long as an investigation needs.', '認証・管理操作のログを改ざんされにくい場所に集め、調査に必要な期間保持してください。', 'Centralise logs and keep them for a set period', 'ログを集中保管し、一定期間保持する', '2026-01-01 00:00:00+00:00');
SELECT changes();


CREATE UNIQUE INDEX "IX_CaseRecommendations_CaseId_RecommendationId" ON "CaseRecommendations" ("CaseId", "RecommendationId");

CREATE INDEX "IX_CaseRecommendations_RecommendationId" ON "CaseRecommendations" ("RecommendationId");

CREATE INDEX "IX_CaseRecommendations_Status" ON "CaseRecommendations" ("Status");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126015257_Portal', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "CaseVulnerabilities" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CaseVulnerabilities" PRIMARY KEY AUTOINCREMENT,
    "CaseId" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "CveId" TEXT NULL,
    CONSTRAINT "FK_CaseVulnerabilities_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Organizations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Organizations" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Unit" TEXT NULL
);

CREATE TABLE "Contacts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Contacts" PRIMARY KEY AUTOINCREMENT,
    "OrganizationId" INTEGER NOT NULL,
    "Name" TEXT NULL,
    "Email" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "TimeZone" TEXT NOT NULL,
    "PgpFingerprint" TEXT NULL,
    CONSTRAINT "FK_Contacts_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ApprovalRequests" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApprovalRequests" PRIMARY KEY AUTOINCREMENT,
    "CaseId" INTEGER NOT NULL,
    "ContactId" INTEGER NOT NULL,
    "ApproverRole" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "RequestedBy" TEXT NOT NULL,
    "RequestedAt" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" TEXT NULL,
    "DecisionNote" TEXT NULL,
    CONSTRAINT "FK_ApprovalRequests_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ApprovalRequests_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CaseParticipants" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CaseParticipants" PRIMARY KEY AUTOINCREMENT,
    "CaseId" INTEGER NOT NULL,
    "ContactId" INTEGER NOT NULL,
    "Role" TEXT NOT NULL,
    "AddedAt" TEXT NOT NULL,
    "AddedBy" TEXT NOT NULL,
    "LastMessageId" TEXT NULL,
    CONSTRAINT "FK_CaseParticipants_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CaseParticipants_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "VendorStatuses" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_VendorStatuses" PRIMARY KEY AUTOINCREMENT,
    "VulnerabilityId" INTEGER NOT NULL,
    "ParticipantId" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "Statement" TEXT NULL,
    "SetBy" TEXT NOT NULL,
    "SetAt" TEXT NOT NULL,
    CONSTRAINT "FK_VendorStatuses_CaseParticipants_ParticipantId" FOREIGN KEY ("ParticipantId") REFERENCES "CaseParticipants" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_VendorStatuses_CaseVulnerabilities_VulnerabilityId" FOREIGN KEY ("VulnerabilityId") REFERENCES "CaseVulnerabilities" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ApprovalRequests_CaseId" ON "ApprovalRequests" ("CaseId");

CREATE INDEX "IX_ApprovalRequests_ContactId" ON "ApprovalRequests" ("ContactId");

CREATE INDEX "IX_ApprovalRequests_State_ApproverRole" ON "ApprovalRequests" ("State", "ApproverRole");

CREATE UNIQUE INDEX "IX_CaseParticipants_CaseId_ContactId" ON "CaseParticipants" ("CaseId", "ContactId");

CREATE INDEX "IX_CaseParticipants_ContactId" ON "CaseParticipants" ("ContactId");

CREATE INDEX "IX_CaseVulnerabilities_CaseId" ON "CaseVulnerabilities" ("CaseId");

CREATE INDEX "IX_Contacts_Email" ON "Contacts" ("Email");

CREATE INDEX "IX_Contacts_OrganizationId" ON "Contacts" ("OrganizationId");

CREATE INDEX "IX_Organizations_Name" ON "Organizations" ("Name");

CREATE INDEX "IX_VendorStatuses_ParticipantId" ON "VendorStatuses" ("ParticipantId");

CREATE INDEX "IX_VendorStatuses_VulnerabilityId_ParticipantId" ON "VendorStatuses" ("VulnerabilityId", "ParticipantId");

INSERT INTO "Organizations" ("Name", "Kind") VALUES ('JPCERT/CC', 'national-cert');
INSERT INTO "Organizations" ("Name", "Kind") VALUES ('IPA', 'national-cert');
INSERT INTO "Contacts" ("OrganizationId", "Name", "Email", "Language", "TimeZone")
    SELECT "Id", 'JPCERT/CC Vulnerability Coordination', 'vuls@jpcert.or.jp', 'ja', 'Asia/Tokyo' FROM "Organizations" WHERE "Name" = 'JPCERT/CC';
INSERT INTO "Contacts" ("OrganizationId", "Name", "Email", "Language", "TimeZone")
    SELECT "Id", 'IPA 脆弱性届出', 'vuln-inq@ipa.go.jp', 'ja', 'Asia/Tokyo' FROM "Organizations" WHERE "Name" = 'IPA';

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126015723_Coordination', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Products" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Products" PRIMARY KEY AUTOINCREMENT,
    "Key" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "NameJa" TEXT NOT NULL,
    "NameEn" TEXT NOT NULL,
    "Team" TEXT NOT NULL,
    "Lifecycle" TEXT NOT NULL,
    "EndOfLife" TEXT NULL,
    "Exposure" TEXT NOT NULL,
    "Deployment" TEXT NOT NULL
);

CREATE TABLE "ProductVersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProductVersions" PRIMARY KEY AUTOINCREMENT,
    "ProductId" INTEGER NOT NULL,
    "Version" TEXT NOT NULL,
    "ReleasedOn" TEXT NULL,
    "Lifecycle" TEXT NOT NULL,
    "EndOfLife" TEXT NULL,
    CONSTRAINT "FK_ProductVersions_Products_ProductId" FOREIGN KEY ("ProductId") REFERENCES "Products" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_Products_Key" ON "Products" ("Key");

CREATE INDEX "IX_Products_Team" ON "Products" ("Team");

CREATE UNIQUE INDEX "IX_ProductVersions_ProductId_Version" ON "ProductVersions" ("ProductId", "Version");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126035556_Inventory', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ThreadReads" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ThreadReads" PRIMARY KEY AUTOINCREMENT,
    "ParticipantId" INTEGER NOT NULL,
    "Reader" TEXT NOT NULL,
    "ReadUpTo" INTEGER NOT NULL,
    CONSTRAINT "FK_ThreadReads_CaseParticipants_ParticipantId" FOREIGN KEY ("ParticipantId") REFERENCES "CaseParticipants" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ThreadReads_ParticipantId_Reader" ON "ThreadReads" ("ParticipantId", "Reader");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126041026_ThreadReads', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "AssessmentPlans" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AssessmentPlans" PRIMARY KEY AUTOINCREMENT,
    "ProductId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Recurrence" TEXT NOT NULL,
    "FirstDate" TEXT NOT NULL,
    "PerformerKind" TEXT NOT NULL,
    "Performer" TEXT NOT NULL,
    "Scope" TEXT NOT NULL,
    "Active" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    CONSTRAINT "FK_AssessmentPlans_Products_ProductId" FOREIGN KEY ("ProductId") REFERENCES "Products" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CalendarTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CalendarTokens" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "SecretHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "PlanReviewAlerts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PlanReviewAlerts" PRIMARY KEY AUTOINCREMENT,
    "ReviewId" INTEGER NOT NULL,
    "Recipient" TEXT NOT NULL,
    "RaisedAt" TEXT NOT NULL,
    "DigestedAt" TEXT NULL
);

CREATE TABLE "PlanReviews" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PlanReviews" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "Team" TEXT NOT NULL,
    "ProductVersionId" INTEGER NULL,
    "Title" TEXT NOT NULL,
    "ReviewerId" TEXT NOT NULL,
    "ReviewerName" TEXT NOT NULL,
    "DueOn" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "SignedOffAt" TEXT NULL,
    "SignedOffBy" TEXT NULL,
    CONSTRAINT "FK_PlanReviews_ProductVersions_ProductVersionId" FOREIGN KEY ("ProductVersionId") REFERENCES "ProductVersions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Assessments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Assessments" PRIMARY KEY AUTOINCREMENT,
    "PlanId" INTEGER NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "ScheduledOn" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ReportFileName" TEXT NULL,
    "ReportContentType" TEXT NULL,
    "ReportLength" INTEGER NULL,
    "ReportSha256" TEXT NULL,
    "ReportSealed" BLOB NULL,
    CONSTRAINT "FK_Assessments_AssessmentPlans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "AssessmentPlans" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PlanReviewActions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PlanReviewActions" PRIMARY KEY AUTOINCREMENT,
    "ReviewId" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "Done" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "DoneAt" TEXT NULL,
    "DoneBy" TEXT NULL,
    CONSTRAINT "FK_PlanReviewActions_PlanReviews_ReviewId" FOREIGN KEY ("ReviewId") REFERENCES "PlanReviews" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PlanReviewItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PlanReviewItems" PRIMARY KEY AUTOINCREMENT,
    "ReviewId" INTEGER NOT NULL,
    "Position" INTEGER NOT NULL,
    "TextJa" TEXT NOT NULL,
    "TextEn" TEXT NOT NULL,
    "Answer" TEXT NULL,
    "Evidence" TEXT NULL,
    "EvidenceLink" TEXT NULL,
    "AnsweredBy" TEXT NULL,
    "AnsweredAt" TEXT NULL,
    CONSTRAINT "FK_PlanReviewItems_PlanReviews_ReviewId" FOREIGN KEY ("ReviewId") REFERENCES "PlanReviews" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AssessmentFindings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AssessmentFindings" PRIMARY KEY AUTOINCREMENT,
    "AssessmentId" INTEGER NOT NULL,
    "CaseId" INTEGER NOT NULL,
    "CaseNumber" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "CvssVector" TEXT NOT NULL,
    CONSTRAINT "FK_AssessmentFindings_Assessments_AssessmentId" FOREIGN KEY ("AssessmentId") REFERENCES "Assessments" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AssessmentFindings_AssessmentId" ON "AssessmentFindings" ("AssessmentId");

CREATE INDEX "IX_AssessmentFindings_CaseId" ON "AssessmentFindings" ("CaseId");

CREATE INDEX "IX_AssessmentPlans_ProductId" ON "AssessmentPlans" ("ProductId");

CREATE UNIQUE INDEX "IX_Assessments_PlanId_Sequence" ON "Assessments" ("PlanId", "Sequence");

CREATE INDEX "IX_Assessments_ScheduledOn" ON "Assessments" ("ScheduledOn");

CREATE UNIQUE INDEX "IX_CalendarTokens_UserId" ON "CalendarTokens" ("UserId");

CREATE INDEX "IX_PlanReviewActions_ReviewId" ON "PlanReviewActions" ("ReviewId");

CREATE INDEX "IX_PlanReviewAlerts_DigestedAt" ON "PlanReviewAlerts" ("DigestedAt");

CREATE UNIQUE INDEX "IX_PlanReviewAlerts_ReviewId_Recipient" ON "PlanReviewAlerts" ("ReviewId", "Recipient");

CREATE INDEX "IX_PlanReviewItems_ReviewId" ON "PlanReviewItems" ("ReviewId");

CREATE INDEX "IX_PlanReviews_ProductVersionId" ON "PlanReviews" ("ProductVersionId");

CREATE INDEX "IX_PlanReviews_Team" ON "PlanReviews" ("Team");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126041729_Prevention', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Outbox" ADD "ListUnsubscribe" TEXT NULL;

CREATE TABLE "Advisories" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Advisories" PRIMARY KEY AUTOINCREMENT,
    "Number" TEXT NOT NULL,
    "Team" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ContentJson" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "SubmittedBy" TEXT NULL,
    "SubmittedAt" TEXT NULL,
    "ChangeSummary" TEXT NULL,
    "HasPendingChanges" INTEGER NOT NULL,
    "Revision" INTEGER NOT NULL,
    "InitialReleaseAt" TEXT NULL,
    "CurrentReleaseAt" TEXT NULL,
    "WithdrawnAt" TEXT NULL,
    "WithdrawnBy" TEXT NULL,
    "WithdrawReason" TEXT NULL
);

CREATE TABLE "AdvisorySubscriptions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AdvisorySubscriptions" PRIMARY KEY AUTOINCREMENT,
    "Email" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "Token" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ConfirmedAt" TEXT NULL,
    "UnsubscribedAt" TEXT NULL
);

CREATE TABLE "AdvisoryCases" (
    "AdvisoryId" INTEGER NOT NULL,
    "CaseId" INTEGER NOT NULL,
    CONSTRAINT "PK_AdvisoryCases" PRIMARY KEY ("AdvisoryId", "CaseId"),
    CONSTRAINT "FK_AdvisoryCases_Advisories_AdvisoryId" FOREIGN KEY ("AdvisoryId") REFERENCES "Advisories" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AdvisoryCases_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AdvisoryRevisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AdvisoryRevisions" PRIMARY KEY AUTOINCREMENT,
    "AdvisoryId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "PublishedAt" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "SubmittedBy" TEXT NOT NULL,
    "ApprovedBy" TEXT NOT NULL,
    "ContentJson" TEXT NOT NULL,
    "CsafJson" TEXT NOT NULL,
    CONSTRAINT "FK_AdvisoryRevisions_Advisories_AdvisoryId" FOREIGN KEY ("AdvisoryId") REFERENCES "Advisories" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_Advisories_Number" ON "Advisories" ("Number");

CREATE INDEX "IX_AdvisoryCases_CaseId" ON "AdvisoryCases" ("CaseId");

CREATE UNIQUE INDEX "IX_AdvisoryRevisions_AdvisoryId_Number" ON "AdvisoryRevisions" ("AdvisoryId", "Number");

CREATE INDEX "IX_AdvisorySubscriptions_Email" ON "AdvisorySubscriptions" ("Email");

CREATE UNIQUE INDEX "IX_AdvisorySubscriptions_Token" ON "AdvisorySubscriptions" ("Token");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126051213_Advisories', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "OsvAdvisories" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OsvAdvisories" PRIMARY KEY AUTOINCREMENT,
    "OsvId" TEXT NOT NULL,
    "ModifiedTicks" INTEGER NOT NULL,
    "WithdrawnTicks" INTEGER NULL,
    "Aliases" TEXT NOT NULL,
    "Summary" TEXT NULL,
    "Severity" TEXT NOT NULL,
    "SeverityVector" TEXT NULL,
    "Affected" TEXT NOT NULL
);

CREATE TABLE "Sboms" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Sboms" PRIMARY KEY AUTOINCREMENT,
    "ProductVersionId" INTEGER NOT NULL,
    "SpecVersion" TEXT NOT NULL,
    "SerialNumber" TEXT NULL,
    "ImportedAt" TEXT NOT NULL,
    "ImportedBy" TEXT NOT NULL,
    "ComponentCount" INTEGER NOT NULL,
    CONSTRAINT "FK_Sboms_ProductVersions_ProductVersionId" FOREIGN KEY ("ProductVersionId") REFERENCES "ProductVersions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Findings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Findings" PRIMARY KEY AUTOINCREMENT,
    "ProductVersionId" INTEGER NOT NULL,
    "Team" TEXT NOT NULL,
    "Purl" TEXT NOT NULL,
    "Package" TEXT NOT NULL,
    "ComponentName" TEXT NOT NULL,
    "AdvisoryId" INTEGER NOT NULL,
    "OsvId" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Justification" TEXT NULL,
    "Detail" TEXT NULL,
    "FoundAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedBy" TEXT NOT NULL,
    "CaseId" INTEGER NULL,
    CONSTRAINT "FK_Findings_OsvAdvisories_AdvisoryId" FOREIGN KEY ("AdvisoryId") REFERENCES "OsvAdvisories" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Findings_ProductVersions_ProductVersionId" FOREIGN KEY ("ProductVersionId") REFERENCES "ProductVersions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "OsvPackages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OsvPackages" PRIMARY KEY AUTOINCREMENT,
    "AdvisoryId" INTEGER NOT NULL,
    "Key" TEXT NOT NULL,
    CONSTRAINT "FK_OsvPackages_OsvAdvisories_AdvisoryId" FOREIGN KEY ("AdvisoryId") REFERENCES "OsvAdvisories" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SbomComponents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SbomComponents" PRIMARY KEY AUTOINCREMENT,
    "SbomId" INTEGER NOT NULL,
    "ProductVersionId" INTEGER NOT NULL,
    "Purl" TEXT NULL,
    "Package" TEXT NULL,
    "PackageKey" TEXT NULL,
    "Name" TEXT NOT NULL,
    "Group" TEXT NULL,
    "Version" TEXT NULL,
    "Type" TEXT NOT NULL,
    "BomRef" TEXT NULL,
    "Depth" INTEGER NOT NULL,
    CONSTRAINT "FK_SbomComponents_Sboms_SbomId" FOREIGN KEY ("SbomId") REFERENCES "Sboms" ("Id") ON DELETE CASCADE
);

CREATE TABLE "FindingEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FindingEvents" PRIMARY KEY AUTOINCREMENT,
    "FindingId" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "OldState" TEXT NULL,
    "NewState" TEXT NULL,
    "Justification" TEXT NULL,
    "Text" TEXT NULL,
    CONSTRAINT "FK_FindingEvents_Findings_FindingId" FOREIGN KEY ("FindingId") REFERENCES "Findings" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_FindingEvents_FindingId" ON "FindingEvents" ("FindingId");

CREATE INDEX "IX_Findings_AdvisoryId" ON "Findings" ("AdvisoryId");

CREATE INDEX "IX_Findings_Package" ON "Findings" ("Package");

CREATE UNIQUE INDEX "IX_Findings_ProductVersionId_Purl_AdvisoryId" ON "Findings" ("ProductVersionId", "Purl", "AdvisoryId");

CREATE INDEX "IX_Findings_State" ON "Findings" ("State");

CREATE UNIQUE INDEX "IX_OsvAdvisories_OsvId" ON "OsvAdvisories" ("OsvId");

CREATE INDEX "IX_OsvPackages_AdvisoryId" ON "OsvPackages" ("AdvisoryId");

CREATE INDEX "IX_OsvPackages_Key" ON "OsvPackages" ("Key");

CREATE INDEX "IX_SbomComponents_PackageKey" ON "SbomComponents" ("PackageKey");

CREATE INDEX "IX_SbomComponents_ProductVersionId" ON "SbomComponents" ("ProductVersionId");

CREATE INDEX "IX_SbomComponents_SbomId" ON "SbomComponents" ("SbomId");

CREATE UNIQUE INDEX "IX_Sboms_ProductVersionId" ON "Sboms" ("ProductVersionId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126052730_Components', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126071507_AssessmentReportSplit', '10.0.15');

COMMIT;

