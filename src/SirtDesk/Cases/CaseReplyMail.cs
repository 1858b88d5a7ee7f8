using SirtDesk.Intake;
using SirtDesk.Mail;

namespace SirtDesk.Cases;

/// <summary>
/// A reply an analyst writes on the case page, in the reporter's language. The subject always carries the case tag
/// (the reporter's answer finds its way back to the case by it) and says nothing about the content: PGP/MIME
/// encrypts the body, never the subject.
/// </summary>
public static class CaseReplyMail
{
    public const int MaxBodyLength = 65536;

    public static string Tag(string caseNumber) => $"[{caseNumber}]";

    public static string DefaultSubject(string caseNumber, string language) =>
        Tag(caseNumber) + " " + (language == "ja" ? "ご報告の件について" : "About your report");

    public static MailText Render(string caseNumber, string language, string subject, string text)
    {
        var tag = Tag(caseNumber);
        var line = OutboundMail.HeaderText(subject);
        if (!line.Contains(tag, StringComparison.Ordinal))
        {
            line = OutboundMail.HeaderText(tag + " " + line);
        }
        var closing = language == "ja"
            ? $"ご返信の際は、件名の {tag} を残したままお送りください。"
            : $"When you answer, please keep {tag} in the subject.";
        return new MailText(line, text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n\n" + closing);
    }
}
