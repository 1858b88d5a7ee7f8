using System.Net;
using Microsoft.EntityFrameworkCore;
using MimeKit.Cryptography;
using SirtDesk.Intake;
using SirtDesk.Mail;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Mail;

public sealed class CaseReplyTests(MailApp app) : IClassFixture<MailApp>
{
    private async Task<(HttpClient Staff, string CasePath, string CaseNumber)> OpenCaseAsync(string reporter, string language = "ja", string? pgpKey = null)
    {
        var (number, _) = await app.SubmitReportAsync(new { kind = "vulnerability", language, title = "返信のための報告", description = "詳細は本文に。", reporter = new { email = reporter, pgpKey } });
        var email = $"coord-{Guid.NewGuid():N}@example.com";
        await app.CreateStaffAsync(email, "Coordinator", "psirt");
        var staff = await app.SignInAsync(email);
        var opened = await staff.PostFormAsync($"/staff/reports/{number}?handler=OpenCase", [], formPage: $"/staff/reports/{number}");
        var casePath = opened.Headers.Location!.OriginalString;
        return (staff, casePath, casePath.Split('/')[^1]);
    }

    private static Task<HttpResponseMessage> ReplyAsync(HttpClient staff, string casePath, string recipient, string subject, string body, string language = "ja") =>
        staff.PostFormAsync($"{casePath}?handler=Reply", new()
        {
            ["Reply.Recipient"] = recipient,
            ["Reply.Language"] = language,
            ["Reply.Subject"] = subject,
            ["Reply.Body"] = body,
        }, formPage: casePath);

    private Task<List<string>> ActionsAsync(string caseNumber) =>
        app.WithDbAsync(db => db.Timeline.Where(t => db.Cases.Any(c => c.Id == t.CaseId && c.Number == caseNumber)).OrderBy(t => t.Id).Select(t => t.Action).ToListAsync());

    [Fact]
    public async Task A_reply_from_the_case_page_leaves_signed_from_the_team_address_with_the_case_tag_and_is_on_the_timeline()
    {
        const string reporter = "reply-green@example.net";
        var (staff, casePath, caseNumber) = await OpenCaseAsync(reporter);
        await staff.PostFormAsync($"{casePath}?handler=Tlp", new() { ["tlp"] = "GREEN" }, formPage: casePath);

        var page = await staff.GetStringAsync(casePath);
        Assert.Contains($"value=\"[{caseNumber}] ご報告の件について\"", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{reporter}\" selected=\"selected\">", page, StringComparison.Ordinal);
        Assert.Contains("TLP:GREEN", page, StringComparison.Ordinal);

        var response = await ReplyAsync(staff, casePath, reporter, "ご確認のお願い", "ご報告ありがとうございます。\n再現手順を確認しました。");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var mail = await app.Smtp.WaitForAsync(reporter, caseNumber);
        Assert.Equal($"[{caseNumber}] ご確認のお願い", mail.Message.Subject);   // the tag is added when the analyst drops it
        Assert.Equal("psirt@example.com", mail.Message.From.Mailboxes.Single().Address);
        Assert.Null(mail.Message.Headers["Auto-Submitted"]);                    // a person wrote this one
        var text = MailSteps.Text(mail.Message.Body is MultipartSigned signed ? signed[0] : mail.Message.Body!);
        Assert.Contains("再現手順を確認しました。", text, StringComparison.Ordinal);
        Assert.Contains($"件名の [{caseNumber}] を残した", text, StringComparison.Ordinal);

        var row = await app.SettledRowAsync(reporter);
        Assert.Equal("case-reply", row.Kind);
        Assert.Equal("psirt", row.Team);
        Assert.NotNull(row.SentAt);
        var actions = await ActionsAsync(caseNumber);
        Assert.Contains("case.replied", actions);                               // stops the SLA acknowledgement clock
        Assert.NotNull(await app.WithDbAsync(db => db.Cases.Where(c => c.Number == caseNumber).Select(c => c.AcknowledgedAt).SingleAsync()));
        Assert.Contains("mail.sent", actions);
        Assert.Contains("case.tlp", actions);
        var after = await staff.GetStringAsync(casePath);
        Assert.Equal(2, after.Split("<tr data-state=\"Sent\">").Length - 1);   // the reply and the report's acknowledgement
    }

