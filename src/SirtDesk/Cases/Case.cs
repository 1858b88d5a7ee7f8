using SirtDesk.Intake;

namespace SirtDesk.Cases;

public enum CaseStatus
{
    Open,
    Triage,
    InProgress,
    WaitingOnReporter,
    WaitingOnVendor,
    Closed,
}

/// <summary>The team's unit of work: one vulnerability or one incident, owned by one team.</summary>
public sealed class Case
{
    public long Id { get; set; }
    public required string Number { get; set; }
    public required string Team { get; set; }
    public required string Title { get; set; }

    /// <summary>vulnerability or incident: the kind of the report that opened the case; the SLA targets follow it.</summary>
    public string Kind { get; set; } = "vulnerability";
    public CaseStatus Status { get; set; }

    /// <summary>Traffic Light Protocol label: CLEAR, GREEN, AMBER or RED. AMBER and RED mail leaves only encrypted.</summary>
    public string Tlp { get; set; } = "AMBER";

    public static readonly IReadOnlyList<string> TlpLabels = ["CLEAR", "GREEN", "AMBER", "RED"];

    /// <summary>TLP:AMBER and TLP:RED information is never mailed in clear.</summary>
    public static bool RequiresEncryption(string tlp) => tlp is "AMBER" or "RED";

    public bool MailMustBeEncrypted => RequiresEncryption(Tlp);

    /// <summary>Sets the TLP label; false (and no change) for anything but the four labels.</summary>
    public bool ChangeTlp(string tlp)
    {
        if (!TlpLabels.Contains(tlp))
        {
            return false;
        }
        Tlp = tlp;
        return true;
    }

    /// <summary>When the first report of the case arrived: every SLA clock starts here.</summary>
    public DateTimeOffset ClockStartedAt { get; set; }

    // Where the SLA clocks stop: the first case.replied, case.rescored, case.closed and case.disclosed of the
    // timeline, kept here as they are written (CaseOperations) so that lists of cases need not read the timeline.
    // RemediatedAt stays when a case is reopened; ClosedAt does not.
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? TriagedAt { get; set; }
    public DateTimeOffset? RemediatedAt { get; set; }
    public DateTimeOffset? DisclosedAt { get; set; }
    public string? AssigneeId { get; set; }
    public string? AssigneeName { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public List<Report> Reports { get; set; } = [];

    /// <summary>Canonical CVSS vector of the last triage, with its overall score in tenths.</summary>
    public string? CvssVector { get; set; }
    public int? CvssScoreTenths { get; set; }

    /// <summary>The factor values chosen at triage, as JSON (factor key → option value).</summary>
    public string? SeverityFactors { get; set; }
    public Triage.InternalSeverity? Severity { get; set; }
    public string? SeverityExplanationJa { get; set; }
    public string? SeverityExplanationEn { get; set; }
    public int? SeverityPolicyVersion { get; set; }

    public void Assess(string vector, int scoreTenths, string factorsJson, Triage.SeverityAssessment assessment)
    {
        CvssVector = vector;
        CvssScoreTenths = scoreTenths;
        SeverityFactors = factorsJson;
        ApplySeverity(assessment);
    }

    public void ApplySeverity(Triage.SeverityAssessment assessment)
    {
        Severity = assessment.Severity;
        SeverityExplanationJa = assessment.Explain("ja");
        SeverityExplanationEn = assessment.Explain("en");
        SeverityPolicyVersion = assessment.PolicyVersion;
    }

    public bool IsWaiting => Status is CaseStatus.WaitingOnReporter or CaseStatus.WaitingOnVendor;

    public void AssignTo(string userId, string displayName)
    {
        AssigneeId = userId;
        AssigneeName = displayName;
    }

    public void MoveTo(CaseStatus status, DateTimeOffset at)
    {
        if (Status == CaseStatus.Closed && status != CaseStatus.Closed)
        {
            ClosedAt = null;
        }
        Status = status;
        if (status == CaseStatus.Closed)
        {
            ClosedAt = at;
        }
    }
}

/// <summary>
/// A stretch in which the case waited on the reporter or a vendor, from its case.paused to its case.resumed
/// timeline entry (open while it still waits): the SLA clocks do not run in it.
/// </summary>
public sealed class CasePause
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public DateTimeOffset PausedAt { get; set; }
    public DateTimeOffset? ResumedAt { get; set; }
}

/// <summary>One line of a case's (or report's) history: who did what, when. Append-only; it is the audit trail.</summary>
public sealed class TimelineEntry
{
    public long Id { get; set; }
    public long? CaseId { get; set; }
    public long? ReportId { get; set; }
    public Report? Report { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? Detail { get; set; }

    /// <summary>Shown to the case's reporters on their tracking page (a note posted as shareable, or their own message).</summary>
    public bool Shared { get; set; }

    /// <summary>For an entry about another entry (a note made shareable or internal): the entry it is about.</summary>
    public long? RefersToId { get; set; }
}
