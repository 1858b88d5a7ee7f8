using SirtDesk.PublicSite;

namespace SirtDesk.Intake;

public sealed record MailText(string Subject, string Body);

/// <summary>The acknowledgement a reporter gets at once, in the language they wrote in.</summary>
public static class ReportAcknowledgementMail
{
    public static MailText Render(TeamProfile profile, Report report, string trackingUrl)
    {
        var team = profile.Organization.ShortName.For(report.Language);
        var hours = profile.BusinessHours.For(report.Language);
        return report.Language == "ja"
            ? new MailText(
                $"[{report.TrackingNumber}] ご報告を受け付けました",
                $"""
                {team} へのご報告ありがとうございます。

                受付番号: {report.TrackingNumber}
                件名: {report.Title}

                対応状況は次の追跡リンクからご確認いただけます。このリンクはご報告者様専用です。第三者に共有しないでください。
                {trackingUrl}

                {hours}

                本メールは自動送信です。
                """)
            : new MailText(
                $"[{report.TrackingNumber}] We have received your report",
                $"""
                Thank you for your report to {team}.

                Tracking number: {report.TrackingNumber}
                Title: {report.Title}

                You can follow its status at the tracking link below. The link is yours alone; please do not share it.
                {trackingUrl}

                {hours}

                This message was sent automatically.
                """);
    }
}