    [Fact]
    public async Task An_amber_case_refuses_a_reply_to_a_reporter_without_a_key_and_queues_nothing()
    {
        const string reporter = "reply-amber@example.net";
        var (staff, casePath, caseNumber) = await OpenCaseAsync(reporter);

        var response = await ReplyAsync(staff, casePath, reporter, $"[{caseNumber}] 件名", "機密の内容");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"reply-message\"", html, StringComparison.Ordinal);
        Assert.Contains("TLP:AMBER", html, StringComparison.Ordinal);
        Assert.Contains(reporter, html, StringComparison.Ordinal);
        Assert.Contains("機密の内容", html, StringComparison.Ordinal);          // what the analyst wrote is kept
        Assert.DoesNotContain(await app.OutboxToAsync(reporter), o => o.Kind == "case-reply");
        Assert.DoesNotContain("case.replied", await ActionsAsync(caseNumber));
    }

    [Fact]
    public async Task An_amber_reply_after_registering_the_key_from_the_report_is_encrypted_for_the_reporter()
    {
        const string reporter = "reply-key@example.net";
        using var gpg = new GnuPg();
        await gpg.GenerateKeyAsync($"Reporter <{reporter}>");
        var (staff, casePath, caseNumber) = await OpenCaseAsync(reporter, "en", await gpg.ExportAsync(reporter));
        var page = await staff.GetStringAsync(casePath);
        Assert.Contains("class=\"import-key\"", page, StringComparison.Ordinal);
        var trackingNumber = await app.WithDbAsync(db => db.Reports.Where(r => r.ReporterEmail == reporter).Select(r => r.TrackingNumber).SingleAsync());

        var imported = await staff.PostFormAsync($"{casePath}?handler=ImportKey", new() { ["trackingNumber"] = trackingNumber }, formPage: casePath);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Contains("報告者の OpenPGP 公開鍵を登録しました", System.Net.WebUtility.HtmlDecode(await staff.GetStringAsync(imported.Headers.Location!.OriginalString)), StringComparison.Ordinal);
        var response = await ReplyAsync(staff, casePath, reporter, "Details", "The fix ships in 5.2.2.", "en");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var mail = await app.Smtp.WaitForAsync(reporter, caseNumber);
        var result = await gpg.DecryptAsync(MailSteps.EncryptedPayload(mail.Message));
        Assert.True(result.Has("DECRYPTION_OKAY"), result.Status + result.Errors);
        var inner = MimeKit.MimeEntity.Load(new MemoryStream(result.Output));
        Assert.Contains("The fix ships in 5.2.2.", MailSteps.Text(inner), StringComparison.Ordinal);
        Assert.Contains($"please keep [{caseNumber}] in the subject", MailSteps.Text(inner), StringComparison.Ordinal);
        Assert.Contains("case.key-imported", await ActionsAsync(caseNumber));
    }

    [Fact]
    public async Task A_key_in_a_report_for_someone_elses_address_is_not_registered()
    {
        using var gpg = new GnuPg();
        await gpg.GenerateKeyAsync("Someone Else <someone-else@example.org>");
        var (staff, casePath, _) = await OpenCaseAsync("key-mismatch@example.net", pgpKey: await gpg.ExportAsync("someone-else@example.org"));
        var trackingNumber = await app.WithDbAsync(db => db.Reports.Where(r => r.ReporterEmail == "key-mismatch@example.net").Select(r => r.TrackingNumber).SingleAsync());

        var response = await staff.PostFormAsync($"{casePath}?handler=ImportKey", new() { ["trackingNumber"] = trackingNumber }, formPage: casePath);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.PartnerKeys.AnyAsync(k => k.Email == "someone-else@example.org")));
    }

    [Fact]
    public async Task A_queued_mail_of_an_amber_case_is_never_sent_in_clear_the_analyst_sees_why()
    {
        const string reporter = "reply-late-amber@example.net";
        var (staff, casePath, caseNumber) = await OpenCaseAsync(reporter);
        var caseId = await app.WithDbAsync(db => db.Cases.Where(c => c.Number == caseNumber).Select(c => c.Id).SingleAsync());
        await app.SettledRowAsync(reporter);                                    // the acknowledgement is out
        // Queued while the case was GREEN (or the key was withdrawn since): the rule is checked again when sending.
        await app.QueueAsync(new OutboxMessage { Kind = "case-reply", Recipient = reporter, Language = "ja", Subject = $"[{caseNumber}] x", Body = "秘密", CreatedAt = TimeProvider.System.GetUtcNow(), Team = "psirt", CaseId = caseId });

        await app.DeliverOutboxAsync();

        var row = await app.SettledRowAsync(reporter);
        Assert.Null(row.SentAt);
        Assert.NotNull(row.GivenUpAt);
        Assert.Contains("TLP:AMBER", row.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Smtp.To(reporter), m => (m.Message.Subject ?? "").Contains(caseNumber, StringComparison.Ordinal));
        Assert.Contains("mail.refused", await ActionsAsync(caseNumber));
        var page = await staff.GetStringAsync(casePath);
        Assert.Contains("<tr data-state=\"Failed\">", page, StringComparison.Ordinal);
        Assert.Contains("no OpenPGP key is known for the recipient", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_acting_staff_of_the_case_team_can_reply()
    {
        const string reporter = "reply-authz@example.net";
        var (_, casePath, _) = await OpenCaseAsync(reporter);
        await app.CreateStaffAsync("reply-auditor@example.com", "Auditor", "psirt");
        await app.CreateStaffAsync("reply-other@example.com", "Coordinator", "csirt");
        var auditor = await app.SignInAsync("reply-auditor@example.com");
        var other = await app.SignInAsync("reply-other@example.com");

        var fields = new Dictionary<string, string> { ["Reply.Recipient"] = reporter, ["Reply.Language"] = "ja", ["Reply.Subject"] = "s", ["Reply.Body"] = "b" };

        var byAuditor = await auditor.PostFormAsync($"{casePath}?handler=Reply", fields, formPage: "/staff");
        var byOtherTeam = await other.PostFormAsync($"{casePath}?handler=Reply", fields, formPage: "/staff");

        Assert.Contains("/staff/denied", byAuditor.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, byOtherTeam.StatusCode);
        Assert.DoesNotContain(await app.OutboxToAsync(reporter), o => o.Kind == "case-reply");
    }
}
