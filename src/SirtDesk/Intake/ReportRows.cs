using System.Data.Common;
using SirtDesk.Cases;
using SirtDesk.Data;

namespace SirtDesk.Intake;

/// <summary>
/// The intake's hot path writes its rows with prepared ADO.NET commands instead of EF change tracking, which cost
/// about half a millisecond of CPU per report and capped the group commit (bench/RESULTS.md). The SQL is plain
/// enough for SQLite and PostgreSQL alike; column names and value formats are those of the EF model
/// (enums as their names, instants as UTC), and the intake tests read every field back through EF.
/// </summary>
internal static class ReportRows
{
    private static readonly string[] ReportColumns =
    [
        "TrackingNumber", "TrackingTokenHash", "Kind", "Team", "Status", "Language", "Channel", "ReceivedAt", "Title", "Description",
        "Product", "ProductVersion", "VulnerabilityType", "StepsToReproduce", "Impact", "ProofOfConceptSealed", "DisclosurePlans",
        "OtherPartiesInformed", "AffectedService", "DetectedAt", "DetectedTimeZone", "Scope", "Indicators", "ReporterName",
        "ReporterEmail", "ReporterOrganization", "ReporterPgpKey", "Credit", "CaseId", "MessageId", "Encryption", "SignatureStatus",
        "SignerFingerprint", "OriginalSealed",
    ];

    private static object?[] ReportValues(Report r) =>
    [
        r.TrackingNumber, r.TrackingTokenHash, r.Kind.ToString(), r.Team, r.Status.ToString(), r.Language, r.Channel, r.ReceivedAt.ToUniversalTime(),
        r.Title, r.Description, r.Product, r.ProductVersion, r.VulnerabilityType, r.StepsToReproduce, r.Impact, r.ProofOfConceptSealed,
        r.DisclosurePlans, r.OtherPartiesInformed, r.AffectedService, r.DetectedAt?.ToUniversalTime(), r.DetectedTimeZone, r.Scope, r.Indicators,
        r.ReporterName, r.ReporterEmail, r.ReporterOrganization, r.ReporterPgpKey, r.Credit, r.CaseId, r.MessageId, r.Encryption, r.SignatureStatus,
        r.SignerFingerprint, r.OriginalSealed,
    ];

    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(Report Report, OutboxMessage? Mail, IReadOnlyList<TimelineEntry> Events)> rows, CancellationToken ct)
    {
        await using var report = PreparedCommands.Insert(connection, transaction, "Reports", ReportColumns, returningId: true);
        await using var attachment = PreparedCommands.Insert(connection, transaction, "ReportAttachments", ["ReportId", "FileName", "ContentType", "Length", "Sha256", "Sealed"]);
        await using var outbox = PreparedCommands.Insert(connection, transaction, "Outbox", ["Kind", "Recipient", "Language", "Subject", "Body", "CreatedAt", "SentAt", "Attempts", "Team", "ReportId", "CaseId", "InReplyTo"]);
        await using var timeline = PreparedCommands.Insert(connection, transaction, "Timeline", ["CaseId", "ReportId", "At", "Actor", "Action", "Detail"]);
        foreach (var (r, mail, events) in rows)
        {
            report.Bind(ReportValues(r));
            r.Id = Convert.ToInt64(await report.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var a in r.Attachments)
            {
                a.ReportId = r.Id;
                attachment.Bind([a.ReportId, a.FileName, a.ContentType, a.Length, a.Sha256, a.Sealed]);
                await attachment.ExecuteNonQueryAsync(ct);
            }
            if (mail is not null)
            {
                mail.ReportId = r.Id;
                outbox.Bind([mail.Kind, mail.Recipient, mail.Language, mail.Subject, mail.Body, mail.CreatedAt.ToUniversalTime(), null, 0, mail.Team, mail.ReportId, mail.CaseId, mail.InReplyTo]);
                await outbox.ExecuteNonQueryAsync(ct);
            }
            foreach (var e in events)
            {
                e.ReportId = r.Id;
                timeline.Bind([e.CaseId, e.ReportId, e.At.ToUniversalTime(), e.Actor, e.Action, e.Detail]);
                await timeline.ExecuteNonQueryAsync(ct);
            }
        }
    }
}
