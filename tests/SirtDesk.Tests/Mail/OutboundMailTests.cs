using MimeKit;
using MimeKit.Cryptography;
using SirtDesk.Cases;
using SirtDesk.Intake;
using SirtDesk.Mail;

namespace SirtDesk.Tests.Mail;

/// <summary>Composition without a database or a network: headers, templates, signing with a keyring snapshot.</summary>
public sealed class OutboundMailTests
{
    private static readonly MailSender Psirt = new("psirt", "KS-PSIRT", "psirt@example.com");
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

    private static OutboxMessage Row(string kind = "case-reply", string language = "en", string subject = "Subject", string body = "Body", string? inReplyTo = null) =>
        new() { Kind = kind, Recipient = "r@example.net", Language = language, Subject = subject, Body = body, CreatedAt = Now, InReplyTo = inReplyTo };

    [Theory]
    [InlineData("a@example.net\r\nBcc: x@example.org")]
    [InlineData("a@example.net, x@example.org")]
    [InlineData("Name <a@example.net>")]
    [InlineData("a@example.net\nX-Injected: 1")]
    [InlineData("a@@example.net")]
    [InlineData("")]
    public void Anything_but_one_plain_address_is_not_a_recipient(string value)
    {
        Assert.Null(OutboundMail.Recipient(value));
    }

    [Fact]
    public void A_plain_address_is_a_recipient()
    {
        Assert.Equal("reporter@example.net", OutboundMail.Recipient(" reporter@example.net ")!.Address);
    }

    [Fact]
    public void Header_text_is_one_line_and_capped()
    {
        Assert.Equal("a b c d", OutboundMail.HeaderText("a\r\nb\n\tc\u2028d"));
        Assert.Equal(OutboundMail.MaxSubjectLength, OutboundMail.HeaderText(new string('x', 1000)).Length);
    }

    [Fact]
    public void An_unsigned_message_has_the_headers_threading_and_footer_and_no_injected_lines()
    {
        var mail = OutboundMail.Compose(Row(subject: "Hi\r\nBcc: x@example.org", inReplyTo: "parent@example.net"), Psirt, OutboundMail.Recipient("r@example.net")!, "id-1@example.com", Keyring.Empty, null, Now);

        using var buffer = new MemoryStream();
        mail.Message.WriteTo(buffer);
        var parsed = MimeMessage.Load(new MemoryStream(buffer.ToArray()));
        Assert.False(mail.Signed);
        Assert.False(mail.Encrypted);
        Assert.Equal("Hi Bcc: x@example.org", parsed.Subject);
        Assert.Empty(parsed.Bcc);
        Assert.Equal("id-1@example.com", parsed.MessageId);
        Assert.Equal("parent@example.net", parsed.InReplyTo);
        Assert.Equal(["parent@example.net"], parsed.References);
        Assert.EndsWith("-- \nKS-PSIRT <psirt@example.com>", Assert.IsType<TextPart>(parsed.Body).Text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_in_reply_to_is_dropped_rather_than_written()
    {
        var mail = OutboundMail.Compose(Row(inReplyTo: "x@y>\r\nBcc: v@example.org"), Psirt, OutboundMail.Recipient("r@example.net")!, "id-2@example.com", Keyring.Empty, null, Now);

        Assert.Null(mail.Message.InReplyTo);
        Assert.Empty(mail.Message.References);
    }

    [Theory]
    [InlineData("report-acknowledgement", "auto-replied")]
    [InlineData("sla-digest", "auto-generated")]
    [InlineData("case-reply", null)]
    [InlineData("report-out-of-scope", null)]
    public void Only_messages_no_person_wrote_are_marked_auto_submitted(string kind, string? expected)
    {
        var mail = OutboundMail.Compose(Row(kind), Psirt, OutboundMail.Recipient("r@example.net")!, "id@example.com", Keyring.Empty, null, Now);

        Assert.Equal(expected, mail.Message.Headers["Auto-Submitted"]);
    }

    [Fact]
    public void With_a_team_key_the_message_is_pgp_mime_signed_and_verifies_with_the_footer_naming_the_fingerprint()
    {
        var ring = OpenPgp.Generate("KS-PSIRT <psirt@example.com>", OpenPgp.Ed25519, Now, null);
        var keyring = new Keyring([("psirt", ring, true)], []);
        var fingerprint = Convert.ToHexString(ring.GetPublicKey().GetFingerprint());

        var mail = OutboundMail.Compose(Row(language: "ja", body: "本文"), Psirt with { Name = "KS-PSIRT" }, OutboundMail.Recipient("r@example.net")!, "id@example.com", keyring, null, Now);

        using var buffer = new MemoryStream();
        mail.Message.WriteTo(buffer);
        var parsed = MimeMessage.Load(new MemoryStream(buffer.ToArray()));
        var signed = Assert.IsType<MultipartSigned>(parsed.Body);
        using var context = keyring.Context(null);
        Assert.True(Assert.Single(signed.Verify(context)).Verify());
        var text = ((TextPart)signed[0]).Text;
        Assert.Contains("本文", text, StringComparison.Ordinal);
        Assert.Contains("鍵指紋: " + fingerprint[..4] + " " + fingerprint[4..8], text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja", "[PSIRT-2026-0001] ご報告の件について", "ご返信の際は、件名の [PSIRT-2026-0001] を残したままお送りください。")]
    [InlineData("en", "[PSIRT-2026-0001] About your report", "When you answer, please keep [PSIRT-2026-0001] in the subject.")]
    public void The_case_reply_template_speaks_the_reporters_language_and_keeps_the_case_tag(string language, string defaultSubject, string closing)
    {
        var mail = CaseReplyMail.Render("PSIRT-2026-0001", language, "Re: something\r\nBcc: x", "Line one\r\nLine two\r\n");

        Assert.Equal(defaultSubject, CaseReplyMail.DefaultSubject("PSIRT-2026-0001", language));
        Assert.Equal("[PSIRT-2026-0001] Re: something Bcc: x", mail.Subject);
        Assert.Equal("Line one\nLine two\n\n" + closing, mail.Body);
        Assert.Equal("[PSIRT-2026-0001] kept", CaseReplyMail.Render("PSIRT-2026-0001", language, "[PSIRT-2026-0001] kept", "b").Subject);
    }
}
