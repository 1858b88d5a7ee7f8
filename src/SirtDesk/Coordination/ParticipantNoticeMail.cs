namespace SirtDesk.Coordination;

/// <summary>
/// The first notice to a participant about a case's vulnerabilities, in the contact's language. It names the
/// vulnerabilities by CVE id or title only: the details follow in the thread, encrypted when the case asks for it.
/// </summary>
public static class ParticipantNoticeMail
{
    public static Intake.MailText Render(string language, string caseNumber, string? contactName, IReadOnlyList<CaseVulnerability> vulnerabilities)
    {
        var items = vulnerabilities.Count == 0 ? null : string.Join("\n", vulnerabilities.Select(v => (language == "ja" ? "・" : "- ") + (v.CveId is null ? v.Title : $"{v.CveId}: {v.Title}")));
        if (language == "ja")
        {
            return new Intake.MailText(
                $"[{caseNumber}] 脆弱性情報のご連絡",
                $"""
                {(string.IsNullOrWhiteSpace(contactName) ? "ご担当者" : contactName)} 様

                当チームで調整中の脆弱性について、貴組織に関係する可能性があるためご連絡いたします。
                {(items is null ? "" : "対象:\n" + items + "\n")}
                影響の有無と対応予定をご返信ください。本件は公表まで非公開として取り扱いをお願いいたします。
                """);
        }
        return new Intake.MailText(
            $"[{caseNumber}] Vulnerability notification",
            $"""
            Dear {(string.IsNullOrWhiteSpace(contactName) ? "colleague" : contactName)},

            We are coordinating a vulnerability that may concern your organisation.
            {(items is null ? "" : "Affected:\n" + items + "\n")}
            Please tell us whether you are affected and what you plan to do. Please keep this confidential until publication.
            """);
    }
}
