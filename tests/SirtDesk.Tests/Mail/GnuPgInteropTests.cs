using System.Security.Cryptography;
using System.Text;
using MimeKit;
using SirtDesk.Mail;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Mail;

/// <summary>One SirtDesk with team keys of both kinds, and one GnuPG home with a reporter key of each kind.</summary>
public sealed class GnuPgInterop : IAsyncLifetime
{
    public SirtDeskApp App { get; } = new();
    public GnuPg Gpg { get; } = new();
    public Dictionary<string, TeamKey> Teams { get; } = [];
    public Dictionary<string, (string Fingerprint, string Address)> Reporters { get; } = [];

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        Teams["psirt"] = await App.GenerateTeamKeyAsync("psirt", OpenPgp.Ed25519, "Example PSIRT <psirt@example.com>");
        Teams["csirt"] = await App.GenerateTeamKeyAsync("csirt", OpenPgp.Rsa4096, "Example CSIRT <security@example.com>");
        foreach (var team in Teams.Values)
        {
            await Gpg.ImportAsync(team.PublicArmored);
        }
        foreach (var algorithm in new[] { "ed25519", "rsa4096" })
        {
            var address = $"{algorithm}@reporter.example";
            Reporters[algorithm] = (await Gpg.GenerateKeyAsync($"Reporter {algorithm} <{address}>", algorithm), address);
        }
    }

    public async Task DisposeAsync()
    {
        Gpg.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }
}

public sealed class GnuPgInteropTests(GnuPgInterop gnupg) : IClassFixture<GnuPgInterop>
{
    private SirtDeskApp App => gnupg.App;

    [Theory]
    [InlineData("ed25519", "psirt", "csirt")]
    [InlineData("rsa4096", "csirt", "psirt")]
    public async Task Mail_signed_and_encrypted_by_gpg_becomes_a_report_with_its_signature_state(string algorithm, string mimeTeam, string inlineTeam)
    {
        var (fingerprint, address) = gnupg.Reporters[algorithm];
        var poc = RandomNumberGenerator.GetBytes(3000);
        const string description = "Kumo Portal 5.2 の検索欄で反射型 XSS が再現します。\n手順は添付の poc.bin を参照してください。";

        // Unknown signer: decrypted, but the signature cannot be checked yet.
        var mime = await App.ReportAsync(await SendPgpMimeAsync(fingerprint, address, mimeTeam, description, poc));
        var inline = await App.ReportAsync(await SendInlineAsync(fingerprint, address, inlineTeam, "インラインで暗号化した報告です。"));

        Assert.Equal(("pgp-mime", SignatureStates.UnknownKey, null), (mime.Encryption, mime.SignatureStatus, mime.SignerFingerprint));
        Assert.Equal(mimeTeam, mime.Team);
        Assert.Equal(description, mime.Description);
        var attachment = Assert.Single(mime.Attachments);
        Assert.Equal(("poc.bin", "application/octet-stream", Convert.ToHexStringLower(SHA256.HashData(poc))), (attachment.FileName, attachment.ContentType, attachment.Sha256));
        Assert.Equal(("inline-pgp", SignatureStates.UnknownKey), (inline.Encryption, inline.SignatureStatus));
        Assert.Equal(inlineTeam, inline.Team);
        Assert.Equal("インラインで暗号化した報告です。", inline.Description);

        // Once the reporter's key is a partner key, the same kind of mail verifies with the gpg key's fingerprint.
        await App.ImportPartnerKeyAsync(await gnupg.Gpg.ExportAsync(fingerprint));
        var mimeSigned = await App.ReportAsync(await SendPgpMimeAsync(fingerprint, address, mimeTeam, description, poc));
        var inlineSigned = await App.ReportAsync(await SendInlineAsync(fingerprint, address, inlineTeam, "署名を確認できるはずです。"));

        Assert.Equal(("pgp-mime", SignatureStates.Valid, fingerprint), (mimeSigned.Encryption, mimeSigned.SignatureStatus, mimeSigned.SignerFingerprint));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(poc)), Assert.Single(mimeSigned.Attachments).Sha256);
        Assert.Equal(("inline-pgp", SignatureStates.Valid, fingerprint), (inlineSigned.Encryption, inlineSigned.SignatureStatus, inlineSigned.SignerFingerprint));
        Assert.Equal("署名を確認できるはずです。", inlineSigned.Description);
    }

    [Theory]
    [InlineData("psirt@example.com")]
    [InlineData("Joe.Doe@Example.ORG")] // the example of draft-koch-openpgp-webkey-service §3.1
    [InlineData("security-team+jp@example.com")]
    public async Task The_wkd_hash_matches_gpg_wks_client(string address)
    {
        var hash = OpenPgp.WkdHash(address.Split('@')[0]);

        var printed = await GnuPg.WkdAsync("--print-wkd-hash", address);
        var url = await GnuPg.WkdAsync("--print-wkd-url", address);

        Assert.Equal(hash, printed.Split(' ')[0]);
        Assert.Contains($"/hu/{hash}", url, StringComparison.Ordinal);
        if (address == "Joe.Doe@Example.ORG")
        {
            Assert.Equal("iy9q119eutrkn8s1mk4r39qejnbu3n5q", hash);
        }
    }

    private async Task<string> SendPgpMimeAsync(string signer, string address, string team, string description, byte[] poc)
    {
        var inner = new Multipart("mixed");
        var text = new TextPart("plain");
        text.SetText("utf-8", description);
        inner.Add(text);
        inner.Add(new MimePart("application", "octet-stream")
        {
            FileName = "poc.bin",
            Content = new MimeContent(new MemoryStream(poc)),
            ContentTransferEncoding = ContentEncoding.Base64,
        });
        using var buffer = new MemoryStream();
        inner.WriteTo(buffer);
        var armored = await gnupg.Gpg.SignAndEncryptAsync(buffer.ToArray(), signer, gnupg.Teams[team].Fingerprint);
        var result = await App.ReceiveMailAsync(MailCorpus.PgpMime($"Reporter <{address}>", "Encrypted report", $"{Guid.NewGuid():N}", armored), team);
        Assert.Equal(MailOutcome.Stored, result.Outcome);
        return result.TrackingNumber!;
    }

    private async Task<string> SendInlineAsync(string signer, string address, string team, string text)
    {
        var armored = await gnupg.Gpg.SignAndEncryptAsync(Encoding.UTF8.GetBytes(text), signer, gnupg.Teams[team].Fingerprint);
        var result = await App.ReceiveMailAsync(MailCorpus.InlinePgp($"Reporter <{address}>", "Inline encrypted report", $"{Guid.NewGuid():N}", armored), team);
        Assert.Equal(MailOutcome.Stored, result.Outcome);
        return result.TrackingNumber!;
    }
}
