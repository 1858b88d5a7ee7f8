namespace SirtDesk.Intake;

public enum ReportKind
{
    Vulnerability,
    Incident,
}

public enum ReportStatus
{
    New,
    InTriage,
    Accepted,
    Duplicate,
    Spam,
    OutOfScope,
}

public static class ReportStatusNames
{
    public static string ToApi(this ReportStatus status) => status switch
    {
        ReportStatus.New => "new",
        ReportStatus.InTriage => "in-triage",
        ReportStatus.Accepted => "accepted",
        ReportStatus.Duplicate => "duplicate",
        ReportStatus.Spam => "spam",
        ReportStatus.OutOfScope => "out-of-scope",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static ReportStatus? FromApi(string? value) => value switch
    {
        "new" => ReportStatus.New,
        "in-triage" => ReportStatus.InTriage,
        "accepted" => ReportStatus.Accepted,
        "duplicate" => ReportStatus.Duplicate,
        "spam" => ReportStatus.Spam,
        "out-of-scope" => ReportStatus.OutOfScope,
        _ => null,
    };

    public static string ToApi(this ReportKind kind) => kind == ReportKind.Vulnerability ? "vulnerability" : "incident";
}

/// <summary>
/// What someone outside told the team, exactly as they wrote it. Text is stored verbatim (only U+0000 is
/// removed); the proof of concept is encrypted at rest because it is the most dangerous thing we hold.
/// </summary>
public sealed class Report
{
    public long Id { get; set; }
    public required string TrackingNumber { get; set; }
    public required string TrackingTokenHash { get; set; }
    public ReportKind Kind { get; set; }
    public required string Team { get; set; }
    public ReportStatus Status { get; set; }
    public required string Language { get; set; }
    public required string Channel { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    public required string Title { get; set; }
    public required string Description { get; set; }

    public string? Product { get; set; }
    public string? ProductVersion { get; set; }
    public string? VulnerabilityType { get; set; }
    public string? StepsToReproduce { get; set; }
    public string? Impact { get; set; }
    public byte[]? ProofOfConceptSealed { get; set; }
    public string? DisclosurePlans { get; set; }
    public string? OtherPartiesInformed { get; set; }

    public string? AffectedService { get; set; }
    public DateTimeOffset? DetectedAt { get; set; }
    public string? DetectedTimeZone { get; set; }
    public string? Scope { get; set; }
    public string? Indicators { get; set; }

    public string? ReporterName { get; set; }
    public required string ReporterEmail { get; set; }
    public string? ReporterOrganization { get; set; }
    public string? ReporterPgpKey { get; set; }
    public string Credit { get; set; } = "name";

    /// <summary>For mail: the Message-ID, how it was encrypted (none, pgp-mime, inline-pgp) and its signature.</summary>
    public string? MessageId { get; set; }
    public string Encryption { get; set; } = "none";
    public string SignatureStatus { get; set; } = "none";
    public string? SignerFingerprint { get; set; }

    /// <summary>The message exactly as received (the encrypted original for PGP mail), sealed at rest.</summary>
    public byte[]? OriginalSealed { get; set; }

    public long? CaseId { get; set; }
    public Cases.Case? Case { get; set; }
    public List<ReportAttachment> Attachments { get; set; } = [];

    public bool IsOpen => Status is ReportStatus.New or ReportStatus.InTriage;

    public void MarkSpam() => Status = ReportStatus.Spam;

    public void MarkOutOfScope() => Status = ReportStatus.OutOfScope;

    public void Accept(Cases.Case @case)
    {
        Case = @case;
        Status = ReportStatus.Accepted;
    }
}

/// <summary>A file a reporter sent. Content is encrypted at rest; the name is untrusted text.</summary>
public sealed class ReportAttachment
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Sealed { get; set; }
}

/// <summary>An e-mail (or other effect) to perform after the transaction that caused it has committed.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string Recipient { get; set; }
    public required string Language { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>The sub-team whose address sends it (signed with that team's key); null means the first team.</summary>
    public string? Team { get; set; }
    public long? CaseId { get; set; }
    public long? ReportId { get; set; }
    public string? MessageId { get; set; }
    public string? InReplyTo { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Set when delivery stopped for good (too many failures, or refused by policy); the reason is in LastError.</summary>
    public DateTimeOffset? GivenUpAt { get; set; }

    /// <summary>For list mail (advisory notices): the one-click unsubscribe URL (RFC 8058 List-Unsubscribe + List-Unsubscribe-Post).</summary>
    public string? ListUnsubscribe { get; set; }
}
