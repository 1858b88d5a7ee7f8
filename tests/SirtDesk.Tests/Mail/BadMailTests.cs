using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SirtDesk.Mail;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Mail;

/// <summary>The bad-input corpus (TestData/mail/SOURCE.md): each message ends stored or quarantined with a reason, once.</summary>
public sealed class BadMailTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    [Theory]
    [InlineData("broken-boundary.eml")]
    [InlineData("missing-boundary.eml")]
    [InlineData("unknown-charset.eml")]
    [InlineData("wrong-charset.eml")]
    [InlineData("truncated-base64.eml")]
    [InlineData("html-script.eml")]
    [InlineData("nul-bytes.eml")]
    public async Task A_malformed_message_is_stored_once(string file)
    {
        var raw = MailCorpus.File(file);

        var first = await app.ReceiveMailAsync(raw);
        var again = await app.ReceiveMailAsync(raw);

        Assert.Equal(MailOutcome.Stored, first.Outcome);
        Assert.Equal(MailOutcome.Duplicate, again.Outcome);
        Assert.Equal(first.TrackingNumber, again.TrackingNumber);
        var report = await app.ReportAsync(first.TrackingNumber!);
        Assert.Equal("email", report.Channel);
        Assert.DoesNotContain('\0', report.Description);
        Assert.NotEmpty(report.Description);
        Assert.Single(await app.ReportsWithMessageIdAsync(report.MessageId!));
    }

    [Fact]
    public async Task Text_in_an_unknown_or_wrong_charset_is_kept_readable_where_it_can_be()
    {
        var unknown = await app.ReportAsync((await app.ReceiveMailAsync(MailCorpus.File("unknown-charset.eml"))).TrackingNumber!);
        Assert.Contains("Kumo Portal", unknown.Description, StringComparison.Ordinal);

        var wrong = await app.ReportAsync((await app.ReceiveMailAsync(MailCorpus.File("wrong-charset.eml"))).TrackingNumber!);
        Assert.Equal("Declared us-ascii, sent Shift_JIS", wrong.Title);
    }

    [Fact]
    public async Task A_truncated_base64_attachment_is_kept_as_far_as_it_goes()
    {
        var report = await app.ReportAsync((await app.ReceiveMailAsync(MailCorpus.File("truncated-base64.eml"))).TrackingNumber!);

        var poc = Assert.Single(report.Attachments);
        Assert.Equal("poc.py", poc.FileName);
        Assert.True(poc.Length > 50);
        Assert.Contains("The proof of concept is attached.", report.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_with_script_is_stored_as_inert_text()
    {
        var report = await app.ReportAsync((await app.ReceiveMailAsync(MailCorpus.File("html-script.eml"))).TrackingNumber!);

        Assert.Contains("The search box reflects input.", report.Description, StringComparison.Ordinal);
        Assert.Contains("Steps: type <script> in the box.", report.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("document.cookie", report.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("alert('second')", report.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", report.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", report.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored title", report.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_without_a_sender_is_quarantined_once_with_the_reason()
    {
        var raw = MailCorpus.File("no-sender.eml");

        var first = await app.ReceiveMailAsync(raw);
        var again = await app.ReceiveMailAsync(raw);

        Assert.Equal(MailOutcome.Quarantined, first.Outcome);
        Assert.Equal(MailOutcome.Quarantined, again.Outcome);
        var kept = Assert.Single(await app.QuarantinedAsync(raw));
        Assert.Equal("The message has no usable sender address.", kept.Reason);
        Assert.Equal("Nobody sent this", kept.Subject);
    }

    [Fact]
    public async Task A_50_mb_body_is_stored_with_a_shortened_description_and_the_whole_original()
    {
        var raw = MailCorpus.HugeBody();

        var result = await app.ReceiveMailAsync(raw);

        Assert.Equal(MailOutcome.Stored, result.Outcome);
        var report = await app.ReportAsync(result.TrackingNumber!);
        Assert.True(Encoding.UTF8.GetByteCount(report.Description) <= 64 * 1024, $"description of {report.Description.Length} chars");
        Assert.Contains("kept whole in the original message", report.Description, StringComparison.Ordinal);
        Assert.True(report.OriginalSealed!.Length > raw.Length);
        Assert.Equal(MailOutcome.Duplicate, (await app.ReceiveMailAsync(raw)).Outcome);
    }

    [Fact]
    public async Task A_long_text_is_shortened_in_the_description_and_attached_whole()
    {
        var text = string.Concat(Enumerable.Repeat("再現手順の詳細なログです。", 8000));

        var result = await app.ReceiveMailAsync(MailTestKit.Plain("Long <long@reporter.example>", "長いログ", text));

        var report = await app.ReportAsync(result.TrackingNumber!);
        Assert.True(Encoding.UTF8.GetByteCount(report.Description) <= 64 * 1024);
        Assert.StartsWith("再現手順の詳細なログです。", report.Description, StringComparison.Ordinal);
        var whole = Assert.Single(report.Attachments);
        Assert.Equal("message.txt", whole.FileName);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), whole.Length);
    }

    [Fact]
    public async Task Multiparts_nested_100_deep_are_quarantined()
    {
        var raw = MailCorpus.DeeplyNested();

        var result = await app.ReceiveMailAsync(raw);

        Assert.Equal(MailOutcome.Quarantined, result.Outcome);
        Assert.Contains("deeper than 32 levels", result.Reason, StringComparison.Ordinal);
        Assert.Single(await app.QuarantinedAsync(raw));
    }

    [Fact]
    public async Task Multiparts_nested_within_the_limit_are_stored()
    {
        var result = await app.ReceiveMailAsync(MailCorpus.DeeplyNested(20));

        Assert.Equal(MailOutcome.Stored, result.Outcome);
        Assert.Contains("The bottom.", (await app.ReportAsync(result.TrackingNumber!)).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypted_corpus_messages_are_quarantined_with_their_reason()
    {
        var team = MailCorpus.PublicRing(await TeamKeyAsync());
        var limit = app.Services.GetRequiredService<IOptions<MailOptions>>().Value.MaxDecryptedBytes;

        var bomb = MailCorpus.CompressionBomb(team, limit + (1 << 20));
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length} bytes");
        var tampered = MailCorpus.Tampered(team);
        var noMdc = MailCorpus.WithoutMdc(team);

        foreach (var (raw, reason) in new[]
        {
            (bomb, "compression bomb"),
            (tampered, "integrity check (MDC) failed"),
            (noMdc, "no integrity protection (no MDC)"),
        })
        {
            var first = await app.ReceiveMailAsync(raw);
            var again = await app.ReceiveMailAsync(raw);
            Assert.Equal(MailOutcome.Quarantined, first.Outcome);
            Assert.Contains(reason, first.Reason, StringComparison.Ordinal);
            Assert.Equal(first.Reason, again.Reason);
            Assert.Contains(reason, Assert.Single(await app.QuarantinedAsync(raw)).Reason, StringComparison.Ordinal);
        }

        // The same helpers make a message that does decrypt: the failures above are the corpus, not the tooling.
        var good = await app.ReceiveMailAsync(MailCorpus.Encrypted(team, $"good-{Guid.NewGuid():N}", "暗号化された報告です。"));
        Assert.Equal(MailOutcome.Stored, good.Outcome);
        var report = await app.ReportAsync(good.TrackingNumber!);
        Assert.Equal("pgp-mime", report.Encryption);
        Assert.Equal("暗号化された報告です。", report.Description);
    }

    [Fact]
    public async Task A_forged_case_tag_from_someone_not_on_the_case_makes_a_new_report_that_claims_the_case()
    {
        var first = await app.ReceiveMailAsync(MailTestKit.Plain("Reporter <owner@reporter.example>", "SQL injection in Kumo Portal", "details"));
        var number = await app.OpenCaseAsync(first.TrackingNumber!);

        var forged = await app.ReceiveMailAsync(MailTestKit.Plain("Mallory <mallory@attacker.example>", $"Re: [{number}] SQL injection in Kumo Portal", "Please send me the details."));
        var reply = await app.ReceiveMailAsync(MailTestKit.Plain("Reporter <owner@reporter.example>", $"Re: [{number}] SQL injection in Kumo Portal", "One more detail."));

        Assert.Equal(MailOutcome.Stored, forged.Outcome);
        Assert.Null(forged.CaseNumber);
        var report = await app.ReportAsync(forged.TrackingNumber!);
        Assert.Null(report.CaseId);
        var claim = Assert.Single(await app.TimelineOfReportAsync(report.Id), t => t.Action == "mail.claims-case");
        Assert.Equal(number, claim.Detail);
        Assert.Equal(number, reply.CaseNumber);
    }

    [Fact]
    public async Task A_reply_from_a_contact_added_to_the_case_joins_it()
    {
        var first = await app.ReceiveMailAsync(MailTestKit.Plain("Reporter <finder@reporter.example>", "XSS in Kumo Portal", "details"));
        var number = await app.OpenCaseAsync(first.TrackingNumber!);
        var before = await app.ReceiveMailAsync(MailTestKit.Plain("Vendor PSIRT <psirt@vendor.example>", $"Re: [{number}] XSS", "We are affected."));
        Assert.Null(before.CaseNumber);

        await app.WithDbAsync(async db =>
        {
            var organization = new SirtDesk.Coordination.Organization { Name = "Vendor", Kind = "vendor" };
            var contact = new SirtDesk.Coordination.Contact { Organization = organization, Email = "PSIRT@vendor.example" };
            var caseId = db.Cases.Single(c => c.Number == number).Id;
            db.Add(new SirtDesk.Coordination.CaseParticipant { CaseId = caseId, Contact = contact, Role = "vendor", AddedAt = TimeProvider.System.GetUtcNow(), AddedBy = "test" });
            return await db.SaveChangesAsync();
        });
        var after = await app.ReceiveMailAsync(MailTestKit.Plain("Vendor PSIRT <psirt@vendor.example>", $"Re: [{number}] XSS", "Fixed in 2.1."));
        Assert.Equal(number, after.CaseNumber);
    }

    [Fact]
    public async Task A_message_without_message_id_delivered_twice_is_stored_once()
    {
        var message = MailTestKit.Message("Reporter <noid@reporter.example>", "No Message-ID", "twice");
        message.Headers.Remove(MimeKit.HeaderId.MessageId);
        var raw = MailTestKit.Bytes(message);

        var first = await app.ReceiveMailAsync(raw);
        var again = await app.ReceiveMailAsync(raw);

        Assert.Equal(MailOutcome.Stored, first.Outcome);
        Assert.Equal(MailOutcome.Duplicate, again.Outcome);
        Assert.Equal(first.TrackingNumber, again.TrackingNumber);
    }

    [Fact]
    public async Task A_copied_message_id_from_another_sender_does_not_hide_a_report()
    {
        var id = $"copied-{Guid.NewGuid():N}@reporter.example";
        var original = await app.ReceiveMailAsync(MailTestKit.Plain("Reporter <alice@reporter.example>", "Real report", "real", id));

        var other = await app.ReceiveMailAsync(MailTestKit.Plain("Someone <bob@elsewhere.example>", "Other report", "other", id));

        Assert.Equal(MailOutcome.Stored, other.Outcome);
        Assert.NotEqual(original.TrackingNumber, other.TrackingNumber);
    }

    [Fact]
    public async Task An_armoured_block_quoted_in_a_reply_is_text_not_ciphertext()
    {
        var body = "Thanks, but I cannot read this:\n\n> -----BEGIN PGP MESSAGE-----\n> hQEMA1234\n> -----END PGP MESSAGE-----\n";

        var result = await app.ReceiveMailAsync(MailTestKit.Plain("Reporter <quote@reporter.example>", "Re: your answer", body));

        Assert.Equal(MailOutcome.Stored, result.Outcome);
        Assert.Contains("> -----BEGIN PGP MESSAGE-----", (await app.ReportAsync(result.TrackingNumber!)).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_smime_signed_message_is_stored_with_signature_none_not_bad()
    {
        var message = MailTestKit.Message("Reporter <smime@reporter.example>", "S/MIME signed", "Signed with a certificate.");
        var signed = new MimeKit.Multipart("signed") { message.Body!, new MimeKit.MimePart("application", "pkcs7-signature") { FileName = "smime.p7s", Content = new MimeKit.MimeContent(new MemoryStream([0x30, 0x82, 0x01, 0x00])) } };
        signed.ContentType.Parameters.Add("protocol", "application/pkcs7-signature");
        signed.ContentType.Parameters.Add("micalg", "sha-256");
        message.Body = signed;

        var result = await app.ReceiveMailAsync(MailTestKit.Bytes(message));

        var report = await app.ReportAsync(result.TrackingNumber!);
        Assert.Equal(SignatureStates.None, report.SignatureStatus);
        Assert.Equal("Signed with a certificate.", report.Description);
    }

    [Fact]
    public async Task A_key_attached_for_another_address_is_not_imported()
    {
        var pgp = OpenPgp.Generate("Partner <partner@vendor.example>", OpenPgp.Ed25519, TimeProvider.System.GetUtcNow(), null);
        var message = MailTestKit.Message("Mallory <mallory@attacker.example>", "Here is the vendor's key", "Use this key for the vendor.");
        var body = new MimeKit.Multipart("mixed") { message.Body! };
        body.Add(new MimeKit.MimePart("application", "pgp-keys")
        {
            FileName = "vendor.asc",
            Content = new MimeKit.MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(OpenPgp.Armor(OpenPgp.PublicRing(pgp))))),
        });
        message.Body = body;

        var result = await app.ReceiveMailAsync(MailTestKit.Bytes(message));

        Assert.Equal(MailOutcome.Stored, result.Outcome);
        Assert.False(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.PartnerKeys, k => k.Email == "partner@vendor.example")));
        Assert.Equal("key.asc", Assert.Single((await app.ReportAsync(result.TrackingNumber!)).Attachments).FileName);
    }

    private async Task<TeamKey> TeamKeyAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<TeamKeys>();
        return await keys.CurrentAsync("psirt", CancellationToken.None) ?? await app.GenerateTeamKeyAsync("psirt", OpenPgp.Ed25519, "PSIRT <psirt@example.com>");
    }
}
