using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Mail;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Mail;

/// <summary>Inline clear-signed mail (RFC 4880 §7) made by gpg --clearsign: verified, and the armour removed from the text.</summary>
public sealed class ClearSignedMailTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    private static byte[] Mail(string from, string id, string body) => Encoding.UTF8.GetBytes(
        $"From: {from}\r\nTo: psirt@example.com\r\nSubject: =?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes("署名付きの報告"))}?=\r\nMessage-ID: <{id}@example.net>\r\n" +
        $"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}");

    private async Task<SirtDesk.Intake.Report> StoredAsync(byte[] raw)
    {
        var result = await app.Services.GetRequiredService<MailIntake>().AcceptAsync("psirt", raw, CancellationToken.None);
        Assert.Equal(MailOutcome.Stored, result.Outcome);
        return await app.WithDbAsync(db => Task.FromResult(db.Reports.Single(r => r.TrackingNumber == result.TrackingNumber)));
    }

    [Fact]
    public async Task A_gpg_clear_signed_mail_is_unknown_key_then_valid_once_the_key_is_held_and_bad_when_altered()
    {
        using var gpg = new GnuPg();
        var fingerprint = await gpg.GenerateKeyAsync("Clear Signer <clear-signer@example.net>");
        const string text = "ログイン画面に脆弱性があります。\n- 手順 1: 管理画面を開く\n末尾の空白   \n";
        var signed = await gpg.ClearSignAsync(text, fingerprint);
        Assert.StartsWith("-----BEGIN PGP SIGNED MESSAGE-----", signed, StringComparison.Ordinal);

        var unknown = await StoredAsync(Mail("clear-signer@example.net", "clear-1", "Hello,\n\n" + signed + "\nregards"));
        Assert.Equal(SignatureStates.UnknownKey, unknown.SignatureStatus);
        Assert.DoesNotContain("BEGIN PGP", unknown.Description, StringComparison.Ordinal);
        Assert.Contains("- 手順 1: 管理画面を開く", unknown.Description, StringComparison.Ordinal);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TeamKeys>().ImportPartnerAsync(System.Text.Encoding.ASCII.GetBytes(await gpg.ExportAsync(fingerprint)), "upload", CancellationToken.None);
        }
        var valid = await StoredAsync(Mail("clear-signer@example.net", "clear-2", signed));
        Assert.Equal(SignatureStates.Valid, valid.SignatureStatus);
        Assert.Equal(fingerprint, valid.SignerFingerprint);

        // The same signed block inside someone else's words does not make their mail "valid".
        var copied = await StoredAsync(Mail("someone-else@example.org", "clear-copied", "Trust me, this is from the vendor:\n\n" + signed));
        Assert.Equal(SignatureStates.None, copied.SignatureStatus);
        Assert.Null(copied.SignerFingerprint);

        var altered = await StoredAsync(Mail("clear-signer@example.net", "clear-3", signed.Replace("脆弱性", "問題", StringComparison.Ordinal)));
        Assert.Equal(SignatureStates.Bad, altered.SignatureStatus);
    }
}
