using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;
using SirtDesk.Intake;
using SirtDesk.Mail;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Mail;

public sealed class OutboxDeliveryTests(MailApp app) : IClassFixture<MailApp>
{
    [Fact]
    public async Task A_form_submission_is_acknowledged_from_the_team_address_with_a_valid_pgp_mime_signature()
    {
        var key = await app.GenerateTeamKeyAsync("psirt", OpenPgp.Ed25519, "KS-PSIRT <psirt@example.com>");
        var number = await app.SubmitVulnerabilityFormAsync("ja", "form-reporter@example.net", "フォームからの報告");

        var mail = await app.Smtp.WaitForAsync("form-reporter@example.net");

        var m = mail.Message;
        Assert.Equal("psirt@example.com", mail.MailFrom);
        Assert.Equal(["form-reporter@example.net"], mail.RcptTo);
        Assert.Equal("\"KS-PSIRT\" <psirt@example.com>", m.From.ToString());
        Assert.Equal("form-reporter@example.net", m.To.Mailboxes.Single().Address);
        Assert.Equal($"[{number}] ご報告を受け付けました", m.Subject);
        Assert.Equal("auto-replied", m.Headers["Auto-Submitted"]);
        var signed = Assert.IsType<MultipartSigned>(m.Body);
        Assert.Equal("application/pgp-signature", signed.ContentType.Parameters["protocol"]);
        Assert.Equal("pgp-sha256", signed.ContentType.Parameters["micalg"]);
        var text = Assert.IsType<TextPart>(signed[0]);
        Assert.Equal("utf-8", text.ContentType.Charset, ignoreCase: true);
        Assert.Contains(number, text.Text, StringComparison.Ordinal);
        Assert.Contains(key.Fingerprint[..4], text.Text, StringComparison.Ordinal); // footer: "鍵指紋: XXXX XXXX …"

        // GnuPG checks the signature over the bytes as they arrived.
        using var gpg = new GnuPg();
        await gpg.ImportAsync(key.PublicArmored);
        var verified = await gpg.VerifyAsync(MailSteps.Content((MimePart)signed[1]), MailSteps.SignedBytes(mail.Raw, signed.ContentType.Boundary!));
        Assert.True(verified.Has("GOODSIG"), verified.Status + verified.Errors);
        Assert.True(verified.Has("VALIDSIG " + key.Fingerprint), verified.Status);

        var row = await app.SettledRowAsync("form-reporter@example.net");
        Assert.Equal("report-acknowledgement", row.Kind);
        Assert.NotNull(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(m.MessageId, row.MessageId);
        var sent = await app.WithDbAsync(db => db.Timeline.Where(t => t.ReportId == row.ReportId && t.Action == "mail.sent").ToListAsync());
        Assert.Contains("signed, not encrypted", Assert.Single(sent).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OpenPgp.Rsa4096)]
    [InlineData(OpenPgp.Ed25519)]
    public async Task Mail_to_a_reporter_whose_key_is_known_is_signed_and_encrypted_and_gnupg_decrypts_and_verifies_it(string algorithm)
    {
        var reporter = $"gpg-{algorithm}@example.net";
        using var gpg = new GnuPg();
        await gpg.GenerateKeyAsync($"GPG Reporter <{reporter}>");
        await app.ImportPartnerKeyAsync(await gpg.ExportAsync(reporter));
        var key = await app.GenerateTeamKeyAsync("csirt", algorithm, "Security Office <security@example.com>");
        await gpg.ImportAsync(key.PublicArmored);

        var (number, _) = await app.SubmitReportAsync(new { kind = "incident", language = "en", title = "Encrypted acknowledgement", description = "d", reporter = new { email = reporter } });
        var mail = await app.Smtp.WaitForAsync(reporter);

        Assert.Equal("\"Security Office\" <security@example.com>", mail.Message.From.ToString());
        Assert.Equal($"[{number}] We have received your report", mail.Message.Subject);
        var result = await gpg.DecryptAsync(MailSteps.EncryptedPayload(mail.Message));
        Assert.True(result.Has("DECRYPTION_OKAY"), result.Status + result.Errors);
        Assert.True(result.Has("GOODSIG"), result.Status);
        Assert.True(result.Has("VALIDSIG " + key.Fingerprint), result.Status);
        var inner = MimeEntity.Load(new MemoryStream(result.Output));
        Assert.Contains(number, MailSteps.Text(inner), StringComparison.Ordinal);
        Assert.Contains("This message is signed with OpenPGP", MailSteps.Text(inner), StringComparison.Ordinal);
        Assert.DoesNotContain("Encrypted acknowledgement", Encoding.Latin1.GetString(mail.Raw), StringComparison.Ordinal); // the title travels only inside

        var row = await app.SettledRowAsync(reporter);
        Assert.Equal("csirt", row.Team);
        var sent = await app.WithDbAsync(db => db.Timeline.SingleAsync(t => t.ReportId == row.ReportId && t.Action == "mail.sent"));
        Assert.Contains("signed, encrypted", sent.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_nodes_delivering_at_the_same_time_send_each_message_exactly_once()
    {
        var recipients = Enumerable.Range(0, 12).Select(i => $"node-{i}@example.net").ToList();
        foreach (var r in recipients)
        {
            await app.QueueAsync(new OutboxMessage { Kind = "sla-digest", Recipient = r, Language = "ja", Subject = "SLA", Body = "digest", CreatedAt = TimeProvider.System.GetUtcNow() });
        }
        // A second node: its own service instance (and round lock) on the same database, besides this node's background rounds.
        using var other = ActivatorUtilities.CreateInstance<OutboxDelivery>(app.Services);

        await Task.WhenAll(app.DeliverOutboxAsync(), other.RunOnceAsync(CancellationToken.None), other.RunOnceAsync(CancellationToken.None), app.DeliverOutboxAsync());

        foreach (var r in recipients)
        {
            var row = await app.SettledRowAsync(r);
            Assert.NotNull(row.SentAt);
            Assert.Equal(1, row.Attempts);
            Assert.Single(app.Smtp.To(r));
        }
    }

    [Fact]
    public async Task A_recipient_the_server_rejects_for_good_is_given_up_at_once_and_the_next_message_still_goes()
    {
        var rejected = await app.QueueAsync(new OutboxMessage { Kind = "sla-digest", Recipient = "unknown-person@example.net", Language = "en", Subject = "SLA", Body = "b", CreatedAt = TimeProvider.System.GetUtcNow() });
        await app.QueueAsync(new OutboxMessage { Kind = "sla-digest", Recipient = "after-rejection@example.net", Language = "en", Subject = "SLA", Body = "b", CreatedAt = TimeProvider.System.GetUtcNow() });

        await app.DeliverOutboxAsync();

        await app.Smtp.WaitForAsync("after-rejection@example.net");
        var row = await app.SettledRowAsync("unknown-person@example.net");
        Assert.Equal(rejected, row.Id);
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.GivenUpAt);
        Assert.StartsWith("SMTP 550 (RecipientNotAccepted)", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cr_lf_in_the_subject_or_the_recipient_cannot_add_headers_or_recipients()
    {
        var subject = await app.QueueAsync(new OutboxMessage
        {
            Kind = "case-reply",
            Recipient = "crlf-subject@example.net",
            Language = "en",
            Subject = "Hello\r\nBcc: victim@example.org\r\nX-Injected: yes\nSubject: second",
            Body = "Body.\r\n.\r\nMAIL FROM:<evil@example.org>",
            CreatedAt = TimeProvider.System.GetUtcNow(),
            Team = "psirt",
        });
        var recipient = await app.QueueAsync(new OutboxMessage
        {
            Kind = "case-reply",
            Recipient = "crlf-recipient@example.net\r\nBcc: victim@example.org",
            Language = "en",
            Subject = "Hi",
            Body = "Body",
            CreatedAt = TimeProvider.System.GetUtcNow(),
        });
        await app.DeliverOutboxAsync();

        var mail = await app.Smtp.WaitForAsync("crlf-subject@example.net");
        Assert.Equal(["crlf-subject@example.net"], mail.RcptTo);
        Assert.Equal("Hello Bcc: victim@example.org X-Injected: yes Subject: second", mail.Message.Subject);
        Assert.Null(mail.Message.Headers["X-Injected"]);
        Assert.Empty(mail.Message.Bcc);
        Assert.Single(mail.Message.Headers, h => h.Id == HeaderId.Subject);
        Assert.DoesNotContain(app.Smtp.Received, m => m.RcptTo.Any(r => r.Contains("victim", StringComparison.Ordinal)));

        var refused = await app.OutboxAsync(recipient);
        Assert.NotNull(refused.GivenUpAt);
        Assert.Null(refused.SentAt);
        Assert.Contains("not a single valid e-mail address", refused.LastError, StringComparison.Ordinal);
        Assert.NotNull((await app.OutboxAsync(subject)).SentAt);
    }
}
